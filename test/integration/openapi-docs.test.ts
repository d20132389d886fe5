import { createHash } from 'node:crypto';
import { readSwaggerUiFile, swaggerUiFiles, swaggerUiVersion } from '../../functions/api/openapi/swagger-ui/source';
import { swaggerUiVersion as servedVersion } from '../../functions/api/openapi/swagger-ui/assets';
import { startTestExchange, type TestExchange } from '../support/test-exchange';

/**
 * /api/docs: the interactive reference works offline (every asset it references is served by
 * the exchange and no third-party host is named) and under a CSP with no inline script.
 */
let t: TestExchange;
let page: { status: number; headers: Headers; text: string };

beforeAll(async () => {
  t = await startTestExchange();
  page = await t.request('GET', '/api/docs');
}, 60_000);
afterAll(() => t.stop());

/** URLs the page names, except `data:` ones and links within the page (the skip link). */
const referencedUrls = (html: string) =>
  [...html.matchAll(/\s(?:src|href|data-openapi-url)="([^"]+)"/g)]
    .map((m) => m[1].replace(/&amp;/g, '&'))
    .filter((url) => !url.startsWith('data:') && !url.startsWith('#'));
const assetUrls = (html: string) =>
  [...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*\shref)="([^"]+)"/g)].map((m) => m[1]).filter((url) => !url.startsWith('data:'));
const thirdPartyUrls = (text: string) => (text.match(/https?:\/\/[^\s"'()<>]+/g) ?? []).filter((url) => !url.startsWith(t.url));

describe('/api/docs', () => {
  it('is an HTML page under a strict Content-Security-Policy with no inline script or style', () => {
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    for (const script of page.text.match(/<script[^>]*>[\s\S]*?<\/script>/g) ?? []) expect(script).toMatch(/^<script src="[^"]+"><\/script>$/);
    expect(page.text).not.toMatch(/<style|\sstyle=|\son[a-z]+=/i);
  });

  it('references only the exchange itself, and every asset it loads answers 200 with the right type', async () => {
    expect(thirdPartyUrls(page.text)).toEqual([]);
    const urls = referencedUrls(page.text);
    expect(urls.every((url) => url.startsWith(t.url))).toBe(true);
    const assets = assetUrls(page.text);
    // The site's own stylesheet and icon (the reference sits in the site's page), then Swagger UI's files.
    expect(
      assets.map((url) =>
        url
          .split('/')
          .pop()
          ?.replace(/\.[0-9a-f]{10}\./, '.'),
      ),
    ).toEqual(['site.css', 'favicon.svg', 'swagger-ui.css', 'docs.css', 'swagger-ui-bundle.js', 'docs-init.js']);
    for (const url of [...assets, `${t.url}/api/v1/openapi.json`]) {
      const response = await t.request('GET', url.slice(t.url.length));
      expect({ url, status: response.status }).toEqual({ url, status: 200 });
      const expected = url.endsWith('.css')
        ? /^text\/css/
        : url.endsWith('.js')
          ? /^text\/javascript/
          : url.endsWith('.svg')
            ? /^image\/svg\+xml/
            : /^application\/json/;
      expect(response.headers.get('content-type')).toMatch(expected);
      expect(response.text.length).toBeGreaterThan(100);
    }
  });

  it('loads nothing from elsewhere: no third-party URL in its script and styles, no validator, no source maps', async () => {
    const init = (await t.request('GET', '/api/docs/assets/docs-init.js')).text;
    expect(init).toContain('validatorUrl: null');
    expect(init).toContain("getAttribute('data-openapi-url')");
    expect(thirdPartyUrls(init)).toEqual([]);
    for (const name of ['swagger-ui.css', 'docs.css']) {
      const css = (await t.request('GET', `/api/docs/assets/${name}`)).text;
      const loads = [...css.matchAll(/url\(\s*["']?([^"')]+)/g)].map((m) => m[1]).filter((url) => !url.startsWith('data:'));
      expect({ name, loads }).toEqual({ name, loads: [] });
      expect(css).not.toMatch(/@import|sourceMappingURL/);
    }
    expect((await t.request('GET', '/api/docs/assets/swagger-ui-bundle.js')).text).not.toContain('sourceMappingURL');
  });

  it('serves the swagger-ui-dist files exactly as installed (the generated module is current)', async () => {
    expect(servedVersion()).toBe(swaggerUiVersion());
    for (const name of Object.keys(swaggerUiFiles) as Array<keyof typeof swaggerUiFiles>) {
      const served = (await t.request('GET', `/api/docs/assets/${name}`)).text;
      const sha = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
      expect({ name, sha256: sha(served) }).toEqual({ name, sha256: sha(readSwaggerUiFile(name)) });
    }
  });

  it('answers unknown assets with the usual 404, and revalidates with ETags', async () => {
    for (const path of ['/api/docs/assets/index.html', '/api/docs/assets/..%2F..%2Fpackage.json', '/api/docs/assets/constructor']) {
      const response = await t.request('GET', path);
      expect(response.status).toBe(404);
      expect(response.body.error.code).toBe('not_found');
    }
    const first = await t.request('GET', '/api/docs/assets/swagger-ui.css');
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"[0-9a-f]{32}"$/);
    const again = await t.request('GET', '/api/docs/assets/swagger-ui.css', { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(again.text).toBe('');
  });
});

import { createHash } from 'node:crypto';
import { Hono } from 'hono';
import { jsx } from 'hono/jsx';
import { EmbedHtml, HtmlFragment } from '../../../functions/web/html-fragment';
import { bodyETag } from '../../../functions/web/http-caching';
import { render } from '../../../functions/web/render';

/**
 * A rendered page carries its weak ETag from the bytes it is sent as, taken where they are made, so
 * the ETag middleware (bodyETag) only compares it and never reads the body back to hash it.
 */
const page = (text: string) => jsx('html', {}, jsx('body', {}, jsx('p', {}, text))) as never;

const app = new Hono()
  .get('/plain', (c) => render(c, page('Café £5 ✓')))
  .get('/missing', (c) => render(c, page('not here'), { status: 404 }))
  .post('/form', (c) => render(c, page('sent')));
const withETags = new Hono().use(bodyETag).get('/plain', (c) => render(c, page('Café £5 ✓')));

describe('render', () => {
  it('sends a GET page as UTF-8 bytes with the weak ETag of exactly those bytes', async () => {
    const response = await app.request('/plain');
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect(new TextDecoder().decode(bytes)).toBe('<!doctype html><html><body><p>Café £5 ✓</p></body></html>');
    expect(response.headers.get('content-type')).toBe('text/html; charset=UTF-8');
    expect(response.headers.get('etag')).toBe(`W/"${createHash('sha1').update(bytes).digest('hex')}"`);
  });

  it('gives no ETag to an error page or to the answer to a form', async () => {
    expect((await app.request('/missing')).headers.get('etag')).toBeNull();
    expect((await app.request('/form', { method: 'POST' })).headers.get('etag')).toBeNull();
  });

  it('is the tag the ETag middleware answers If-None-Match with', async () => {
    const first = await withETags.request('/plain');
    const tag = first.headers.get('etag')!;
    expect(tag).toBe((await app.request('/plain')).headers.get('etag'));
    const again = await withETags.request('/plain', { headers: { 'if-none-match': tag } });
    expect(again.status).toBe(304);
  });
});

describe('render with cached fragments', () => {
  const cached = new HtmlFragment('<table><tr><td>Café 1 200 ✓</td></tr></table>');
  const Page = ({ note }: { note: string }) =>
    jsx('main', {}, jsx('p', {}, note), jsx(EmbedHtml, { fragment: cached }), jsx('p', {}, 'between'), jsx(EmbedHtml, { fragment: cached }));
  const pages = new Hono().get('/fragments', (c) => render(c, jsx(Page, { note: c.req.query('note') ?? '' }) as never));
  const expected = (note: string) => `<!doctype html><main><p>${note}</p>${cached.html}<p>between</p>${cached.html}</main>`;

  it('puts the bytes of each embedded fragment where it was embedded, with the ETag of the bytes sent', async () => {
    const response = await pages.request('/fragments?note=Hello%20%C2%A3');
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect(new TextDecoder().decode(bytes)).toBe(expected('Hello £'));
    expect(response.headers.get('etag')).toBe(`W/"${createHash('sha1').update(bytes).digest('hex')}"`);
  });

  it('embeds the HTML itself when a fragment is drawn outside render', () => {
    expect(String(jsx(Page, { note: 'x' }))).toBe(expected('x').slice('<!doctype html>'.length));
  });

  it('leaves text that looks like a marker as the text it is', async () => {
    const forged = '\u0001abc:0\u0001';
    const text = await (await pages.request(`/fragments?note=${encodeURIComponent(forged)}`)).text();
    expect(text).toBe(expected(forged));
  });
});

import { createResource, uploadAndWait } from '../support/publishing';
import { datasetInput, startTestExchange, type TestExchange } from '../support/test-exchange';
import { getPage, signIn, type WebSession } from './web-support';

/** Public pages through HTTP: content, the tier policy per visitor, escaping, and the 404 page. */
let t: TestExchange;
let publisher: string;
let partner: string;
let stranger: string;
let publisherSession: WebSession;
let partnerSession: WebSession;
let strangerSession: WebSession;

const XSS_TITLE = 'Air <script>alert("title")</script> readings';
const XSS_DESCRIPTION = 'Hourly readings. <img src=x onerror=alert(1)> [link](javascript:alert(2))';
const DAY = 86_400_000;

const csv = (marker: string) =>
  [
    'site,reading,measured,note',
    ...Array.from({ length: 30 }, (_, i) => `S${i % 4},${(i * 7) % 23}.5,2024-0${1 + (i % 6)}-1${i % 9},${i === 0 ? marker : `plain ${i % 3}`}`),
  ].join('\n');

const publish = async (name: string, tier: 'open' | 'shared' | 'private', marker: string, overrides: Record<string, unknown> = {}) => {
  const created = await t.request('POST', '/api/v1/datasets', {
    token: publisher,
    body: datasetInput(name, {
      tier,
      licence: tier === 'open' ? 'OGL-UK-3.0' : 'proprietary',
      themes: ['environment'],
      keywords: ['air quality'],
      updateFrequency: 'daily',
      ...overrides,
    }),
  });
  if (created.status !== 201) throw new Error(created.text);
  await createResource(t, publisher, name, { name: 'readings', title: 'Readings' });
  const { resource } = await uploadAndWait(t, publisher, name, 'readings', csv(marker), 'readings.csv');
  if (resource.body.status !== 'published') throw new Error(resource.text);
};

beforeAll(async () => {
  t = await startTestExchange();
  publisher = await t.organisationWithToken('web-publisher', 'admin');
  partner = await t.organisationWithToken('web-partner', 'viewer');
  stranger = await t.organisationWithToken('web-stranger', 'admin');
  await publish('web-open', 'open', 'OpenCellMarker', { title: XSS_TITLE, description: XSS_DESCRIPTION });
  await publish('web-shared', 'shared', 'SharedCellMarker', { title: 'Shared kerbside counts', themes: ['transport'] });
  await publish('web-private', 'private', 'PrivateCellMarker', { title: 'Private draft survey' });
  const grant = await t.request('POST', '/api/v1/datasets/web-shared/grants', {
    token: publisher,
    body: {
      organisation: 'web-partner',
      purpose: 'Planning kerbside changes together',
      lawfulBasis: 'public-task',
      agreementReference: 'DSA-WEB-1',
      expiresAt: new Date(Date.now() + 30 * DAY).toISOString(),
    },
  });
  if (grant.status !== 201) throw new Error(grant.text);
  publisherSession = await signIn(t, await t.tokenFor('web-publisher', 'viewer'));
  partnerSession = await signIn(t, partner);
  strangerSession = await signIn(t, stranger);
}, 120_000);
afterAll(() => t.stop());

describe('home page', () => {
  it('shows headline counts, themes, publishers and recent datasets the visitor may see', async () => {
    const page = await getPage(t, '/');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.html).toMatch(/^<!doctype html><html lang="en-GB">/);
    expect(page.html).toContain('<span class="stat__value">2</span> datasets');
    expect(page.html).toContain('Shared kerbside counts');
    expect(page.html).not.toContain('Private draft survey');
    expect(page.html).toContain('/datasets?theme=environment');
    expect(page.html).toContain('href="#main-content"');
  });

  it('counts the private dataset for its publisher signed in with a cookie', async () => {
    const page = await getPage(t, '/', publisherSession);
    expect(page.html).toContain('<span class="stat__value">3</span> datasets');
    expect(page.html).toContain('Private draft survey');
    expect(page.headers.get('cache-control')).toBe('private, no-store');
  });

  it('allows only its own scripts, styles and images, and links only to itself', async () => {
    const page = await getPage(t, '/');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    const urls = [...page.html.matchAll(/(?:href|src|action)="([^"]+)"/g)].map((m) => m[1]);
    expect(urls.length).toBeGreaterThan(10);
    for (const url of urls) expect(url.startsWith(t.url) || url.startsWith('#')).toBe(true);
  });
});

describe('search page', () => {
  it('finds datasets by words, keeps the query in the URL and in every facet link', async () => {
    const page = await getPage(t, '/datasets?q=kerbside');
    expect(page.status).toBe(200);
    expect(page.html).toContain('Shared kerbside counts');
    expect(page.html).not.toContain('alert(&quot;title&quot;)');
    expect(page.html).toContain('value="kerbside"');
    const facetLinks = [...page.html.matchAll(/href="([^"]*\/datasets\?[^"]*)"/g)].map((m) => m[1]);
    expect(facetLinks.length).toBeGreaterThan(2);
    for (const link of facetLinks) expect(link).toContain('q=kerbside');
  });

  it('filters by a facet and shows the tier badge of each result', async () => {
    const page = await getPage(t, '/datasets?tier=shared');
    expect(page.html).toContain('<strong>1</strong> dataset filtered by sharing tier: shared');
    expect(page.html).toContain('<strong class="tag tag--shared">shared</strong>');
    expect(page.html).toContain('Remove filter: shared');
  });

  it('never lists or counts a private dataset for visitors who may not see it', async () => {
    for (const session of [undefined, strangerSession, partnerSession]) {
      const page = await getPage(t, '/datasets?q=survey', session);
      expect(page.html).toContain('<strong>0</strong> datasets');
      expect(page.html).not.toContain('Private draft');
    }
    const own = await getPage(t, '/datasets?q=survey', publisherSession);
    expect(own.html).toContain('Private draft survey');
  });

  it('pages through results with a Next page link', async () => {
    for (let i = 0; i < 21; i++)
      await t.request('POST', '/api/v1/datasets', {
        token: publisher,
        body: datasetInput(`web-paging-${String(i).padStart(2, '0')}`, { keywords: ['paging'] }),
      });
    const first = await getPage(t, '/datasets?keyword=paging');
    expect(first.html).toContain('<strong>21</strong> datasets');
    const next = /href="([^"]+)" rel="next"/.exec(first.html)?.[1].replace(/&amp;/g, '&');
    expect(next).toContain('keyword=paging');
    const second = await getPage(t, next!.slice(t.url.length));
    expect((second.html.match(/class="result"/g) ?? []).length).toBe(1);
    expect(second.html).toContain('First page');
  });
});

describe('dataset page', () => {
  it('escapes metadata text and never emits a javascript: link', async () => {
    const page = await getPage(t, '/datasets/web-open');
    expect(page.status).toBe(200);
    expect(page.html).toContain('Air &lt;script&gt;alert(&quot;title&quot;)&lt;/script&gt; readings');
    expect(page.html).not.toContain('<script>alert');
    expect(page.html).not.toContain('<img src=x');
    expect(page.html).not.toMatch(/href="javascript:/i);
  });

  it('shows metadata, files, a preview table, a column profile, downloads, snippets and links to other views', async () => {
    const { html } = await getPage(t, '/datasets/web-open');
    expect(html).toContain('Open Government Licence v3.0');
    expect(html).toContain('Daily');
    expect(html).toContain('<strong class="tag tag--published">published</strong>');
    expect(html).toContain('<caption class="visually-hidden">Data files of this dataset</caption>');
    expect(html).toContain('<th scope="col" class="num">Size</th>');
    expect(html).toContain('First 10 of 30 rows of Readings (version 1)');
    expect(html).toContain('OpenCellMarker');
    expect(html).toContain('aria-label="Histogram of reading');
    expect(html).toContain('aria-label="Timeline of measured');
    expect(html).toContain('aria-label="Most frequent values of site');
    for (const format of ['csv', 'json', 'ndjson', 'original']) expect(html).toContain(`/datasets/web-open/resources/readings/download?format=${format}`);
    expect(html).toContain('curl -L -o readings.csv');
    expect(html).toContain('import requests');
    expect(html).toContain('await fetch(');
    expect(html).toContain('/api/3/action/package_show?id=web-open');
    expect(html).toContain('/dataset/web-open.jsonld');
    expect(html).toContain('/api/v1/datasets/web-open/datapackage.json');
  });

  it('marks a dataset whose stated frequency has passed as overdue', async () => {
    expect((await getPage(t, '/datasets/web-open')).html).not.toContain('Overdue');
    t.clock.advance(3 * DAY);
    try {
      expect((await getPage(t, '/datasets/web-open')).html).toContain('<strong class="tag tag--overdue">Overdue</strong>');
    } finally {
      t.clock.advance(-3 * DAY);
    }
  });

  it("shows a shared dataset's description to all, but its data only to the publisher and grantees", async () => {
    for (const session of [undefined, strangerSession]) {
      const page = await getPage(t, '/datasets/web-shared', session);
      expect(page.status).toBe(200);
      expect(page.html).toContain('Shared kerbside counts');
      expect(page.html).not.toContain('SharedCellMarker');
      expect(page.html).not.toContain('preview-table');
      expect(page.html).not.toContain(`${t.url}/datasets/web-shared/resources/readings/download`);
      expect(page.html).toContain('The data is shared only with named organisations');
    }
    for (const session of [partnerSession, publisherSession]) {
      const page = await getPage(t, '/datasets/web-shared', session);
      expect(page.html).toContain('SharedCellMarker');
      expect(page.html).toContain(`${t.url}/datasets/web-shared/resources/readings/download?format=csv`);
      expect(page.html).toContain('Authorization: Bearer $LDX_TOKEN');
    }
  });

  it("audits the grantee's preview of shared data", async () => {
    await getPage(t, '/datasets/web-shared', partnerSession);
    const audit = await t.request('GET', '/api/v1/datasets/web-shared/audit', { token: publisher });
    const previews = audit.body.results.filter((e: any) => e.action === 'data.rows' && e.actor.organisation === 'web-partner');
    expect(previews.length).toBeGreaterThan(0);
    expect(previews[0].route).toBe('GET /datasets/:dataset');
  });

  it('answers a private dataset with the same 404 page as one that never existed', async () => {
    for (const session of [undefined, strangerSession, partnerSession]) {
      const missing = await getPage(t, '/datasets/no-such-dataset-here', session);
      expect(missing.status).toBe(404);
      expect(missing.html).toContain('Page not found');
      const page = await getPage(t, '/datasets/web-private', session);
      expect(page.status).toBe(404);
      expect(page.html).toBe(missing.html);
      expect(page.html).not.toContain('Private draft');
    }
    expect((await getPage(t, '/datasets/web-private', publisherSession)).status).toBe(200);
  });

  it('treats an API bearer token on a page like a signed-in session', async () => {
    const page = await getPage(t, '/datasets/web-private', undefined, { authorization: `Bearer ${publisher}` });
    expect(page.status).toBe(200);
    expect(page.html).toContain('PrivateCellMarker');
  });
});

describe('downloads from the pages', () => {
  it('redirects to a short-lived link for open data', async () => {
    const page = await getPage(t, '/datasets/web-open/resources/readings/download?format=csv');
    expect(page.status).toBe(302);
    const file = await fetch(page.location!);
    expect((await file.text()).split('\r\n')[0]).toBe('site,reading,measured,note');
  });

  it('gives shared data only to the grantee, and audits it', async () => {
    expect((await getPage(t, '/datasets/web-shared/resources/readings/download?format=csv')).status).toBe(404);
    expect((await getPage(t, '/datasets/web-shared/resources/readings/download?format=csv', strangerSession)).status).toBe(404);
    const granted = await getPage(t, '/datasets/web-shared/resources/readings/download?format=csv', partnerSession);
    expect(granted.status).toBe(302);
    expect(await (await fetch(granted.location!)).text()).toContain('SharedCellMarker');
    const audit = await t.request('GET', '/api/v1/datasets/web-shared/audit', { token: publisher });
    expect(audit.body.results.some((e: any) => e.action === 'data.download' && e.actor.organisation === 'web-partner')).toBe(true);
  });
});

describe('organisation, schema and sharing register pages', () => {
  it("lists an organisation's datasets as the visitor may see them", async () => {
    const anonymous = await getPage(t, '/organisations/web-publisher');
    expect(anonymous.status).toBe(200);
    const count = (html: string) => Number(/<dt>Datasets<\/dt><dd>(\d+)<\/dd>/.exec(html)![1]);
    const own = await getPage(t, '/organisations/web-publisher', publisherSession);
    expect(count(own.html)).toBe(count(anonymous.html) + 1);
    expect(anonymous.html).not.toContain('Private draft survey');
    expect(anonymous.html).toContain('/datasets?organisation=web-publisher');
    expect((await getPage(t, '/organisations/no-such-org')).status).toBe(404);
    expect((await getPage(t, '/organisations')).html).toContain('Test organisation web-partner');
  });

  it('shows the common data schemas with their fields', async () => {
    const page = await getPage(t, '/schemas');
    expect(page.status).toBe(200);
    expect(page.html).toContain('id="schema-ev-charge-points"');
    expect(page.html).toContain('<th scope="col">Required</th>');
  });

  it('shows the public sharing register as a table', async () => {
    const page = await getPage(t, '/sharing-register');
    expect(page.html).toContain('Planning kerbside changes together');
    expect(page.html).toContain('DSA-WEB-1');
    expect(page.html).toContain('Test organisation web-partner');
  });
});

describe('assets and boundaries', () => {
  it('serves its own stylesheet with long caching, and nothing else under /assets', async () => {
    const home = await getPage(t, '/');
    const css = /href="([^"]+\.css)"/.exec(home.html)![1];
    const response = await fetch(css);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/css/);
    expect(response.headers.get('cache-control')).toContain('immutable');
    expect((await fetch(`${t.url}/assets/../package.json`)).status).toBe(404);
    expect((await fetch(`${t.url}/assets/site.0000000000.css`)).status).toBe(404);
  });

  it('never lets the session cookie authenticate the API', async () => {
    const api = await fetch(`${t.url}/api/v1/datasets/web-private`, { headers: { cookie: publisherSession.cookie } });
    expect(api.status).toBe(404);
  });
});

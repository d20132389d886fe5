import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createApp } from '../../functions/api/app';
import { datasetInput, startTestExchange, type TestExchange } from '../support/test-exchange';
import { getPage, hiddenCsrf, postForm, signIn, type WebSession } from './web-support';

/** The publisher area through HTTP: the cookie session, CSRF, forms with field errors, uploads and sharing. */
let t: TestExchange;
let admin: string;
let session: WebSession & { setCookie: string };
let partnerSession: WebSession;
const DAY = 86_400_000;

beforeAll(async () => {
  t = await startTestExchange();
  admin = await t.organisationWithToken('pub-org', 'admin');
  const partner = await t.organisationWithToken('pub-partner', 'viewer');
  session = await signIn(t, admin);
  partnerSession = await signIn(t, partner);
}, 60_000);
afterAll(() => t.stop());

const jsonFetch = (path: string, init: RequestInit & { csrf?: string; cookie?: string }) =>
  fetch(`${t.url}${path}`, {
    ...init,
    headers: {
      ...(init.cookie ? { cookie: init.cookie } : {}),
      ...(init.csrf ? { 'x-csrf-token': init.csrf } : {}),
      ...(init.headers as Record<string, string>),
    },
  });

describe('signing in and out', () => {
  it('keeps an opaque session id (never the token) in an HttpOnly, SameSite=Strict cookie (not Secure on http://localhost)', () => {
    expect(session.setCookie).toMatch(/^ldx_session=[A-Za-z0-9_-]{43};/);
    expect(session.setCookie).not.toContain(admin);
    expect(session.setCookie).toContain('HttpOnly');
    expect(session.setCookie).toContain('SameSite=Strict');
    expect(session.setCookie).toContain('Path=/');
    expect(session.setCookie).toContain('Max-Age=28800');
    expect(session.setCookie).not.toContain('Secure');
  });

  it('marks the cookie Secure on any other origin', async () => {
    const app = createApp({ domain: t.exchange.domain, publicBaseUrl: 'https://data.example.org' });
    const form = await app.request('https://data.example.org/publish/sign-in');
    const nonce = form.headers.getSetCookie().find((c) => c.startsWith('ldx_signin='))!;
    expect(nonce).toContain('Secure');
    const response = await app.request('https://data.example.org/publish/sign-in', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: nonce.split(';')[0] },
      body: new URLSearchParams({ csrf: hiddenCsrf(await form.text())!, token: admin }),
    });
    expect(response.status).toBe(303);
    expect(response.headers.getSetCookie().find((c) => c.startsWith('ldx_session='))).toMatch(/; Secure/);
  });

  it('sends visitors without a session to the sign-in page', async () => {
    const page = await getPage(t, '/publish');
    expect(page.status).toBe(303);
    expect(page.location).toBe(`${t.url}/publish/sign-in`);
  });

  it('refuses a wrong token, and the administrator token, with a message beside the field', async () => {
    for (const [token, message] of [
      ['ldx_wrongwrongwrongwrongwrongwrongwrongwrongwro', 'That token is not valid or has expired'],
      [t.adminToken, 'administrator token is for the API only'],
    ]) {
      const form = await fetch(`${t.url}/publish/sign-in`);
      const nonce = form.headers.getSetCookie()[0].split(';')[0];
      const response = await postForm(t, '/publish/sign-in', undefined, { csrf: hiddenCsrf(await form.text())!, token }, { cookie: nonce });
      expect(response.status).toBe(401);
      expect(response.html).toContain('class="error-message"');
      expect(response.html).toContain(message);
      expect(response.headers.getSetCookie().some((c) => c.startsWith('ldx_session=ldx'))).toBe(false);
    }
  });

  it("shows the organisation's datasets once signed in", async () => {
    const page = await getPage(t, '/publish', session);
    expect(page.status).toBe(200);
    expect(page.html).toContain('Publish for Test organisation pub-org');
    expect(page.html).toContain('Create a dataset');
  });

  it('signs out: the cookie is cleared', async () => {
    const other = await signIn(t, admin);
    const out = await postForm(t, '/publish/sign-out', other, {});
    expect(out.status).toBe(303);
    expect(out.headers.getSetCookie().find((c) => c.startsWith('ldx_session='))).toMatch(/Max-Age=0/);
  });

  it('drops a session whose token has expired and treats the visitor as anonymous', async () => {
    const shortToken = (await t.request('POST', '/api/v1/organisations/pub-org/tokens', { token: t.adminToken, body: { role: 'viewer', expiresInDays: 1 } }))
      .body.token;
    const short = await signIn(t, shortToken);
    t.clock.advance(2 * DAY);
    try {
      const page = await getPage(t, '/publish', short);
      expect(page.status).toBe(303);
      expect(page.headers.getSetCookie().find((c) => c.startsWith('ldx_session='))).toMatch(/Max-Age=0/);
    } finally {
      t.clock.advance(-2 * DAY);
    }
  });
});

describe('CSRF protection', () => {
  const create = { name: 'csrf-probe', title: 'CSRF probe', licence: 'OGL-UK-3.0', tier: 'private' };

  it("refuses a state-changing form without the token, with a wrong one, or with another session's", async () => {
    for (const csrf of ['', 'wrong', partnerSession.csrf]) {
      const response = await postForm(t, '/publish/datasets/new', session, { ...create, csrf });
      expect(response.status).toBe(403);
      expect(response.html).toContain('This form has expired or did not come from this site');
    }
    expect((await t.request('GET', '/api/v1/datasets/csrf-probe', { token: admin })).status).toBe(404);
  });

  it('refuses a request the browser marks as cross-site even with the right token', async () => {
    const response = await postForm(t, '/publish/datasets/new', session, create, { 'sec-fetch-site': 'cross-site' });
    expect(response.status).toBe(403);
  });

  it('refuses the sign-in form without its nonce cookie (no login CSRF)', async () => {
    const form = await fetch(`${t.url}/publish/sign-in`);
    const response = await postForm(t, '/publish/sign-in', undefined, { csrf: hiddenCsrf(await form.text())!, token: admin });
    expect(response.status).toBe(403);
  });

  it("refuses the upload script's requests without the CSRF header", async () => {
    const response = await jsonFetch('/publish/datasets/x/resources/y/uploads', {
      method: 'POST',
      cookie: session.cookie,
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(response.status).toBe(415);
    const wrong = await jsonFetch('/publish/datasets/x/resources/y/uploads', {
      method: 'POST',
      cookie: session.cookie,
      csrf: 'wrong',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(wrong.status).toBe(403);
    expect(((await wrong.json()) as any).error.code).toBe('forbidden');
  });

  it("accepts the same form with the session's token", async () => {
    const response = await postForm(t, '/publish/datasets/new', session, create);
    expect(response.status).toBe(303);
    expect(response.location).toBe(`${t.url}/publish/datasets/csrf-probe?done=created`);
  });
});

describe('creating and editing datasets', () => {
  it('shows each problem beside its field and keeps what was typed', async () => {
    const response = await postForm(t, '/publish/datasets/new', session, {
      name: 'Bad Name!',
      title: '',
      licence: 'OGL-UK-3.0',
      tier: 'open',
      keywords: 'one, <two>',
      description: 'Kept text',
    });
    expect(response.status).toBe(400);
    expect(response.html).toContain('There is a problem');
    expect(response.html).toMatch(/id="field-name-error"><span class="visually-hidden">Error:<\/span> must be lower-case letters, digits and hyphens/);
    expect(response.html).toContain('id="field-title-error"');
    expect(response.html).toContain('id="field-keywords-error"');
    expect(response.html).toContain('aria-invalid="true"');
    expect(response.html).toContain('href="#field-name"');
    expect(response.html).toContain('value="Bad Name!"');
    expect(response.html).toContain('Kept text</textarea>');
  });

  it('explains a rule that spans fields (an open dataset needs an open licence) beside the licence', async () => {
    const response = await postForm(t, '/publish/datasets/new', session, {
      name: 'licence-check',
      title: 'Licence check',
      licence: 'proprietary',
      tier: 'open',
    });
    expect(response.status).toBe(400);
    expect(response.html).toMatch(/id="field-licence-error">.*an open dataset needs an open licence/);
  });

  it('reports a taken name beside the name field', async () => {
    await postForm(t, '/publish/datasets/new', session, { name: 'taken-name', title: 'First', licence: 'OGL-UK-3.0', tier: 'private' });
    const response = await postForm(t, '/publish/datasets/new', session, { name: 'taken-name', title: 'Second', licence: 'OGL-UK-3.0', tier: 'private' });
    expect(response.status).toBe(409);
    expect(response.html).toMatch(/id="field-name-error">.*already taken/);
  });

  it('creates a dataset with every field of the form', async () => {
    const response = await postForm(t, '/publish/datasets/new', session, {
      name: 'street-trees',
      title: 'Street trees',
      description: 'Every street tree.',
      licence: 'OGL-UK-3.0',
      tier: 'open',
      updateFrequency: 'monthly',
      keywords: 'trees, canopy, trees',
      themes: ['environment', 'planning'],
      'contactPoint.name': 'Trees team',
      'contactPoint.email': 'trees@example.org',
      'temporalCoverage.start': '2020-01-01',
    });
    expect(response.status).toBe(303);
    const stored = await t.request('GET', '/api/v1/datasets/street-trees', { token: admin });
    expect(stored.body).toMatchObject({
      title: 'Street trees',
      tier: 'open',
      keywords: ['trees', 'canopy'],
      themes: ['environment', 'planning'],
      contactPoint: { name: 'Trees team', email: 'trees@example.org' },
      temporalCoverage: { start: '2020-01-01' },
    });
  });

  it('edits a dataset, removing cleared fields, and refuses an edit made from a stale form', async () => {
    const form = await getPage(t, '/publish/datasets/street-trees/edit', session);
    const version = /name="version" value="(\d+)"/.exec(form.html)![1];
    const fields = {
      version,
      title: 'Street trees of the borough',
      licence: 'OGL-UK-3.0',
      tier: 'open',
      description: '',
      keywords: 'trees',
      themes: 'environment',
      'contactPoint.name': '',
      'contactPoint.email': 'trees@example.org',
      'temporalCoverage.start': '2020-01-01',
    };
    const saved = await postForm(t, '/publish/datasets/street-trees/edit', session, fields);
    expect(saved.status).toBe(303);
    const stored = (await t.request('GET', '/api/v1/datasets/street-trees', { token: admin })).body;
    expect(stored.title).toBe('Street trees of the borough');
    expect(stored.description).toBeUndefined();
    expect(stored.contactPoint).toEqual({ email: 'trees@example.org' });
    const stale = await postForm(t, '/publish/datasets/street-trees/edit', session, { ...fields, title: 'Overwrite' });
    expect(stale.status).toBe(412);
    expect(stale.html).toContain('Someone else changed this dataset');
    expect((await t.request('GET', '/api/v1/datasets/street-trees', { token: admin })).body.title).toBe('Street trees of the borough');
  });

  it("shows another organisation's dataset in the publisher area as not found", async () => {
    const other = await t.organisationWithToken('pub-other', 'admin');
    await t.request('POST', '/api/v1/datasets', { token: other, body: datasetInput('other-open') });
    expect((await getPage(t, '/publish/datasets/other-open', session)).status).toBe(404);
    expect((await postForm(t, '/publish/datasets/other-open/edit', session, { title: 'Hijack', licence: 'OGL-UK-3.0', tier: 'open' })).status).toBe(404);
  });
});

describe('data files and uploads', () => {
  const boroughProfiles = readFileSync(join(__dirname, '..', 'fixtures', 'real', 'london-borough-profiles.csv'));

  it('adds a data file, with the error beside the name field when it is invalid', async () => {
    const bad = await postForm(t, '/publish/datasets/street-trees/resources', session, { name: 'Bad name', title: '', format: '' });
    expect(bad.status).toBe(400);
    expect(bad.html).toContain('id="field-name-error"');
    const good = await postForm(t, '/publish/datasets/street-trees/resources', session, { name: 'profiles', title: 'Borough profiles', format: 'csv' });
    expect(good.status).toBe(303);
    expect(good.location).toBe(`${t.url}/publish/datasets/street-trees/resources/profiles`);
    const page = await getPage(t, '/publish/datasets/street-trees/resources/profiles', session);
    expect(page.html).toContain('id="upload-form"');
    expect(page.html).toContain('<progress id="upload-progress"');
    expect(page.headers.get('content-security-policy')).toMatch(/connect-src 'self' http:\/\/127\.0\.0\.1:\d+/);
  });

  it('starts a presigned upload for the script, which PUTs straight to storage, then reports publication', async () => {
    const started = await jsonFetch('/publish/datasets/street-trees/resources/profiles/uploads', {
      method: 'POST',
      cookie: session.cookie,
      csrf: session.csrf,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ filename: 'london-borough-profiles.csv', bytes: boroughProfiles.byteLength, contentType: 'text/csv' }),
    });
    expect(started.status).toBe(201);
    const body = (await started.json()) as any;
    const put = await fetch(body.uploadUrl, { method: 'PUT', headers: { 'content-type': 'text/csv' }, body: boroughProfiles });
    expect(put.status).toBe(200);
    await t.exchange.ingestIdle();
    const status = await (
      await jsonFetch(`/publish/datasets/street-trees/resources/profiles/uploads/${body.uploadId}/status`, { cookie: session.cookie })
    ).json();
    expect(status).toMatchObject({ state: 'published', version: 1, rowCount: 33, summary: 'Published version 1: 33 rows, 84 columns.' });
    const report = await getPage(t, '/publish/datasets/street-trees/resources/profiles/versions/1/report', session);
    expect(report.status).toBe(200);
    expect(report.html).toContain('Every row passed validation.');
  });

  it("accepts a direct upload through the exchange and shows a failed version's report as a table", async () => {
    const put = await jsonFetch('/publish/datasets/street-trees/resources/profiles/data?filename=broken.csv', {
      method: 'PUT',
      cookie: session.cookie,
      csrf: session.csrf,
      headers: { 'content-type': 'text/csv' },
      body: 'Code,Area_name\nE1,One\nE2\n',
    });
    expect(put.status).toBe(202);
    const { uploadId } = (await put.json()) as any;
    await t.exchange.ingestIdle();
    const status = (await (
      await jsonFetch(`/publish/datasets/street-trees/resources/profiles/uploads/${uploadId}/status`, { cookie: session.cookie })
    ).json()) as any;
    expect(status.state).toBe('failed');
    expect(status.summary).toContain('The previous version stays live.');
    const report = await getPage(t, `/publish/datasets/street-trees/resources/profiles/versions/${status.version}/report`, session);
    expect(report.html).toContain('id="report-errors"');
    expect(report.html).toMatch(/<td class="num">\d+<\/td><td class="word-break">[^<]+<\/td><td><code>[a-z-]+<\/code><\/td>/);
  });
});

describe('sharing from the publisher area', () => {
  beforeAll(async () => {
    await postForm(t, '/publish/datasets/new', session, { name: 'partner-data', title: 'Partner data', licence: 'proprietary', tier: 'shared' });
  });

  it('grants access with the problems beside the fields when the terms are incomplete', async () => {
    const bad = await postForm(t, '/publish/datasets/partner-data/grants', session, {
      organisation: '',
      purpose: 'short',
      lawfulBasis: 'public-task',
      agreementReference: '',
      expiresAt: '',
    });
    expect(bad.status).toBe(400);
    for (const field of ['organisation', 'purpose', 'agreementReference', 'expiresAt']) expect(bad.html).toContain(`id="field-${field}-error"`);
    const expiresAt = new Date(Date.now() + 60 * DAY).toISOString().slice(0, 10);
    const good = await postForm(t, '/publish/datasets/partner-data/grants', session, {
      organisation: 'pub-partner',
      purpose: 'Joint analysis of kerbside use',
      lawfulBasis: 'public-task',
      agreementReference: 'DSA-9',
      expiresAt,
    });
    expect(good.status).toBe(303);
    const page = await getPage(t, '/publish/datasets/partner-data/sharing?done=granted', session);
    expect(page.html).toContain('Access was granted.');
    expect(page.html).toContain('Joint analysis of kerbside use');
    expect((await getPage(t, '/sharing-register')).html).toContain('DSA-9');
  });

  it('revokes a grant', async () => {
    const revoked = await postForm(t, '/publish/datasets/partner-data/grants/pub-partner/revoke', session, {});
    expect(revoked.status).toBe(303);
    expect((await getPage(t, '/publish/datasets/partner-data/sharing', session)).html).toContain('<strong class="tag tag--revoked">revoked</strong>');
  });

  it('lets another organisation request access from the dataset page, and the publisher approve it', async () => {
    const page = await getPage(t, '/datasets/partner-data', partnerSession);
    expect(page.html).toContain('Request access for your organisation');
    const sent = await postForm(t, '/publish/datasets/partner-data/access-requests', partnerSession, {
      purpose: 'We need it for the joint study',
      lawfulBasis: 'public-task',
      requestedDays: '30',
    });
    expect(sent.status).toBe(200);
    expect(sent.html).toContain('Request sent');
    const sharing = await getPage(t, '/publish/datasets/partner-data/sharing', session);
    const requestId = /access-requests\/([0-9a-f-]{36})\/approve/.exec(sharing.html)![1];
    const approved = await postForm(t, `/publish/datasets/partner-data/access-requests/${requestId}/approve`, session, { agreementReference: 'DSA-10' });
    expect(approved.status).toBe(303);
    const grants = await t.request('GET', '/api/v1/datasets/partner-data/grants', { token: admin });
    expect(grants.body.results.some((g: any) => g.agreementReference === 'DSA-10' && g.status === 'active')).toBe(true);
  });

  it("shows the audit log to the publisher's admins only", async () => {
    const log = await getPage(t, '/publish/datasets/partner-data/audit', session);
    expect(log.status).toBe(200);
    expect(log.html).toContain('<code>grant.created</code>');
    expect(log.html).toContain('<code>grant.revoked</code>');
    const viewer = await signIn(t, await t.tokenFor('pub-org', 'viewer'));
    expect((await getPage(t, '/publish/datasets/partner-data/audit', viewer)).status).toBe(403);
  });
});

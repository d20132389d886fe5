import { createResource, download, uploadAndWait } from '../support/publishing';
import { datasetInput, startTestExchange, type TestExchange } from '../support/test-exchange';

let t: TestExchange;
let publisher: string;
let publisherEditor: string;
let partner: string;
let stranger: string;
const DAY = 86_400_000;
const inDays = (days: number) => new Date(t.clock.now().getTime() + days * DAY).toISOString();
const base = '/api/v1/datasets/energy-usage';

beforeAll(async () => {
  t = await startTestExchange();
  publisher = await t.organisationWithToken('demo-energy', 'admin');
  publisherEditor = await t.tokenFor('demo-energy', 'editor');
  partner = await t.organisationWithToken('hackney', 'viewer');
  stranger = await t.organisationWithToken('bromley', 'admin');
  await t.request('POST', '/api/v1/datasets', {
    token: publisher,
    body: datasetInput('energy-usage', { tier: 'shared', licence: 'proprietary', title: 'Substation load' }),
  });
  await createResource(t, publisher, 'energy-usage', { name: 'load' });
  await uploadAndWait(t, publisher, 'energy-usage', 'load', 'substation,load_mw\nA,12.5\nB,7\n', 'load.csv');
});
afterAll(() => t.stop());

const grantBody = (overrides: Record<string, unknown> = {}) => ({
  organisation: 'hackney',
  purpose: 'Planning EV charge point locations in Hackney',
  lawfulBasis: 'not-personal-data',
  agreementReference: 'DSA-2026-014',
  expiresAt: inDays(30),
  ...overrides,
});

describe('grants', () => {
  it('validates the terms and names each bad field', async () => {
    const response = await t.request('POST', `${base}/grants`, {
      token: publisher,
      body: { organisation: 'hackney', purpose: 'x', lawfulBasis: 'because', agreementReference: '', expiresAt: '2001-01-01' },
    });
    expect(response.status).toBe(400);
    expect(response.body.error.details.fields.map((f: { field: string }) => f.field).sort()).toEqual([
      'agreementReference',
      'expiresAt',
      'lawfulBasis',
      'purpose',
    ]);
    const tooLong = await t.request('POST', `${base}/grants`, { token: publisher, body: grantBody({ expiresAt: inDays(800) }) });
    expect(tooLong.status).toBe(400);
    const unknownOrg = await t.request('POST', `${base}/grants`, { token: publisher, body: grantBody({ organisation: 'nobody-at-all' }) });
    expect(unknownOrg.status).toBe(400);
  });

  it('can be made only by the publisher’s admins', async () => {
    expect((await t.request('POST', `${base}/grants`, { token: publisherEditor, body: grantBody() })).status).toBe(403);
    expect((await t.request('POST', `${base}/grants`, { token: stranger, body: grantBody() })).status).toBe(403);
    expect((await t.request('POST', `${base}/grants`, { body: grantBody() })).status).toBe(401);
    expect((await t.request('GET', `${base}/grants`, { token: stranger })).status).toBe(403);
  });

  it('gives the partner the data, with download links that never outlive the grant, and audits it', async () => {
    expect((await t.request('GET', `${base}/resources/load/download?format=csv`, { token: partner })).status).toBe(404);
    const granted = await t.request('POST', `${base}/grants`, { token: publisher, body: grantBody({ expiresAt: inDays(30) }) });
    expect(granted.status).toBe(201);
    expect(granted.body).toMatchObject({ organisation: 'hackney', publisher: 'demo-energy', status: 'active' });
    expect((await t.request('POST', `${base}/grants`, { token: publisher, body: grantBody() })).status).toBe(409);

    const file = await download(t, `${base}/resources/load/download?format=csv`, partner);
    expect(file.status).toBe(200);
    expect(file.bytes.toString()).toContain('substation');
    expect((await t.request('GET', `${base}/resources/load/download?format=csv`, { token: stranger })).status).toBe(404);

    // Two minutes before expiry, a link lasts at most two minutes.
    t.clock.advance(30 * DAY - 120_000);
    const late = await t.request('GET', `${base}/resources/load/download?format=csv`, { token: partner });
    expect(late.status).toBe(302);
    const expires = Number(new URL(late.headers.get('location')!).searchParams.get('X-Amz-Expires'));
    expect(expires).toBeLessThanOrEqual(120);
    expect(expires).toBeGreaterThan(100);

    // After expiry: refused at once, no sweep needed.
    t.clock.advance(121_000);
    expect((await t.request('GET', `${base}/resources/load/download?format=csv`, { token: partner })).status).toBe(404);
    const grants = await t.request('GET', `${base}/grants`, { token: publisher });
    expect(grants.body.results.map((g: { status: string }) => g.status)).toEqual(['expired']);

    const audit = await t.request('GET', `${base}/audit`, { token: publisher });
    const downloads = audit.body.results.filter((e: { action: string }) => e.action === 'data.download');
    expect(downloads.length).toBeGreaterThanOrEqual(2);
    expect(downloads[0]).toMatchObject({
      actor: { kind: 'member', organisation: 'hackney', role: 'viewer' },
      route: 'GET /api/v1/datasets/:dataset/resources/:resource/download',
    });
    expect(audit.body.results.map((e: { action: string }) => e.action)).toContain('grant.created');
  });

  it('is revoked at once', async () => {
    await t.request('POST', `${base}/grants`, { token: publisher, body: grantBody({ expiresAt: inDays(10) }) });
    expect((await t.request('GET', `${base}/resources/load/download?format=csv`, { token: partner })).status).toBe(302);
    expect((await t.request('DELETE', `${base}/grants/hackney`, { token: publisherEditor })).status).toBe(403);
    expect((await t.request('DELETE', `${base}/grants/hackney`, { token: publisher })).status).toBe(204);
    expect((await t.request('GET', `${base}/resources/load/download?format=csv`, { token: partner })).status).toBe(404);
    expect((await t.request('DELETE', `${base}/grants/hackney`, { token: publisher })).status).toBe(404);
  });
});

describe('access requests', () => {
  it('flow from request to approval to access, with each party seeing what it should', async () => {
    const islington = await t.organisationWithToken('islington', 'editor');
    const bad = await t.request('POST', `${base}/access-requests`, { token: islington, body: { purpose: 'x', lawfulBasis: 'public-task', requestedDays: 0 } });
    expect(bad.status).toBe(400);
    expect(
      (await t.request('POST', `${base}/access-requests`, { body: { purpose: 'Air quality modelling', lawfulBasis: 'public-task', requestedDays: 30 } }))
        .status,
    ).toBe(401);

    const asked = await t.request('POST', `${base}/access-requests`, {
      token: islington,
      body: { purpose: 'Air quality modelling for the borough', lawfulBasis: 'public-task', requestedDays: 60 },
    });
    expect(asked.status).toBe(201);
    expect(asked.body).toMatchObject({ state: 'pending', organisation: 'islington' });
    expect(
      (
        await t.request('POST', `${base}/access-requests`, {
          token: islington,
          body: { purpose: 'Air quality modelling again', lawfulBasis: 'public-task', requestedDays: 60 },
        })
      ).status,
    ).toBe(409);

    expect((await t.request('GET', `${base}/access-requests`, { token: stranger })).body.results).toEqual([]);
    expect((await t.request('GET', `${base}/access-requests`, { token: islington })).body.results).toHaveLength(1);
    expect((await t.request('GET', `${base}/access-requests`, { token: publisher })).body.results.length).toBeGreaterThanOrEqual(1);

    const id = asked.body.requestId;
    expect((await t.request('POST', `${base}/access-requests/${id}/approve`, { token: islington, body: { agreementReference: 'x' } })).status).toBe(403);
    expect((await t.request('POST', `${base}/access-requests/${id}/approve`, { token: publisher, body: {} })).status).toBe(400);
    const approved = await t.request('POST', `${base}/access-requests/${id}/approve`, { token: publisher, body: { agreementReference: 'DSA-2026-020' } });
    expect(approved.status).toBe(200);
    expect(approved.body.request).toMatchObject({ state: 'approved', grantId: approved.body.grant.grantId });
    const days = (Date.parse(approved.body.grant.expiresAt) - t.clock.now().getTime()) / DAY;
    expect(Math.round(days)).toBe(60);
    expect((await t.request('POST', `${base}/access-requests/${id}/decline`, { token: publisher, body: { reason: 'Changed my mind' } })).status).toBe(409);

    expect((await download(t, `${base}/resources/load/download?format=csv`, islington)).status).toBe(200);
  });

  it('can be declined with a reason the requester can read', async () => {
    const sutton = await t.organisationWithToken('sutton', 'viewer');
    const asked = await t.request('POST', `${base}/access-requests`, {
      token: sutton,
      body: { purpose: 'General curiosity about load', lawfulBasis: 'legitimate-interests', requestedDays: 365 },
    });
    expect((await t.request('POST', `${base}/access-requests/${asked.body.requestId}/decline`, { token: publisher, body: {} })).status).toBe(400);
    const declined = await t.request('POST', `${base}/access-requests/${asked.body.requestId}/decline`, {
      token: publisher,
      body: { reason: 'Not within the purposes of our agreement framework' },
    });
    expect(declined.body).toMatchObject({ state: 'declined', reason: 'Not within the purposes of our agreement framework' });
    const mine = await t.request('GET', `${base}/access-requests`, { token: sutton });
    expect(mine.body.results[0]).toMatchObject({ state: 'declined', reason: expect.any(String) });
    expect((await download(t, `${base}/resources/load/download?format=csv`, sutton)).status).toBe(404);
  });

  it('are refused for open and private datasets (private ones look absent)', async () => {
    await t.request('POST', '/api/v1/datasets', { token: publisher, body: datasetInput('energy-open') });
    await t.request('POST', '/api/v1/datasets', { token: publisher, body: datasetInput('energy-private', { tier: 'private' }) });
    const body = { purpose: 'Modelling energy use', lawfulBasis: 'public-task', requestedDays: 30 };
    expect((await t.request('POST', '/api/v1/datasets/energy-open/access-requests', { token: stranger, body })).status).toBe(409);
    expect((await t.request('POST', '/api/v1/datasets/energy-private/access-requests', { token: stranger, body })).status).toBe(404);
  });
});

describe('the sharing register', () => {
  it('is public, lists active and recently ended grants, and names organisations only', async () => {
    const register = await t.request('GET', '/api/v1/sharing-register');
    expect(register.status).toBe(200);
    const active = register.body.active.filter((e: { dataset: { name: string } }) => e.dataset.name === 'energy-usage');
    expect(active).toEqual([
      expect.objectContaining({
        recipient: { id: 'islington', name: 'Test organisation islington' },
        publisher: { id: 'demo-energy', name: 'Test organisation demo-energy' },
        purpose: 'Air quality modelling for the borough',
        lawfulBasis: 'public-task',
        agreementReference: 'DSA-2026-020',
        status: 'active',
      }),
    ]);
    const ended = register.body.recent.map((e: { recipient: { id: string }; status: string }) => [e.recipient.id, e.status]);
    expect(ended).toEqual(
      expect.arrayContaining([
        ['hackney', 'revoked'],
        ['hackney', 'expired'],
      ]),
    );
    expect(register.text).not.toMatch(/ldx_|tokenId|grantedBy|createdBy/);
  });

  it('drops a dataset at once when it becomes private, and tier changes are audited', async () => {
    const current = await t.request('GET', base, { token: publisher });
    const changed = await t.request('PATCH', base, { token: publisher, body: { tier: 'private' }, headers: { 'if-match': current.headers.get('etag')! } });
    expect(changed.status).toBe(200);
    const register = await t.request('GET', '/api/v1/sharing-register');
    expect(register.text).not.toContain('energy-usage');
    expect(register.text).not.toContain('Substation load');
    const islington = await t.tokenFor('islington', 'viewer');
    expect((await t.request('GET', `${base}/resources/load/download?format=csv`, { token: islington })).status).toBe(404);
    const audit = await t.request('GET', `${base}/audit?limit=1000`, { token: publisher });
    expect(audit.body.results.find((e: { action: string }) => e.action === 'dataset.tier-changed')).toMatchObject({
      details: { from: 'shared', to: 'private' },
    });
  });

  it('audit log pages with a cursor and refuses non-admins', async () => {
    const first = await t.request('GET', `${base}/audit?limit=2`, { token: publisher });
    expect(first.body.results).toHaveLength(2);
    const second = await t.request('GET', first.body.next.replace(t.url, ''), { token: publisher });
    expect(second.status).toBe(200);
    expect(second.body.results[0].auditId > first.body.results[1].auditId).toBe(true);
    expect((await t.request('GET', `${base}/audit`, { token: publisherEditor })).status).toBe(403);
    expect((await t.request('GET', `${base}/audit?cursor=garbage`, { token: publisher })).status).toBe(400);
  });
});

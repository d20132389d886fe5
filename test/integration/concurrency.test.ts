import { randomUUID } from 'node:crypto';
import { createResource, download, uploadAndWait } from '../support/publishing';
import { datasetInput, startTestExchange, type ApiResponse, type TestExchange } from '../support/test-exchange';

/**
 * Writes that must happen once however many requests race for them: each test fires its requests
 * together, over real HTTP, and checks what the database kept.
 */
let t: TestExchange;
let publisher: string;
let datasetId: string;
const PARALLEL = 8;
const DAY = 86_400_000;
const inDays = (days: number) => new Date(t.clock.now().getTime() + days * DAY).toISOString();
const base = '/api/v1/datasets/traffic-counts';
const dataUrl = `${base}/resources/counts/download?format=csv`;

beforeAll(async () => {
  t = await startTestExchange();
  publisher = await t.organisationWithToken('demo-traffic', 'admin');
  const created = await t.request('POST', '/api/v1/datasets', {
    token: publisher,
    body: datasetInput('traffic-counts', { tier: 'shared', licence: 'proprietary' }),
  });
  datasetId = created.body.id;
  await createResource(t, publisher, 'traffic-counts', { name: 'counts' });
  await uploadAndWait(t, publisher, 'traffic-counts', 'counts', 'site,vehicles\nA1,120\nB2,75\n', 'counts.csv');
});
afterAll(() => t.stop());

const grantBody = (organisation: string, overrides: Record<string, unknown> = {}) => ({
  organisation,
  purpose: 'Modelling traffic flows for the borough',
  lawfulBasis: 'public-task',
  agreementReference: 'DSA-2026-101',
  expiresAt: inDays(30),
  ...overrides,
});

const together = <T>(count: number, make: (i: number) => Promise<T>): Promise<T[]> => Promise.all(Array.from({ length: count }, (_, i) => make(i)));
const statuses = (responses: ApiResponse[]) => responses.map((r) => r.status).sort();
const grantsFor = async (organisation: string) =>
  ((await t.request('GET', `${base}/grants`, { token: publisher })).body.results as Array<{ organisation: string; status: string; grantId: string }>).filter(
    (g) => g.organisation === organisation,
  );
const auditActions = async (organisation: string) =>
  ((await t.request('GET', `${base}/audit?limit=1000`, { token: publisher })).body.results as Array<{ action: string; details?: { organisation?: string } }>)
    .filter((e) => e.details?.organisation === organisation)
    .map((e) => e.action);

describe('grants', () => {
  it(`keeps one active grant when ${PARALLEL} grants for the same organisation race, and one revocation ends it`, async () => {
    // Several rounds, as one round of a race may happen to run in turn.
    for (const organisation of ['hackney', 'haringey', 'harrow']) {
      const partner = await t.organisationWithToken(organisation, 'viewer');
      const results = await together(PARALLEL, () => t.request('POST', `${base}/grants`, { token: publisher, body: grantBody(organisation) }));
      expect(statuses(results)).toEqual([201, ...Array(PARALLEL - 1).fill(409)]);
      const winner = results.find((r) => r.status === 201)!.body;
      for (const refused of results.filter((r) => r.status === 409)) {
        expect(refused.body.error.code).toBe('conflict');
        expect(refused.body.error.message).toContain(winner.expiresAt);
        expect(refused.body.error.details).toMatchObject({ grantId: winner.grantId, expiresAt: winner.expiresAt });
      }
      expect((await grantsFor(organisation)).map((g) => g.status)).toEqual(['active']);
      expect((await auditActions(organisation)).filter((a) => a === 'grant.created')).toHaveLength(1);
      expect((await download(t, dataUrl, partner)).status).toBe(200);

      expect((await t.request('DELETE', `${base}/grants/${organisation}`, { token: publisher })).status).toBe(204);
      expect((await t.request('GET', dataUrl, { token: partner })).status).toBe(404);
      expect((await t.request('DELETE', `${base}/grants/${organisation}`, { token: publisher })).status).toBe(404);
    }
  });

  it('lets a new grant replace an ended one, keeping the ended one in the list, the register and the audit log', async () => {
    const partner = await t.organisationWithToken('camden', 'viewer');
    expect(
      (await t.request('POST', `${base}/grants`, { token: publisher, body: grantBody('camden', { expiresAt: inDays(2), agreementReference: 'DSA-OLD-1' }) }))
        .status,
    ).toBe(201);
    t.clock.advance(3 * DAY);
    expect((await t.request('GET', dataUrl, { token: partner })).status).toBe(404);

    const renewed = await together(PARALLEL, () =>
      t.request('POST', `${base}/grants`, { token: publisher, body: grantBody('camden', { agreementReference: 'DSA-NEW-2' }) }),
    );
    expect(statuses(renewed)).toEqual([201, ...Array(PARALLEL - 1).fill(409)]);
    expect((await download(t, dataUrl, partner)).status).toBe(200);
    expect((await grantsFor('camden')).map((g) => g.status).sort()).toEqual(['active', 'expired']);

    const register = await t.request('GET', '/api/v1/sharing-register');
    const mine = (entries: Array<{ recipient: { id: string }; dataset: { name: string }; agreementReference: string; status: string }>) =>
      entries.filter((e) => e.recipient.id === 'camden' && e.dataset.name === 'traffic-counts').map((e) => [e.agreementReference, e.status]);
    expect(mine(register.body.active)).toEqual([['DSA-NEW-2', 'active']]);
    expect(mine(register.body.recent)).toEqual([['DSA-OLD-1', 'expired']]);
    expect((await auditActions('camden')).filter((a) => a === 'grant.created')).toHaveLength(2);
  });

  it(`revokes once when ${PARALLEL} revocations race`, async () => {
    const partner = await t.organisationWithToken('lambeth', 'viewer');
    expect((await t.request('POST', `${base}/grants`, { token: publisher, body: grantBody('lambeth') })).status).toBe(201);
    const results = await together(PARALLEL, () => t.request('DELETE', `${base}/grants/lambeth`, { token: publisher }));
    expect(statuses(results)).toEqual([204, ...Array(PARALLEL - 1).fill(404)]);
    expect((await t.request('GET', dataUrl, { token: partner })).status).toBe(404);
    expect((await auditActions('lambeth')).filter((a) => a === 'grant.revoked')).toHaveLength(1);
    // A revoked grant does not block new terms.
    expect((await t.request('POST', `${base}/grants`, { token: publisher, body: grantBody('lambeth', { agreementReference: 'DSA-2026-102' }) })).status).toBe(
      201,
    );
    expect((await grantsFor('lambeth')).map((g) => g.status).sort()).toEqual(['active', 'revoked']);
  });

  it('honours grants stored before grants had one record per organisation, and one revocation ends all of them', async () => {
    const partner = await t.organisationWithToken('southwark', 'viewer');
    const now = t.clock.now();
    // The duplicates the old read-then-write let through: several active grants for one organisation.
    for (let i = 0; i < 3; i++) {
      const grantId = randomUUID();
      const grantedAt = new Date(now.getTime() - (i + 1) * 1000).toISOString();
      const legacy = { ...grantBody('southwark'), grantId, datasetId, publisher: 'demo-traffic', grantedBy: 'platform-admin', grantedAt };
      await t.exchange.domain.catalogue.create({ pk: `GRANT#${grantId}`, sk: 'GRANT' }, legacy, {
        list: 'GRANTS',
        order: `${datasetId}#${grantedAt}#${grantId}`,
      });
    }
    expect((await download(t, dataUrl, partner)).status).toBe(200);
    expect((await t.request('POST', `${base}/grants`, { token: publisher, body: grantBody('southwark') })).status).toBe(409);

    expect((await t.request('DELETE', `${base}/grants/southwark`, { token: publisher })).status).toBe(204);
    expect((await t.request('GET', dataUrl, { token: partner })).status).toBe(404);
    expect((await grantsFor('southwark')).map((g) => g.status)).toEqual(['revoked', 'revoked', 'revoked']);
    expect((await t.request('POST', `${base}/grants`, { token: publisher, body: grantBody('southwark') })).status).toBe(201);
  });
});

describe('access requests', () => {
  const ask = (token: string) =>
    t.request('POST', `${base}/access-requests`, { token, body: { purpose: 'Junction redesign modelling', lawfulBasis: 'public-task', requestedDays: 90 } });

  it(`records one pending request when ${PARALLEL} requests from one organisation race`, async () => {
    const requester = await t.organisationWithToken('brent', 'editor');
    const results = await together(PARALLEL, () => ask(requester));
    expect(statuses(results)).toEqual([201, ...Array(PARALLEL - 1).fill(409)]);
    const winner = results.find((r) => r.status === 201)!.body;
    for (const refused of results.filter((r) => r.status === 409)) expect(refused.body.error.details).toMatchObject({ requestId: winner.requestId });
    expect((await t.request('GET', `${base}/access-requests`, { token: requester })).body.results).toHaveLength(1);

    // Once decided, the organisation may ask again.
    await t.request('POST', `${base}/access-requests/${winner.requestId}/decline`, { token: publisher, body: { reason: 'Not covered by the agreement' } });
    expect((await ask(requester)).status).toBe(201);
  });

  it(`creates one grant and one decision when ${PARALLEL} approvals of the same request race`, async () => {
    const requester = await t.organisationWithToken('ealing', 'viewer');
    const asked = await ask(requester);
    const results = await together(PARALLEL, () =>
      t.request('POST', `${base}/access-requests/${asked.body.requestId}/approve`, { token: publisher, body: { agreementReference: 'DSA-2026-103' } }),
    );
    expect(statuses(results)).toEqual([200, ...Array(PARALLEL - 1).fill(409)]);
    const approved = results.find((r) => r.status === 200)!.body;
    expect(await grantsFor('ealing')).toEqual([
      expect.objectContaining({ status: 'active', grantId: approved.grant.grantId, accessRequestId: asked.body.requestId }),
    ]);
    const request = (await t.request('GET', `${base}/access-requests`, { token: requester })).body.results[0];
    expect(request).toMatchObject({ state: 'approved', grantId: approved.grant.grantId });
    const actions = await auditActions('ealing');
    expect(actions.filter((a) => a === 'access-request.approved')).toHaveLength(1);
    expect(actions.filter((a) => a === 'grant.created')).toHaveLength(1);
    expect((await download(t, dataUrl, requester)).status).toBe(200);
  });

  it('never leaves a grant behind a declined request when an approval and a decline race', async () => {
    for (let round = 0; round < 4; round++) {
      const organisation = `racer-${round}`;
      const requester = await t.organisationWithToken(organisation, 'viewer');
      const asked = await ask(requester);
      const path = `${base}/access-requests/${asked.body.requestId}`;
      const [approval, decline] = await Promise.all([
        t.request('POST', `${path}/approve`, { token: publisher, body: { agreementReference: 'DSA-2026-104' } }),
        t.request('POST', `${path}/decline`, { token: publisher, body: { reason: 'Not covered by the agreement' } }),
      ]);
      expect([approval.status, decline.status].sort()).toEqual([200, 409]);
      const request = (await t.request('GET', `${base}/access-requests`, { token: requester })).body.results[0];
      const grants = await grantsFor(organisation);
      if (approval.status === 200) {
        expect(request.state).toBe('approved');
        expect(grants.map((g) => [g.grantId, g.status])).toEqual([[request.grantId, 'active']]);
      } else {
        expect(request.state).toBe('declined');
        expect(grants).toEqual([]);
        expect((await t.request('GET', dataUrl, { token: requester })).status).toBe(404);
      }
    }
  });

  it('leaves the request pending when a direct grant wins the race against its approval', async () => {
    for (let round = 0; round < 4; round++) {
      const organisation = `rival-${round}`;
      const requester = await t.organisationWithToken(organisation, 'viewer');
      const asked = await ask(requester);
      const [approval, direct] = await Promise.all([
        t.request('POST', `${base}/access-requests/${asked.body.requestId}/approve`, { token: publisher, body: { agreementReference: 'DSA-2026-105' } }),
        t.request('POST', `${base}/grants`, { token: publisher, body: grantBody(organisation) }),
      ]);
      expect(['200,409', '409,201']).toContain(`${approval.status},${direct.status}`);
      const approvalWon = approval.status === 200;
      const request = (await t.request('GET', `${base}/access-requests`, { token: requester })).body.results[0];
      const grants = await grantsFor(organisation);
      expect(grants.filter((g) => g.status === 'active')).toHaveLength(1);
      if (approvalWon) expect(request).toMatchObject({ state: 'approved', grantId: grants[0].grantId });
      else expect(request.state).toBe('pending');
    }
  });
});

describe('organisations', () => {
  it(`creates an organisation once when ${PARALLEL} creations of the same id race`, async () => {
    const results = await together(PARALLEL, (i) =>
      t.request('POST', '/api/v1/organisations', { token: t.adminToken, body: { id: 'race-borough', name: `Race borough ${i}`, type: 'borough' } }),
    );
    expect(statuses(results)).toEqual([201, ...Array(PARALLEL - 1).fill(409)]);
    const winner = results.find((r) => r.status === 201)!.body;
    const stored = await t.request('GET', '/api/v1/organisations/race-borough');
    expect(stored.body.name).toBe(winner.name);
    expect(stored.headers.get('etag')).toBe('"1"');
    const listed = (await t.request('GET', '/api/v1/organisations')).body.results.filter((o: { id: string }) => o.id === 'race-borough');
    expect(listed).toHaveLength(1);
  });
});

import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { createDocumentClient } from '../../functions/storage/aws-clients';
import { startTestExchange, type TestExchange } from '../support/test-exchange';

let t: TestExchange;
beforeAll(async () => {
  t = await startTestExchange();
});
afterAll(() => t.stop());

describe('organisations', () => {
  it('lets the platform administrator create an organisation, which anyone can then read', async () => {
    const created = await t.request('POST', '/api/v1/organisations', {
      token: t.adminToken,
      body: { id: 'hackney', name: 'London Borough of Hackney', type: 'borough', gssCode: 'E09000012', area: 'Inner London' },
    });
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe(`${t.url}/api/v1/organisations/hackney`);
    expect(created.body).toMatchObject({ id: 'hackney', name: 'London Borough of Hackney', version: 1 });

    const read = await t.request('GET', '/api/v1/organisations/hackney');
    expect(read.status).toBe(200);
    expect(read.headers.get('etag')).toBe('"1"');
    expect(read.body).toMatchObject({ id: 'hackney', gssCode: 'E09000012', datasetCount: 0 });

    const list = await t.request('GET', '/api/v1/organisations');
    expect(list.body.results.map((o: { id: string }) => o.id)).toContain('hackney');
    expect(list.body.count).toBe(list.body.results.length);
  });

  it('refuses anonymous callers with 401 and organisation tokens with 403', async () => {
    const body = { id: 'someone', name: 'Someone', type: 'private' };
    const anonymous = await t.request('POST', '/api/v1/organisations', { body });
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toMatch(/^Bearer/);
    const member = await t.organisationWithToken('islington', 'admin');
    const forbidden = await t.request('POST', '/api/v1/organisations', { token: member, body });
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.error.code).toBe('forbidden');
  });

  it('answers 409 for a taken id and names the failing field for invalid input', async () => {
    const again = await t.request('POST', '/api/v1/organisations', { token: t.adminToken, body: { id: 'hackney', name: 'Again', type: 'borough' } });
    expect(again.status).toBe(409);
    const invalid = await t.request('POST', '/api/v1/organisations', { token: t.adminToken, body: { id: 'Bad Id', name: 'x', type: 'castle' } });
    expect(invalid.status).toBe(400);
    const fields = invalid.body.error.details.fields.map((f: { field: string }) => f.field).sort();
    expect(fields).toEqual(['id', 'type']);
  });

  it('returns 404 for an organisation that does not exist', async () => {
    const missing = await t.request('GET', '/api/v1/organisations/no-such-org');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('not_found');
  });
});

describe('tokens', () => {
  it('issues a token once, stores only its hash, and the token then authenticates', async () => {
    await t.request('POST', '/api/v1/organisations', { token: t.adminToken, body: { id: 'lambeth', name: 'Lambeth', type: 'borough' } });
    const issued = await t.request('POST', '/api/v1/organisations/lambeth/tokens', { token: t.adminToken, body: { role: 'editor', label: 'ci' } });
    expect(issued.status).toBe(201);
    expect(issued.headers.get('cache-control')).toMatch(/no-store/);
    expect(issued.body.token).toMatch(/^ldx_[A-Za-z0-9_-]{43}$/);
    expect(issued.body).toMatchObject({ organisation: 'lambeth', role: 'editor', label: 'ci' });

    const scan = await createDocumentClient(t.exchange.endpoints).send(new ScanCommand({ TableName: t.exchange.names.table }));
    const everything = JSON.stringify(scan.Items);
    expect(everything).toContain(issued.body.tokenId);
    expect(everything).not.toContain(issued.body.token);
    expect(everything).not.toContain(issued.body.token.slice(4));

    const created = await t.request('POST', '/api/v1/datasets', {
      token: issued.body.token,
      body: { name: 'lambeth-trees', title: 'Street trees', licence: 'OGL-UK-3.0', tier: 'open' },
    });
    expect(created.status).toBe(201);
    expect(created.body.organisation).toBe('lambeth');
  });

  it("lets an organisation's admin issue its own tokens but not another organisation's", async () => {
    const admin = await t.organisationWithToken('southwark', 'admin');
    expect((await t.request('POST', '/api/v1/organisations/southwark/tokens', { token: admin, body: { role: 'viewer' } })).status).toBe(201);
    expect((await t.request('POST', '/api/v1/organisations/lambeth/tokens', { token: admin, body: { role: 'admin' } })).status).toBe(403);
    const editor = await t.tokenFor('southwark', 'editor');
    expect((await t.request('POST', '/api/v1/organisations/southwark/tokens', { token: editor, body: { role: 'admin' } })).status).toBe(403);
  });

  it('validates token requests', async () => {
    const bad = await t.request('POST', '/api/v1/organisations/lambeth/tokens', { token: t.adminToken, body: { role: 'owner', expiresInDays: 10_000 } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.fields.map((f: { field: string }) => f.field)).toEqual(['role', 'expiresInDays']);
    const missingOrg = await t.request('POST', '/api/v1/organisations/nowhere/tokens', { token: t.adminToken, body: { role: 'viewer' } });
    expect(missingOrg.status).toBe(404);
  });

  it('answers 401 for forged, malformed and expired tokens', async () => {
    const forged = `ldx_${'A'.repeat(43)}`;
    for (const authorization of [`Bearer ${forged}`, 'Bearer not-a-token', 'Basic dXNlcjpwYXNz', 'Bearer', `Bearer ${t.adminToken}x`]) {
      const response = await t.request('GET', '/api/v1/datasets', { headers: { authorization } });
      expect({ authorization, status: response.status }).toEqual({ authorization, status: 401 });
      expect(response.body.error.code).toBe('unauthorized');
    }
    const shortLived = await t.request('POST', '/api/v1/organisations/lambeth/tokens', { token: t.adminToken, body: { role: 'viewer', expiresInDays: 1 } });
    expect((await t.request('GET', '/api/v1/datasets', { token: shortLived.body.token })).status).toBe(200);
    t.clock.advance(2 * 86_400_000);
    const expired = await t.request('GET', '/api/v1/datasets', { token: shortLived.body.token });
    expect(expired.status).toBe(401);
    expect(expired.body.error.message).toMatch(/expired/);
  });
});

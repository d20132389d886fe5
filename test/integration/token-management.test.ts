import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { LAST_USED_GRANULARITY_MS, tokenKey, tokenListing, type TokenRecord } from '../../functions/domain/token-records';
import { hashToken, newToken, tokenIdFromHash } from '../../functions/domain/tokens';
import { createDocumentClient } from '../../functions/storage/aws-clients';
import { startTestExchange, type TestExchange } from '../support/test-exchange';
import { getPage, signIn } from './web-support';

/** Listing and revoking an organisation's tokens through the API, and what a revocation ends. */
let t: TestExchange;
let admin: string;
const MINUTE = 60_000;

const issue = async (org: string, body: Record<string, unknown>, token = t.adminToken) => {
  const issued = await t.request('POST', `/api/v1/organisations/${org}/tokens`, { token, body });
  expect(issued.status).toBe(201);
  return issued.body as { token: string; tokenId: string };
};
const list = (org: string, token: string | undefined) => t.request('GET', `/api/v1/organisations/${org}/tokens`, { token });
const revoke = (org: string, tokenId: string, token: string | undefined) => t.request('DELETE', `/api/v1/organisations/${org}/tokens/${tokenId}`, { token });
const datasets = (token: string) => t.request('GET', '/api/v1/datasets', { token });

beforeAll(async () => {
  t = await startTestExchange();
  admin = await t.organisationWithToken('tok-org', 'admin');
  await t.organisationWithToken('tok-other', 'admin');
}, 60_000);
afterAll(() => t.stop());

describe('listing tokens', () => {
  it("shows an admin their organisation's tokens with label, role, dates and status, never a secret or its hash", async () => {
    const issued = await issue('tok-org', { role: 'editor', label: 'Nightly pipeline', expiresInDays: 30 });
    const response = await list('tok-org', admin);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toMatch(/no-store/);
    const entry = response.body.results.find((r: { tokenId: string }) => r.tokenId === issued.tokenId);
    expect(entry).toMatchObject({ organisation: 'tok-org', role: 'editor', label: 'Nightly pipeline', status: 'active', createdBy: 'platform-admin' });
    expect(Object.keys(entry).sort()).toEqual(['created', 'createdBy', 'expiresAt', 'label', 'organisation', 'role', 'status', 'tokenId']);
    expect(response.body.count).toBe(response.body.results.length);
    for (const secret of [issued.token, admin]) {
      expect(response.text).not.toContain(secret);
      expect(response.text).not.toContain(secret.slice(4));
      expect(response.text).not.toContain(hashToken(secret));
    }
  });

  it('records when a token was last used, at most once per granularity interval', async () => {
    const { token, tokenId } = await issue('tok-org', { role: 'viewer' });
    const lastUsed = async () => (await list('tok-org', admin)).body.results.find((r: { tokenId: string }) => r.tokenId === tokenId).lastUsedAt;
    expect(await lastUsed()).toBeUndefined();
    await datasets(token);
    const first = await lastUsed();
    expect(Date.parse(first)).toBeGreaterThan(Date.now() - MINUTE);
    // The documented granularity is five minutes: a use four minutes later writes nothing, one six minutes later does.
    expect(LAST_USED_GRANULARITY_MS).toBe(5 * MINUTE);
    t.clock.advance(4 * MINUTE);
    await datasets(token);
    expect(await lastUsed()).toBe(first);
    t.clock.advance(2 * MINUTE);
    await datasets(token);
    expect(Date.parse(await lastUsed())).toBeGreaterThanOrEqual(Date.parse(first) + 6 * MINUTE);
  });

  it("refuses anyone but the organisation's admins and the platform administrator", async () => {
    const editor = await t.tokenFor('tok-org', 'editor');
    const otherAdmin = await t.tokenFor('tok-other', 'admin');
    expect((await list('tok-org', undefined)).status).toBe(401);
    for (const token of [editor, await t.tokenFor('tok-org', 'viewer'), otherAdmin]) {
      const refused = await list('tok-org', token);
      expect(refused.status).toBe(403);
      expect(refused.body.error.code).toBe('forbidden');
      expect(refused.text).not.toContain('tokenId');
    }
    expect((await list('tok-org', t.adminToken)).status).toBe(200);
    expect((await list('no-such-org', t.adminToken)).status).toBe(404);
  });
});

describe('revoking tokens', () => {
  it('refuses the revoked token on the very next request, and leaves other tokens working', async () => {
    const victim = await issue('tok-org', { role: 'editor', label: 'leaked' });
    const bystander = await issue('tok-org', { role: 'editor' });
    expect((await datasets(victim.token)).status).toBe(200);

    const revoked = await revoke('tok-org', victim.tokenId, admin);
    expect(revoked.status).toBe(204);
    const next = await datasets(victim.token);
    expect(next.status).toBe(401);
    expect(next.body.error.message).toMatch(/revoked/);
    expect((await datasets(bystander.token)).status).toBe(200);

    const entry = (await list('tok-org', admin)).body.results.find((r: { tokenId: string }) => r.tokenId === victim.tokenId);
    expect(entry).toMatchObject({ status: 'revoked', revokedBy: tokenIdFromHash(hashToken(admin)) });
    expect(Date.parse(entry.revokedAt)).toBeGreaterThan(Date.now() - MINUTE);
    expect((await revoke('tok-org', victim.tokenId, admin)).status).toBe(204);
    expect((await datasets(victim.token)).status).toBe(401);
  });

  it('ends every browser session signed in with the revoked token at once', async () => {
    const { token, tokenId } = await issue('tok-org', { role: 'viewer' });
    const session = await signIn(t, token);
    expect((await getPage(t, '/publish', session)).status).toBe(200);
    expect((await revoke('tok-org', tokenId, t.adminToken)).status).toBe(204);
    const after = await getPage(t, '/publish', session);
    expect(after.status).toBe(303);
    expect(after.location).toBe(`${t.url}/publish/sign-in`);
    expect(after.headers.getSetCookie().find((c) => c.startsWith('ldx_session='))).toMatch(/Max-Age=0/);
  });

  it("refuses non-admins and other organisations' admins without revealing whether a token exists", async () => {
    const target = await issue('tok-org', { role: 'viewer' });
    const otherAdmin = await t.tokenFor('tok-other', 'admin');
    expect((await revoke('tok-org', target.tokenId, undefined)).status).toBe(401);
    for (const token of [await t.tokenFor('tok-org', 'editor'), otherAdmin]) {
      expect((await revoke('tok-org', target.tokenId, token)).status).toBe(403);
      expect((await revoke('tok-org', '000000000000', token)).status).toBe(403);
    }
    // Through the admin's own organisation, another organisation's token does not exist.
    const sideways = await revoke('tok-other', target.tokenId, otherAdmin);
    expect(sideways.status).toBe(404);
    expect(sideways.text).not.toContain(target.tokenId);
    expect((await datasets(target.token)).status).toBe(200);
  });

  it('answers 404 for unknown and malformed token ids, and lets the platform administrator revoke', async () => {
    for (const tokenId of ['000000000000', 'not-an-id', 'A'.repeat(64)]) {
      const missing = await revoke('tok-org', tokenId, admin);
      expect({ tokenId, status: missing.status, code: missing.body.error.code }).toEqual({ tokenId, status: 404, code: 'not_found' });
    }
    const target = await issue('tok-org', { role: 'viewer' });
    expect((await revoke('tok-org', target.tokenId, t.adminToken)).status).toBe(204);
    expect((await datasets(target.token)).status).toBe(401);
  });

  it('lets an admin revoke their own token, which then stops working', async () => {
    const self = await issue('tok-org', { role: 'admin' });
    expect((await revoke('tok-org', self.tokenId, self.token)).status).toBe(204);
    expect((await list('tok-org', self.token)).status).toBe(401);
  });

  it('can revoke a token stored before tokens had id references, once it has been used', async () => {
    // A token record written as the exchange wrote them before revocation existed: no reference by id.
    const token = newToken();
    const hash = hashToken(token);
    const now = t.clock.now();
    const record: TokenRecord = {
      tokenId: tokenIdFromHash(hash),
      organisation: 'tok-org',
      role: 'viewer',
      created: now.toISOString(),
      createdBy: 'platform-admin',
      expiresAt: new Date(now.getTime() + 86_400_000).toISOString(),
    };
    await t.exchange.domain.catalogue.create(tokenKey(hash), record, tokenListing(record));
    expect((await revoke('tok-org', record.tokenId, admin)).status).toBe(404);
    expect((await datasets(token)).status).toBe(200);
    expect((await revoke('tok-org', record.tokenId, admin)).status).toBe(204);
    expect((await datasets(token)).status).toBe(401);
  });

  it('keeps no secret in the catalogue: the stored reference holds the hash, never the token', async () => {
    const { token } = await issue('tok-org', { role: 'viewer' });
    const scan = await createDocumentClient(t.exchange.endpoints).send(new ScanCommand({ TableName: t.exchange.names.table }));
    const everything = JSON.stringify(scan.Items);
    expect(everything).not.toContain(token);
    expect(everything).not.toContain(token.slice(4));
  });
});

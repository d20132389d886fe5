import { hashToken } from '../../functions/domain/tokens';
import { startTestExchange, type TestExchange } from '../support/test-exchange';
import { getPage, postForm, signIn, type WebSession } from './web-support';

/** The publisher's token pages through HTTP: list (never a secret), create (secret shown once), revoke after confirming. */
let t: TestExchange;
let admin: string;
let session: WebSession;

beforeAll(async () => {
  t = await startTestExchange();
  admin = await t.organisationWithToken('tp-org', 'admin');
  session = await signIn(t, admin);
}, 60_000);
afterAll(() => t.stop());

const secretIn = (html: string) => /<code id="new-token">(ldx_[A-Za-z0-9_-]{43})<\/code>/.exec(html)?.[1];

describe('the tokens page', () => {
  it('is in the navigation for admins only', async () => {
    expect((await getPage(t, '/publish', session)).html).toContain(`href="${t.url}/publish/tokens"`);
    const editor = await signIn(t, await t.tokenFor('tp-org', 'editor'));
    expect((await getPage(t, '/publish', editor)).html).not.toContain('/publish/tokens');
    const refused = await getPage(t, '/publish/tokens', editor);
    expect(refused.status).toBe(403);
    expect(refused.html).not.toContain('<table');
    expect((await getPage(t, '/publish/tokens')).location).toBe(`${t.url}/publish/sign-in`);
  });

  it('creates a token, shows its secret once, then lists it without the secret', async () => {
    const created = await postForm(t, '/publish/tokens', session, { label: 'Pipeline from the page', role: 'editor', expiresInDays: '30' });
    expect(created.status).toBe(201);
    expect(created.headers.get('cache-control')).toMatch(/no-store/);
    const secret = secretIn(created.html)!;
    expect(secret).toBeDefined();
    expect((await t.request('GET', '/api/v1/datasets', { token: secret })).status).toBe(200);

    const listed = await getPage(t, '/publish/tokens', session);
    expect(listed.status).toBe(200);
    expect(listed.html).toContain('Pipeline from the page');
    for (const token of [secret, admin]) {
      expect(listed.html).not.toContain(token.slice(4));
      expect(listed.html).not.toContain(hashToken(token).slice(12));
    }
  });

  it('shows the problems beside the fields and keeps what was typed', async () => {
    const refused = await postForm(t, '/publish/tokens', session, { label: 'Too long to live', role: 'admin', expiresInDays: '9999' });
    expect(refused.status).toBe(400);
    expect(refused.html).toContain('id="field-expiresInDays-error"');
    expect(refused.html).toContain('value="Too long to live"');
    expect(secretIn(refused.html)).toBeUndefined();
  });

  it('revokes a token only after a confirmation page; the token then fails at once', async () => {
    const created = await postForm(t, '/publish/tokens', session, { label: 'To be revoked', role: 'viewer', expiresInDays: '5' });
    const secret = secretIn(created.html)!;
    const tokenId = hashToken(secret).slice(0, 12);
    const list = await getPage(t, '/publish/tokens', session);
    expect(list.html).toContain(`href="${t.url}/publish/tokens/${tokenId}/revoke"`);

    const confirm = await getPage(t, `/publish/tokens/${tokenId}/revoke`, session);
    expect(confirm.status).toBe(200);
    expect(confirm.html).toContain('Revoke To be revoked?');
    expect((await t.request('GET', '/api/v1/datasets', { token: secret })).status).toBe(200);

    const revoked = await postForm(t, `/publish/tokens/${tokenId}/revoke`, session, {});
    expect(revoked.status).toBe(303);
    expect(revoked.location).toBe(`${t.url}/publish/tokens?done=revoked`);
    expect((await t.request('GET', '/api/v1/datasets', { token: secret })).status).toBe(401);
    expect((await getPage(t, '/publish/tokens?done=revoked', session)).html).toContain('The token was revoked');
  });

  it("refuses to revoke without the session's CSRF token, and another organisation's token is not found", async () => {
    const victim = (await t.request('POST', '/api/v1/organisations/tp-org/tokens', { token: admin, body: { role: 'viewer' } })).body;
    expect((await postForm(t, `/publish/tokens/${victim.tokenId}/revoke`, session, { csrf: 'forged' })).status).toBe(403);
    const stranger = await signIn(t, await t.organisationWithToken('tp-stranger', 'admin'));
    expect((await getPage(t, `/publish/tokens/${victim.tokenId}/revoke`, stranger)).status).toBe(404);
    expect((await postForm(t, `/publish/tokens/${victim.tokenId}/revoke`, stranger, {})).status).toBe(404);
    expect((await t.request('GET', '/api/v1/datasets', { token: victim.token })).status).toBe(200);
  });

  it('signs out an admin who revokes the token they signed in with', async () => {
    const own = (await t.request('POST', '/api/v1/organisations/tp-org/tokens', { token: admin, body: { role: 'admin' } })).body;
    const ownSession = await signIn(t, own.token);
    expect((await getPage(t, `/publish/tokens/${own.tokenId}/revoke`, ownSession)).html).toContain('you will be signed out too');
    await postForm(t, `/publish/tokens/${own.tokenId}/revoke`, ownSession, {});
    expect((await getPage(t, '/publish', ownSession)).status).toBe(303);
  });
});

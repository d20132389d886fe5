import { LOCAL_PASSWORD } from '../../functions/identity/local-provider/seeded-people';
import { CookieJar, signInThroughProvider, walk } from '../support/oidc-walk';
import { startTestExchange, type TestExchange } from '../support/test-exchange';

let t: TestExchange;

beforeAll(async () => {
  t = await startTestExchange({ identity: true });
  for (const id of ['camden', 'gla', 'tfl']) await t.organisationWithToken(id, 'admin');
}, 60_000);
afterAll(() => t?.stop());

describe('signing in through the local OpenID provider', () => {
  test('a seeded admin signs in and acts for their organisation', async () => {
    const { jar, final } = await signInThroughProvider(t.url, 'amara.okafor@camden.gov.uk', LOCAL_PASSWORD);
    expect(final.url).toBe(`${t.url}/publish/sign-in/callback${new URL(final.url).search}`);
    expect(final.response.status).toBe(200);
    expect(final.text).toContain('http-equiv="refresh"');
    const dashboard = await walk(jar, `${t.url}/publish`);
    expect(dashboard.response.status).toBe(200);
    expect(dashboard.url).toBe(`${t.url}/publish`);
    const me = await walk(jar, `${t.url}/publish/account`);
    expect(me.text).toContain('Amara Okafor');
    expect(me.text).toContain('camden (admin)');
  });

  test('a wrong password stays at the provider', async () => {
    const jar = new CookieJar();
    await expect(signInThroughProvider(t.url, 'amara.okafor@camden.gov.uk', 'not-the-password', { jar })).resolves.toMatchObject({
      final: { response: { status: 401 } },
    });
  });
});

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

describe('sessions of people', () => {
  test('signing in again rotates the session: the old cookie stops working', async () => {
    const { jar } = await signInThroughProvider(t.url, 'dev.patel@camden.gov.uk', LOCAL_PASSWORD);
    const first = jar.get(t.url, 'ldx_session')!;
    // The provider remembers the person (single sign-on), so the second sign-in goes straight back to the callback.
    expect((await walk(jar, `${t.url}/publish/sign-in/oidc/local`)).url).toContain('/publish/sign-in/callback');
    const second = jar.get(t.url, 'ldx_session')!;
    expect(second).not.toBe(first);
    const old = await fetch(`${t.url}/publish`, { headers: { cookie: `ldx_session=${first}` }, redirect: 'manual' });
    expect(old.headers.get('location')).toBe(`${t.url}/publish/sign-in`);
    const current = await fetch(`${t.url}/publish`, { headers: { cookie: `ldx_session=${second}` }, redirect: 'manual' });
    expect(current.status).toBe(200);
  });

  test("a form carrying another session's CSRF token is refused", async () => {
    const dev = (await signInThroughProvider(t.url, 'dev.patel@camden.gov.uk', LOCAL_PASSWORD)).jar;
    const amara = (await signInThroughProvider(t.url, 'amara.okafor@camden.gov.uk', LOCAL_PASSWORD)).jar;
    const amaraCsrf = /name="csrf" value="([^"]+)"/.exec((await walk(amara, `${t.url}/publish/account`)).text)![1];
    const forged = await walk(dev, `${t.url}/publish/account/tokens`, { form: { csrf: amaraCsrf, label: 'forged' }, stopAt: () => true });
    expect(forged.response.status).toBe(403);
    const own = /name="csrf" value="([^"]+)"/.exec((await walk(dev, `${t.url}/publish/account`)).text)![1];
    const genuine = await walk(dev, `${t.url}/publish/account/tokens`, { form: { csrf: own, label: 'genuine' }, stopAt: () => true });
    expect(genuine.response.status).toBe(201);
  });
});

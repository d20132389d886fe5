import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LOCAL_PASSWORD } from '../../functions/identity/local-provider/seeded-people';
import { beginSignIn, finishSignIn, SignInRefused } from '../../functions/identity/oidc-client';
import type { IdentityProviderConfig } from '../../functions/identity/provider-config';
import { type Misbehaviour, type MisbehavingProvider, startMisbehavingProvider } from '../support/misbehaving-provider';
import { CookieJar, interactionAction, walk } from '../support/oidc-walk';
import { startTestExchange, type TestExchange } from '../support/test-exchange';

/**
 * A provider that misbehaves is refused at the callback, and nobody is signed in: wrong issuer,
 * wrong audience, expired, unsigned or wrongly signed ID tokens, a wrong or missing nonce, a
 * missing or wrong state, a callback from another browser, and a replayed code.
 */
let t: TestExchange;
let rogue: MisbehavingProvider;

beforeAll(async () => {
  t = await startTestExchange({ identity: true });
  rogue = await startMisbehavingProvider();
  const secretFile = join(mkdtempSync(join(tmpdir(), 'ldx-rogue-')), 'secret');
  writeFileSync(secretFile, rogue.clientSecret);
  t.exchange.domain.identityProviders = [...(t.exchange.domain.identityProviders ?? []), rogueConfig(rogue, secretFile)];
}, 60_000);
afterAll(async () => {
  await rogue?.stop();
  await t?.stop();
});

const rogueConfig = (provider: MisbehavingProvider, secretFile: string): IdentityProviderConfig => ({
  id: 'rogue',
  name: 'Rogue',
  issuer: provider.issuer,
  clientId: provider.clientId,
  clientSecret: { file: secretFile },
  organisations: ['camden'],
  allowHost: `localhost:${new URL(provider.issuer).port}`,
});

const signInThroughRogue = async (mode: Misbehaviour) => {
  rogue.mode = mode;
  const jar = new CookieJar();
  const final = await walk(jar, `${t.url}/publish/sign-in/oidc/rogue`);
  return { jar, final };
};

test('the harness signs in when the provider behaves', async () => {
  const { jar, final } = await signInThroughRogue('good');
  expect(final.response.status).toBe(200);
  expect(jar.get(t.url, 'ldx_session')).toBeDefined();
});

test.each<Misbehaviour>(['wrong-issuer', 'wrong-audience', 'expired', 'unsigned', 'wrong-key', 'wrong-nonce', 'no-nonce', 'missing-state', 'wrong-state'])(
  'an ID token or callback with %s is refused and nobody is signed in',
  async (mode) => {
    const { jar, final } = await signInThroughRogue(mode);
    expect(final.url.startsWith(`${t.url}/publish/sign-in/callback`)).toBe(true);
    expect(final.response.status).toBe(401);
    expect(final.text).toContain('did not complete');
    expect(jar.get(t.url, 'ldx_session')).toBeUndefined();
  },
);

test('a provider whose discovery names another issuer is not used', async () => {
  // A provider of its own: discovery is read once per provider and kept.
  const impostor = await startMisbehavingProvider();
  impostor.mode = 'discovery-issuer-mismatch';
  const secretFile = join(mkdtempSync(join(tmpdir(), 'ldx-impostor-')), 'secret');
  writeFileSync(secretFile, impostor.clientSecret);
  t.exchange.domain.identityProviders = [
    ...(t.exchange.domain.identityProviders ?? []),
    { ...rogueConfig(impostor, secretFile), id: 'impostor', name: 'Impostor' },
  ];
  try {
    const jar = new CookieJar();
    const final = await walk(jar, `${t.url}/publish/sign-in/oidc/impostor`);
    expect(final.url).toBe(`${t.url}/publish/sign-in/oidc/impostor`);
    expect(final.response.status).toBe(401);
    expect(final.text).toContain('cannot be reached');
    expect(jar.get(t.url, 'ldx_session')).toBeUndefined();
  } finally {
    await impostor.stop();
  }
});

test('a callback in a browser that did not start the sign-in is refused (no login CSRF)', async () => {
  rogue.mode = 'good';
  const started = await walk(new CookieJar(), `${t.url}/publish/sign-in/oidc/rogue`, { stopAt: (next) => next.includes('/publish/sign-in/callback') });
  const victim = new CookieJar();
  const landed = await walk(victim, started.url);
  expect(landed.response.status).toBe(401);
  expect(landed.text).toContain('started in another browser');
  expect(victim.get(t.url, 'ldx_session')).toBeUndefined();
});

test('a callback is used once: the same URL again signs nobody in', async () => {
  rogue.mode = 'good';
  const jar = new CookieJar();
  const atCallback = await walk(jar, `${t.url}/publish/sign-in/oidc/rogue`, { stopAt: (next) => next.includes('/publish/sign-in/callback') });
  expect((await walk(jar, atCallback.url)).response.status).toBe(200);
  const again = new CookieJar();
  expect((await walk(again, atCallback.url)).response.status).toBe(401);
});

test('the local provider refuses a replayed authorization code, and the client reports it', async () => {
  const local = t.exchange.domain.identityProviders!.find((p) => p.id === 'local')!;
  const redirectUri = `${t.url}/publish/sign-in/callback`;
  const { url, checks } = await beginSignIn(local, redirectUri);
  const jar = new CookieJar();
  const login = await walk(jar, url.href);
  const back = await walk(jar, interactionAction(login), {
    form: { email: 'amara.okafor@camden.gov.uk', password: LOCAL_PASSWORD },
    stopAt: (next) => next.startsWith(redirectUri),
  });
  const callback = new URL(back.url);
  await expect(finishSignIn(local, callback, checks)).resolves.toMatchObject({ subject: 'amara-okafor', emailVerified: true });
  await expect(finishSignIn(local, callback, checks)).rejects.toBeInstanceOf(SignInRefused);
});

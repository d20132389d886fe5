import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { createHash } from 'node:crypto';
import { SESSION_IDLE_MS, SESSION_MAX_MS, SESSION_TOUCH_MS } from '../../functions/domain/sessions';
import { createApp } from '../../functions/api/app';
import { createDocumentClient } from '../../functions/storage/aws-clients';
import { startTestExchange, type TestExchange } from '../support/test-exchange';
import { getPage, hiddenCsrf, postForm, signIn, type WebSession } from './web-support';

/** Browser sessions: server-side, ended by sign-out, idleness and age; CSRF tokens bound to one session. */
let t: TestExchange;
let admin: string;
const MINUTE = 60_000;

beforeAll(async () => {
  t = await startTestExchange();
  admin = await t.organisationWithToken('sess-org', 'admin');
}, 60_000);
afterAll(() => t.stop());

const signedIn = async (session: { cookie: string }) => (await getPage(t, '/publish', session)).status === 200;
const sessionIdOf = (session: { cookie: string }) => session.cookie.slice('ldx_session='.length);
const createDataset = (session: WebSession, name: string, csrf = session.csrf) =>
  postForm(t, '/publish/datasets/new', session, { name, title: `Dataset ${name}`, licence: 'OGL-UK-3.0', tier: 'private', csrf });

describe('the session cookie', () => {
  it('holds a random id; the catalogue keeps only its hash, never the id or the token', async () => {
    const session = await signIn(t, admin);
    const id = sessionIdOf(session);
    expect(id).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const scan = await createDocumentClient(t.exchange.endpoints).send(new ScanCommand({ TableName: t.exchange.names.table }));
    const everything = JSON.stringify(scan.Items);
    expect(everything).toContain(createHash('sha256').update(id).digest('hex'));
    expect(everything).not.toContain(id);
    expect(everything).not.toContain(admin.slice(4));
  });

  it('gives every sign-in a new id and a new CSRF token, even with the same token', async () => {
    const first = await signIn(t, admin);
    const second = await signIn(t, admin);
    expect(second.cookie).not.toBe(first.cookie);
    expect(second.csrf).not.toBe(first.csrf);
    expect(await signedIn(first)).toBe(true);
    expect(await signedIn(second)).toBe(true);
  });

  it('is Secure when the base URL is https, even if the request reached the exchange over plain HTTP', async () => {
    const app = createApp({ domain: t.exchange.domain, publicBaseUrl: 'https://data.example.org' });
    const form = await app.request('http://localhost/publish/sign-in');
    const nonce = form.headers.getSetCookie().find((c) => c.startsWith('ldx_signin='))!;
    const response = await app.request('http://localhost/publish/sign-in', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: nonce.split(';')[0] },
      body: new URLSearchParams({ csrf: hiddenCsrf(await form.text())!, token: admin }),
    });
    expect(response.status).toBe(303);
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith('ldx_session='))!;
    expect(cookie).toMatch(/; Secure/);
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; Path=\//);
    expect(cookie).toMatch(/; SameSite=Strict/);
  });
});

describe('signing out', () => {
  it('deletes the session server-side: replaying the old cookie gets nothing', async () => {
    const session = await signIn(t, admin);
    const out = await postForm(t, '/publish/sign-out', session, {});
    expect(out.status).toBe(303);
    expect(out.headers.getSetCookie().find((c) => c.startsWith('ldx_session='))).toMatch(/Max-Age=0/);

    const replay = await getPage(t, '/publish', session);
    expect(replay.status).toBe(303);
    expect(replay.location).toBe(`${t.url}/publish/sign-in`);
    const form = await createDataset(session, 'sess-after-sign-out');
    expect(form.status).toBe(403);
    expect((await t.request('GET', '/api/v1/datasets/sess-after-sign-out', { token: admin })).status).toBe(404);
  });

  it("leaves the same token's other sessions signed in", async () => {
    const kept = await signIn(t, admin);
    const ended = await signIn(t, admin);
    await postForm(t, '/publish/sign-out', ended, {});
    expect(await signedIn(ended)).toBe(false);
    expect(await signedIn(kept)).toBe(true);
  });
});

describe('expiry', () => {
  it('ends a session left idle for the idle period', async () => {
    const session = await signIn(t, admin);
    t.clock.advance(SESSION_IDLE_MS - 2 * SESSION_TOUCH_MS);
    expect(await signedIn(session)).toBe(true);
    const idle = await signIn(t, admin);
    t.clock.advance(SESSION_IDLE_MS + MINUTE);
    const page = await getPage(t, '/publish', idle);
    expect(page.status).toBe(303);
    expect(page.headers.getSetCookie().find((c) => c.startsWith('ldx_session='))).toMatch(/Max-Age=0/);
    expect(await signedIn(session)).toBe(false);
  });

  it('keeps an active session alive past the idle period, but never past the absolute expiry', async () => {
    const session = await signIn(t, admin);
    const step = SESSION_IDLE_MS - 5 * MINUTE;
    let elapsed = 0;
    while (elapsed + step < SESSION_MAX_MS) {
      t.clock.advance(step);
      elapsed += step;
      expect({ elapsed, signedIn: await signedIn(session) }).toEqual({ elapsed, signedIn: true });
    }
    expect(elapsed).toBeGreaterThan(SESSION_IDLE_MS);
    t.clock.advance(SESSION_MAX_MS - elapsed);
    expect(await signedIn(session)).toBe(false);
  });
});

describe('CSRF tokens', () => {
  it("refuses session A's token in session B of the same organisation, and accepts B's own", async () => {
    const a = await signIn(t, admin);
    const b = await signIn(t, admin);
    const refused = await createDataset(b, 'sess-csrf-crossed', a.csrf);
    expect(refused.status).toBe(403);
    expect(refused.html).toContain('This form has expired or did not come from this site');
    expect((await t.request('GET', '/api/v1/datasets/sess-csrf-crossed', { token: admin })).status).toBe(404);
    expect((await createDataset(b, 'sess-csrf-own')).status).toBe(303);
  });

  it("refuses a signed-out session's token in the next session", async () => {
    const before = await signIn(t, admin);
    await postForm(t, '/publish/sign-out', before, {});
    const after = await signIn(t, admin);
    expect((await createDataset(after, 'sess-csrf-stale', before.csrf)).status).toBe(403);
  });
});

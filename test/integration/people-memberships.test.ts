import { walk } from '../support/oidc-walk';
import { personalToken, personIdOf, postForm, signIn } from '../support/people';
import { datasetInput, startTestExchange, type TestExchange } from '../support/test-exchange';

/**
 * People and memberships through real sign-ins at the local OpenID provider: invitations, role
 * changes and removals take effect on the very next request, for sessions and personal tokens.
 */
let t: TestExchange;

beforeAll(async () => {
  t = await startTestExchange({ identity: true });
  for (const id of ['camden', 'gla', 'tfl']) await t.organisationWithToken(id, 'admin');
}, 60_000);
afterAll(() => t?.stop());

const AMARA = 'amara.okafor@camden.gov.uk'; // camden admin
const DEV = 'dev.patel@camden.gov.uk'; // camden viewer
const BEN = 'ben.hughes@london.gov.uk'; // gla editor, camden viewer
const CHLOE = 'chloe.wright@tfl.gov.uk'; // tfl admin
const ERIN = 'erin.walsh@example.org'; // no organisation
const FEMI = 'femi.adeyemi@camden.gov.uk'; // no membership; auto-joins camden as a viewer

const createDataset = (token: string, name: string) => t.request('POST', '/api/v1/datasets', { token, body: datasetInput(name, { tier: 'private' }) });

test('GET /me names the person behind a personal token and their organisations', async () => {
  const ben = await personalToken(t, await signIn(t, BEN));
  const me = await t.request('GET', '/api/v1/me', { token: ben });
  expect(me.status).toBe(200);
  expect(me.body).toMatchObject({ kind: 'member', organisation: 'camden', role: 'viewer', person: { name: 'Ben Hughes', email: BEN } });
  expect(me.body.memberships.map((m: { organisation: string }) => m.organisation).sort()).toEqual(['camden', 'gla']);
  expect((await t.request('GET', '/api/v1/me')).body).toEqual({ kind: 'anonymous' });
});

test('an invitation makes a member once, for the invited address only', async () => {
  const amara = await personalToken(t, await signIn(t, AMARA));
  const invited = await t.request('POST', '/api/v1/organisations/camden/members', { token: amara, body: { email: ERIN, role: 'editor' } });
  expect(invited.status).toBe(201);
  const link = new URL(invited.body.link as string);
  expect(link.pathname).toMatch(/^\/publish\/invitations\/[A-Za-z0-9_-]{43}$/);

  // Someone else signed in cannot use it.
  const chloe = await signIn(t, CHLOE);
  expect((await postForm(t, chloe, link.pathname, link.pathname)).response.status).toBe(403);

  const erin = await signIn(t, ERIN);
  expect((await walk(erin, `${t.url}/publish/account`)).text).toContain('not a member of any organisation');
  const accepted = await postForm(t, erin, link.pathname, link.pathname);
  expect(accepted.response.status).toBe(303);
  const token = await personalToken(t, erin);
  expect((await t.request('GET', '/api/v1/me', { token })).body).toMatchObject({ organisation: 'camden', role: 'editor' });
  expect((await createDataset(token, 'erin-first')).status).toBe(201);

  // Single use.
  expect((await walk(erin, link.href)).response.status).toBe(404);
});

test('a verified address at an auto-join domain joins as a viewer at first sign-in', async () => {
  const token = await personalToken(t, await signIn(t, FEMI));
  expect((await t.request('GET', '/api/v1/me', { token })).body).toMatchObject({ organisation: 'camden', role: 'viewer' });
  const members = await t.request('GET', '/api/v1/organisations/camden/members', { token: t.adminToken });
  expect(members.body.results.find((m: { email?: string }) => m.email === FEMI)).toMatchObject({ role: 'viewer', via: 'email-domain' });
});

test('role changes apply to the next request, and a personal token never outranks its owner', async () => {
  const amara = await personalToken(t, await signIn(t, AMARA));
  const devJar = await signIn(t, DEV);
  const dev = await personalToken(t, devJar);
  const devId = await personIdOf(t, 'camden', DEV);
  expect((await t.request('POST', '/api/v1/me/tokens', { token: dev, body: { role: 'admin' } })).status).toBe(403);
  expect((await createDataset(dev, 'dev-before')).status).toBe(403);

  expect((await t.request('PATCH', `/api/v1/organisations/camden/members/${devId}`, { token: amara, body: { role: 'editor' } })).status).toBe(200);
  // The session reads the membership on its next request: a token made now has the new role.
  const editorToken = await personalToken(t, devJar, 'editor token');
  expect((await t.request('GET', '/api/v1/me', { token: editorToken })).body.role).toBe('editor');
  expect((await createDataset(editorToken, 'dev-as-editor')).status).toBe(201);
  // A token issued as a viewer stays one.
  expect((await createDataset(dev, 'dev-viewer-token')).status).toBe(403);

  expect((await t.request('PATCH', `/api/v1/organisations/camden/members/${devId}`, { token: amara, body: { role: 'viewer' } })).status).toBe(200);
  expect((await createDataset(editorToken, 'dev-after-demotion')).status).toBe(403);
  expect((await t.request('GET', '/api/v1/me', { token: editorToken })).body.role).toBe('viewer');
});

test('a removed member’s personal tokens and sessions stop at once', async () => {
  const amara = await personalToken(t, await signIn(t, AMARA));
  const benJar = await signIn(t, BEN); // acts for camden, his first organisation
  const ben = await personalToken(t, benJar);
  expect((await walk(benJar, `${t.url}/publish`)).url).toBe(`${t.url}/publish`);
  const benId = await personIdOf(t, 'camden', BEN);

  expect((await t.request('DELETE', `/api/v1/organisations/camden/members/${benId}`, { token: amara })).status).toBe(204);
  const refused = await t.request('GET', '/api/v1/me', { token: ben });
  expect(refused.status).toBe(401);
  expect(refused.body.error.message).toMatch(/no longer a member/);
  expect((await walk(benJar, `${t.url}/publish`)).url).toBe(`${t.url}/publish/sign-in`);
});

test('an admin signs a member out everywhere', async () => {
  const amara = await personalToken(t, await signIn(t, AMARA));
  const femiJar = await signIn(t, FEMI);
  expect((await walk(femiJar, `${t.url}/publish`)).url).toBe(`${t.url}/publish`);
  const femiId = await personIdOf(t, 'camden', FEMI);
  expect((await t.request('DELETE', `/api/v1/organisations/camden/members/${femiId}/sessions`, { token: amara })).status).toBe(204);
  expect((await walk(femiJar, `${t.url}/publish`)).url).toBe(`${t.url}/publish/sign-in`);
  // Signing in again works.
  expect((await walk(await signIn(t, FEMI), `${t.url}/publish`)).url).toBe(`${t.url}/publish`);
});

describe('escalation attempts are refused', () => {
  test('a viewer cannot invite, change roles or list members', async () => {
    const dev = await personalToken(t, await signIn(t, DEV));
    expect((await t.request('POST', '/api/v1/organisations/camden/members', { token: dev, body: { email: 'x@camden.gov.uk', role: 'admin' } })).status).toBe(
      403,
    );
    expect((await t.request('GET', '/api/v1/organisations/camden/members', { token: dev })).status).toBe(403);
    const devId = await personIdOf(t, 'camden', DEV);
    expect((await t.request('PATCH', `/api/v1/organisations/camden/members/${devId}`, { token: dev, body: { role: 'admin' } })).status).toBe(403);
  });

  test('an editor cannot grant access or issue tokens', async () => {
    const editor = await t.tokenFor('camden', 'editor');
    await createDataset(editor, 'camden-shared-one');
    const grant = await t.request('POST', '/api/v1/datasets/camden-shared-one/grants', {
      token: editor,
      body: { organisation: 'gla', purpose: 'testing', lawfulBasis: 'not-personal-data', agreementReference: 'X-1', expiresAt: '2099-01-01' },
    });
    expect(grant.status).toBe(403);
    expect((await t.request('POST', '/api/v1/organisations/camden/tokens', { token: editor, body: { role: 'admin' } })).status).toBe(403);
  });

  test('a member of one organisation cannot act for another', async () => {
    const chloeJar = await signIn(t, CHLOE);
    const chloe = await personalToken(t, chloeJar);
    expect((await t.request('GET', '/api/v1/organisations/camden/members', { token: chloe })).status).toBe(403);
    expect((await t.request('POST', '/api/v1/organisations/camden/members', { token: chloe, body: { email: CHLOE, role: 'admin' } })).status).toBe(403);
    expect((await postForm(t, chloeJar, '/publish/account', '/publish/account/acting-for', { organisation: 'camden' })).response.status).toBe(403);
  });

  test('the last admin cannot be demoted or removed', async () => {
    const amara = await personalToken(t, await signIn(t, AMARA));
    const amaraId = await personIdOf(t, 'camden', AMARA);
    expect((await t.request('PATCH', `/api/v1/organisations/camden/members/${amaraId}`, { token: amara, body: { role: 'viewer' } })).status).toBe(409);
    expect((await t.request('DELETE', `/api/v1/organisations/camden/members/${amaraId}`, { token: amara })).status).toBe(409);
  });

  test('bad invitations get a validation error naming the field', async () => {
    const bad = await t.request('POST', '/api/v1/organisations/camden/members', { token: t.adminToken, body: { email: 'not an email', role: 'owner' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.fields.map((f: { field: string }) => f.field).sort()).toEqual(['email', 'role']);
  });
});

test('a service token is named, owned, listed without its secret, and read-only when asked', async () => {
  const issued = await t.request('POST', '/api/v1/organisations/tfl/tokens', {
    token: t.adminToken,
    body: { kind: 'service', label: 'nightly feed', role: 'editor', readOnly: true, owner: 'TfL open data team' },
  });
  expect(issued.status).toBe(201);
  const me = await t.request('GET', '/api/v1/me', { token: issued.body.token });
  expect(me.body).toMatchObject({ organisation: 'tfl', role: 'viewer', service: 'nightly feed' });
  expect((await createDataset(issued.body.token, 'tfl-service-write')).status).toBe(403);
  const listed = await t.request('GET', '/api/v1/organisations/tfl/tokens', { token: t.adminToken });
  const summary = listed.body.results.find((s: { tokenId: string }) => s.tokenId === issued.body.tokenId);
  expect(summary).toMatchObject({ kind: 'service', owner: 'TfL open data team', readOnly: true, status: 'active' });
  expect(JSON.stringify(listed.body)).not.toContain(issued.body.token);
  expect((await t.request('POST', '/api/v1/organisations/tfl/tokens', { token: t.adminToken, body: { kind: 'service', role: 'viewer' } })).status).toBe(400);
});

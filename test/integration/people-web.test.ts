import { walk } from '../support/oidc-walk';
import { personIdOf, postForm, signIn } from '../support/people';
import { startTestExchange, type TestExchange } from '../support/test-exchange';

/** The publisher pages for an organisation's people: admins list, invite, change roles and remove; others are refused. */
let t: TestExchange;

beforeAll(async () => {
  t = await startTestExchange({ identity: true });
  for (const id of ['camden', 'gla', 'tfl']) await t.organisationWithToken(id, 'admin');
}, 60_000);
afterAll(() => t?.stop());

test('an admin invites, changes a role and removes a member on the People page', async () => {
  const amara = await signIn(t, 'amara.okafor@camden.gov.uk');
  const page = await walk(amara, `${t.url}/publish/members`);
  expect(page.response.status).toBe(200);
  expect(page.text).toContain('Dev Patel &lt;dev.patel@camden.gov.uk&gt;');

  const invited = await postForm(t, amara, '/publish/members', '/publish/members', { email: 'erin.walsh@example.org', role: 'editor' });
  expect(invited.response.status).toBe(201);
  expect(invited.text).toMatch(/<pre>http:\/\/localhost:\d+\/publish\/invitations\/[A-Za-z0-9_-]{43}<\/pre>/);
  const bad = await postForm(t, amara, '/publish/members', '/publish/members', { email: 'nobody', role: 'viewer' });
  expect(bad.response.status).toBe(400);

  const dev = await personIdOf(t, 'camden', 'dev.patel@camden.gov.uk');
  expect((await postForm(t, amara, '/publish/members', `/publish/members/${dev}/role`, { role: 'editor' })).response.status).toBe(303);
  const listed = await t.request('GET', '/api/v1/organisations/camden/members', { token: t.adminToken });
  expect(listed.body.results.find((m: { personId: string }) => m.personId === dev).role).toBe('editor');
  expect((await postForm(t, amara, '/publish/members', `/publish/members/${dev}/remove`)).response.status).toBe(303);
  const after = await t.request('GET', '/api/v1/organisations/camden/members', { token: t.adminToken });
  expect(after.body.results.some((m: { personId: string }) => m.personId === dev)).toBe(false);
});

test('a viewer is refused the People page', async () => {
  const ben = await signIn(t, 'ben.hughes@london.gov.uk'); // camden viewer
  expect((await walk(ben, `${t.url}/publish/members`)).response.status).toBe(403);
});

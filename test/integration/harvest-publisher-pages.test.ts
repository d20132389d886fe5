import { ALLOW_HOSTS_ENV } from '../../functions/outbound/allow-list';
import { formatDateTime } from '../../functions/web/components';
import { startTestExchange, type TestExchange } from '../support/test-exchange';
import { type FixtureServer, json, startFixtureServer } from './harvest-fixture-server';
import { getPage, postForm, signIn, type WebSession } from './web-support';

/**
 * The publisher's harvest pages through HTTP: each source with its last and next run and its
 * errors; a run started from the page (CSRF-checked); admins only.
 */
let t: TestExchange;
let server: FixtureServer;
let admin: string;
let session: WebSession;
let source: string;

beforeAll(async () => {
  server = await startFixtureServer();
  process.env[ALLOW_HOSTS_ENV] = server.hostPort;
  t = await startTestExchange();
  admin = await t.organisationWithToken('brent', 'admin');
  session = await signIn(t, admin);
  server.answers.set(
    '/api/3/action/package_search',
    json({
      success: true,
      result: {
        count: 2,
        results: [
          { id: 'p1', name: 'bins', title: 'Bin collection days', license_id: 'uk-ogl', resources: [] },
          { title: 'A record with no identifier', license_id: 'uk-ogl', resources: [] },
        ],
      },
    }),
  );
  source = (
    await t.request('POST', '/api/v1/organisations/brent/harvest-sources', {
      token: admin,
      body: { title: 'Brent open data portal', kind: 'ckan', url: `${server.origin}/`, schedule: 'weekly' },
    })
  ).body.id;
}, 60_000);
afterAll(async () => {
  delete process.env[ALLOW_HOSTS_ENV];
  await t.stop();
  await server.stop();
});

it('lists each source with its last and next run, is linked from the navigation for admins, and refuses editors', async () => {
  const listed = await getPage(t, '/publish/harvest', session);
  expect(listed.status).toBe(200);
  expect(listed.html).toContain('Brent open data portal');
  expect(listed.html).toContain('Not run yet');
  expect(listed.html).toContain(`href="${t.url}/publish/harvest"`);
  const editor = await signIn(t, await t.tokenFor('brent', 'editor'));
  expect((await getPage(t, '/publish', editor)).html).not.toContain('/publish/harvest');
  expect((await getPage(t, '/publish/harvest', editor)).status).toBe(403);
  expect((await getPage(t, '/publish/harvest')).location).toBe(`${t.url}/publish/sign-in`);
});

it('starts a run from the page, then shows it with its errors and the next run a week on', async () => {
  const refused = await postForm(t, `/publish/harvest/${source}/run`, session, { csrf: 'wrong' });
  expect(refused.status).toBe(403);
  expect((await t.request('GET', `/api/v1/organisations/brent/harvest-sources/${source}/runs`, { token: admin })).body.count).toBe(0);

  const ran = await postForm(t, `/publish/harvest/${source}/run`, session, {});
  expect(ran.status).toBe(303);
  expect(ran.location).toBe(`${t.url}/publish/harvest/${source}?done=ran`);
  const page = await getPage(t, `/publish/harvest/${source}?done=ran`, session);
  expect(page.status).toBe(200);
  expect(page.html).toContain('The run has finished');
  expect(page.html).toContain('1 created');
  expect(page.html).toContain('the record has no identifier');
  const [run] = (await t.request('GET', `/api/v1/organisations/brent/harvest-sources/${source}/runs`, { token: admin })).body.results;
  const next = new Date(Date.parse(run.started) + 7 * 24 * 3_600_000).toISOString();
  expect(page.html).toContain(`<dt>Next run</dt><dd>${formatDateTime(next)}</dd>`);
});

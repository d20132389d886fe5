import { createResource } from '../support/publishing';
import { datasetInput, startTestExchange, type TestExchange } from '../support/test-exchange';
import { getPage, postForm, signIn, type WebSession } from './web-support';

/**
 * The publisher's messages about standards on their pages: publishing a version of a standard
 * their dataset declares puts a banner on the dashboard and a message on /publish/notifications,
 * which any member marks read (a form with the session's CSRF token), for the whole organisation.
 */
const SPEND = 'transparency-spend-over-500';

let t: TestExchange;
let camden: string;
let hackney: string;
let session: WebSession;
let notificationId: string;

const unreadBanner = /Your organisation has 1 unread message about the standards its datasets declare/;
const markForm = () => `action="${t.url}/publish/notifications/${encodeURIComponent(notificationId)}/read"`;

beforeAll(async () => {
  t = await startTestExchange();
  camden = await t.organisationWithToken('camden', 'admin');
  hackney = await t.organisationWithToken('hackney', 'admin');
  expect((await t.request('POST', '/api/v1/datasets', { token: camden, body: datasetInput('camden-spend', { tier: 'open', dataSchema: SPEND }) })).status).toBe(
    201,
  );
  await createResource(t, camden, 'camden-spend', { name: 'payments' });
  session = await signIn(t, await t.tokenFor('camden', 'viewer'));
}, 60_000);
afterAll(() => t.stop());

it('shows no banner before anything is published, only the way to the messages', async () => {
  const dashboard = await getPage(t, '/publish', session);
  expect(dashboard.status).toBe(200);
  expect(dashboard.html).not.toMatch(/unread message/);
  expect(dashboard.html).toContain(`href="${t.url}/publish/notifications"`);
  expect((await getPage(t, '/publish/notifications', session)).html).toMatch(/None yet/);
  expect((await getPage(t, '/publish/notifications')).location).toBe(`${t.url}/publish/sign-in`);
});

it('puts a banner on the dashboard and the message on the notifications page when a declared standard gets a new version', async () => {
  const current = (await t.request('GET', `/api/v1/schemas/${SPEND}`)).body;
  delete current.properties.OrganisationURI.pattern;
  const base = `/api/v1/schemas/${SPEND}/versions`;
  expect(
    (await t.request('POST', base, { token: t.adminToken, body: { version: '1.1.0', reason: 'Organisation codes need not be URIs.', schema: current } }))
      .status,
  ).toBe(201);
  expect((await t.request('POST', `${base}/1.1.0/publish`, { token: t.adminToken })).status).toBe(200);
  notificationId = (await t.request('GET', '/api/v1/organisations/camden/notifications', { token: camden })).body.results[0].id;

  const dashboard = await getPage(t, '/publish', session);
  expect(dashboard.html).toMatch(unreadBanner);
  const page = await getPage(t, '/publish/notifications', session);
  expect(page.status).toBe(200);
  expect(page.html).toContain('Compatible version 1.1.0 of');
  expect(page.html).toContain('Organisation codes need not be URIs.');
  expect(page.html).toContain(`href="${t.url}/schemas/${SPEND}"`);
  expect(page.html).toContain(markForm());
});

it('marks a message read only with the session’s CSRF token, for the whole organisation', async () => {
  const forged = await postForm(t, `/publish/notifications/${encodeURIComponent(notificationId)}/read`, session, { csrf: 'not-the-token' });
  expect(forged.status).toBe(403);
  expect((await getPage(t, '/publish', session)).html).toMatch(unreadBanner);

  const marked = await postForm(t, `/publish/notifications/${encodeURIComponent(notificationId)}/read`, session, {});
  expect(marked.status).toBe(303);
  expect(marked.location).toBe(`${t.url}/publish/notifications?done=read`);
  const after = await getPage(t, '/publish/notifications?done=read', session);
  expect(after.html).toMatch(/marked read for everyone in your organisation/);
  expect(after.html).not.toContain(markForm());
  expect(after.html).toMatch(/0 unread messages/);
  // Another member of the organisation sees it read too.
  const admin = await signIn(t, camden);
  expect((await getPage(t, '/publish', admin)).html).not.toMatch(/unread message/);
  const listed = await t.request('GET', '/api/v1/organisations/camden/notifications', { token: camden });
  expect(listed.body.results[0]).toMatchObject({ id: notificationId, readAt: expect.any(String), readBy: expect.stringMatching(/^camden\//) });
  // Marking it again changes nothing.
  const again = await t.request('POST', `/api/v1/organisations/camden/notifications/${encodeURIComponent(notificationId)}/read`, { token: camden });
  expect(again.status).toBe(200);
  expect(again.body.readAt).toBe(listed.body.results[0].readAt);
});

it('lets no other organisation read or mark the message', async () => {
  const other = await signIn(t, hackney);
  const page = await getPage(t, '/publish/notifications', other);
  expect(page.html).not.toContain('1.1.0');
  expect((await postForm(t, `/publish/notifications/${encodeURIComponent(notificationId)}/read`, other, {})).status).toBe(404);
  const api = await t.request('POST', `/api/v1/organisations/camden/notifications/${encodeURIComponent(notificationId)}/read`, { token: hackney });
  expect(api.status).toBe(403);
  expect(api.body.error.code).toBe('forbidden');
  expect((await t.request('POST', '/api/v1/organisations/camden/notifications/no-such-id/read', { token: camden })).status).toBe(404);
});

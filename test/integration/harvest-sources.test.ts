import { startTestExchange, type TestExchange } from '../support/test-exchange';

/** Harvest sources: an organisation's admins register, read, change and remove them; nobody else can. */
let t: TestExchange;
let admin: string;
let editor: string;
let otherAdmin: string;
const base = '/api/v1/organisations/camden/harvest-sources';
const input = { kind: 'ckan', url: 'https://data.example.org/', schedule: 'weekly', filters: { fq: 'res_format:CSV', keywords: ['transport'] } };

beforeAll(async () => {
  t = await startTestExchange();
  admin = await t.organisationWithToken('camden', 'admin');
  editor = await t.tokenFor('camden', 'editor');
  otherAdmin = await t.organisationWithToken('hackney', 'admin');
});
afterAll(() => t.stop());

it('registers, lists, reads, changes (with If-Match) and removes a source', async () => {
  const created = await t.request('POST', base, { token: admin, body: input });
  expect(created.status).toBe(201);
  expect(created.body).toMatchObject({ ...input, organisation: 'camden', mode: 'link' });
  const id = created.body.id as string;
  const path = `${base}/${id}`;

  expect((await t.request('GET', base, { token: admin })).body.results.map((s: { id: string }) => s.id)).toContain(id);
  const read = await t.request('GET', path, { token: t.adminToken });
  expect(read.status).toBe(200);
  expect(read.headers.get('etag')).toBe('"1"');

  expect((await t.request('PATCH', path, { token: admin, body: { schedule: 'daily' } })).status).toBe(428);
  expect((await t.request('PATCH', path, { token: admin, body: { schedule: 'daily' }, headers: { 'if-match': '"7"' } })).status).toBe(412);
  const patched = await t.request('PATCH', path, { token: admin, body: { schedule: 'PT6H', filters: null }, headers: { 'if-match': '"1"' } });
  expect(patched.status).toBe(200);
  expect(patched.body.schedule).toBe('PT6H');
  expect(patched.body.filters).toBeUndefined();
  expect(patched.body.kind).toBe('ckan');

  expect((await t.request('DELETE', path, { token: admin })).status).toBe(204);
  expect((await t.request('GET', path, { token: admin })).status).toBe(404);
});

it('defaults the schedule to daily and the mode to link', async () => {
  const created = await t.request('POST', base, { token: admin, body: { kind: 'socrata', url: 'http://data.example.org' } });
  expect(created.status).toBe(201);
  expect(created.body).toMatchObject({ schedule: 'daily', mode: 'link' });
});

it.each([
  [{ ...input, kind: 'arcgis' }, 'kind'],
  [{ ...input, url: 'ftp://data.example.org' }, 'url'],
  [{ ...input, url: 'https://user:secret@data.example.org' }, 'url'],
  [{ ...input, schedule: 'fortnightly' }, 'schedule'],
  [{ ...input, schedule: 'PT0H' }, 'schedule'],
  [{ ...input, id: 'mine' }, 'id'],
  [{ ...input, filters: { unknown: 1 } }, 'filters'],
])('refuses a bad source with 400 naming the field (%#)', async (body, field) => {
  const response = await t.request('POST', base, { token: admin, body });
  expect(response.status).toBe(400);
  expect(response.body.error.code).toBe('validation_failed');
  expect(response.body.error.details.fields.map((f: { field: string }) => f.field.split('.')[0].split('/')[0])).toContain(field);
});

it('takes mirror mode with the default per-file cap, and drops mirror settings when a source goes back to link mode', async () => {
  const created = await t.request('POST', base, { token: admin, body: { ...input, mode: 'mirror' } });
  expect(created.status).toBe(201);
  expect(created.body).toMatchObject({ mode: 'mirror', mirror: { maxFileBytes: 25 * 1024 * 1024 } });
  const patched = await t.request('PATCH', `${base}/${created.body.id}`, {
    token: admin,
    headers: { 'if-match': created.headers.get('etag')! },
    body: { mode: 'link' },
  });
  expect(patched.status).toBe(200);
  expect(patched.body.mode).toBe('link');
  expect(patched.body).not.toHaveProperty('mirror');
});

it('refuses a non-admin member (403), another organisation (404) and an anonymous caller (401)', async () => {
  const id = (await t.request('POST', base, { token: admin, body: input })).body.id as string;
  expect((await t.request('POST', base, { token: editor, body: input })).status).toBe(403);
  expect((await t.request('GET', `${base}/${id}`, { token: editor })).status).toBe(403);
  expect((await t.request('GET', base, { token: otherAdmin })).status).toBe(404);
  expect((await t.request('GET', `${base}/${id}`, { token: otherAdmin })).status).toBe(404);
  expect((await t.request('DELETE', `${base}/${id}`, { token: otherAdmin })).status).toBe(404);
  expect((await t.request('GET', `/api/v1/organisations/hackney/harvest-sources/${id}`, { token: otherAdmin })).status).toBe(404);
  expect((await t.request('GET', base)).status).toBe(401);
  expect((await t.request('GET', `${base}/${id}`, { token: admin })).status).toBe(200);
});

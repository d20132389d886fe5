import { createResource, uploadAndWait } from '../support/publishing';
import { datasetInput, startTestExchange, type TestExchange } from '../support/test-exchange';

/** CKAN's datastore_search through /api/3/action, over the same row engine and policy as the native endpoint. */
let t: TestExchange;
let publisher: string;
let resourceId: string;
let privateResourceId: string;

const csv = `site,borough,value,count,day,at,ok\n${Array.from({ length: 12 }, (_, k) => {
  const i = k + 1;
  return [
    `S${i}`,
    i % 2 ? 'Camden' : 'Hackney',
    i % 4 === 0 ? '' : String(i / 2),
    String(i * 10),
    `2024-03-${String(i).padStart(2, '0')}`,
    `2024-03-01T${String(i).padStart(2, '0')}:00:00Z`,
    String(i % 3 === 0),
  ].join(',');
}).join('\n')}\n`;

beforeAll(async () => {
  t = await startTestExchange();
  publisher = await t.organisationWithToken('camden', 'admin');
  await t.request('POST', '/api/v1/datasets', { token: publisher, body: datasetInput('air-sites') });
  resourceId = (await createResource(t, publisher, 'air-sites', { name: 'sites' })).body.id;
  await uploadAndWait(t, publisher, 'air-sites', 'sites', csv, 'sites.csv');
  await t.request('POST', '/api/v1/datasets', { token: publisher, body: datasetInput('draft-sites', { tier: 'private', licence: 'proprietary' }) });
  privateResourceId = (await createResource(t, publisher, 'draft-sites', { name: 'sites' })).body.id;
  await uploadAndWait(t, publisher, 'draft-sites', 'sites', 'site\nHiddenSiteMarker\n', 'sites.csv');
}, 60_000);
afterAll(() => t.stop());

const search = (params: Record<string, string | object>, token?: string) =>
  t.request(
    'GET',
    `/api/3/action/datastore_search?${new URLSearchParams(Object.entries(params).map(([k, v]): [string, string] => [k, typeof v === 'string' ? v : JSON.stringify(v)]))}`,
    { token },
  );

describe('datastore_search', () => {
  it("returns CKAN's envelope and result shape: fields with _id first, records with _id, total, limit, offset, _links", async () => {
    const response = await search({ resource_id: resourceId });
    expect(response.status).toBe(200);
    expect(response.body.success).toBe(true);
    const result = response.body.result;
    expect(result.fields).toEqual([
      { id: '_id', type: 'int' },
      { id: 'site', type: 'text' },
      { id: 'borough', type: 'text' },
      { id: 'value', type: 'numeric' },
      { id: 'count', type: 'int8' },
      { id: 'day', type: 'date' },
      { id: 'at', type: 'timestamp' },
      { id: 'ok', type: 'bool' },
    ]);
    expect(result).toMatchObject({
      resource_id: resourceId,
      total: 12,
      total_was_estimated: false,
      limit: 100,
      offset: 0,
      include_total: true,
      records_format: 'objects',
    });
    expect(result.records).toHaveLength(12);
    expect(result.records[0]).toEqual({
      _id: 1,
      site: 'S1',
      borough: 'Camden',
      value: 0.5,
      count: 10,
      day: '2024-03-01',
      at: '2024-03-01T01:00:00Z',
      ok: false,
    });
    expect(result.records.map((r: { _id: number }) => r._id)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect(result._links).toEqual({
      start: `/api/3/action/datastore_search?resource_id=${resourceId}`,
      next: `/api/3/action/datastore_search?resource_id=${resourceId}&offset=100`,
    });
  });

  it('pages with limit and offset; following _links.next visits every row once and ends with an empty page', async () => {
    const seen: number[] = [];
    let next = `/api/3/action/datastore_search?resource_id=${resourceId}&limit=5`;
    for (let pages = 0; pages < 10; pages++) {
      const page = await t.request('GET', next);
      expect(page.status).toBe(200);
      if (page.body.result.records.length === 0) break;
      seen.push(...page.body.result.records.map((r: { _id: number }) => r._id));
      expect(page.body.result.total).toBe(12);
      next = page.body.result._links.next;
    }
    expect(seen).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    const middle = await search({ resource_id: resourceId, limit: '5', offset: '5' });
    expect(middle.body.result._links.prev).toBe(`/api/3/action/datastore_search?resource_id=${resourceId}&limit=5&offset=0`);
    expect(middle.body.result._links.next).toBe(`/api/3/action/datastore_search?resource_id=${resourceId}&limit=5&offset=10`);
  });

  it('filters as a JSON object (equality and lists), q, fields in the order asked and CKAN sort', async () => {
    const filtered = await search({ resource_id: resourceId, filters: { borough: 'Hackney', ok: ['true'] }, fields: 'count,_id,site', sort: 'count desc' });
    expect(filtered.body.result.fields).toEqual([
      { id: 'count', type: 'int8' },
      { id: '_id', type: 'int' },
      { id: 'site', type: 'text' },
    ]);
    expect(filtered.body.result.records).toEqual([
      { count: 120, _id: 12, site: 'S12' },
      { count: 60, _id: 6, site: 'S6' },
    ]);
    expect(filtered.body.result.total).toBe(2);
    expect(filtered.body.result.filters).toEqual({ borough: 'Hackney', ok: ['true'] });
    const byText = await search({ resource_id: resourceId, q: 'hackney', fields: 'site', limit: '2' });
    expect(byText.body.result.records).toEqual([{ site: 'S2' }, { site: 'S4' }]);
    expect(byText.body.result.total).toBe(6);
    const byColumn = await search({ resource_id: resourceId, q: { site: 's1' }, fields: 'site' });
    expect(byColumn.body.result.records.map((r: { site: string }) => r.site)).toEqual(['S1', 'S10', 'S11', 'S12']);
    const sorted = await search({ resource_id: resourceId, sort: 'value desc, "site" asc', fields: 'site,value', limit: '4' });
    expect(sorted.body.result.records).toEqual([
      { site: 'S11', value: 5.5 },
      { site: 'S10', value: 5 },
      { site: 'S9', value: 4.5 },
      { site: 'S7', value: 3.5 },
    ]);
    // Empty values last, then "site" as text: S12 < S4 < S8.
    const emptyLast = await search({ resource_id: resourceId, sort: 'value desc, "site" asc', fields: 'site', offset: '9' });
    expect(emptyLast.body.result.records).toEqual([{ site: 'S12' }, { site: 'S4' }, { site: 'S8' }]);
  });

  it('takes its parameters as a JSON POST body too', async () => {
    const response = await t.request('POST', '/api/3/action/datastore_search', {
      body: { resource_id: resourceId, filters: { site: ['S3', 'S5'] }, limit: 1 },
    });
    expect(response.status).toBe(200);
    expect(response.body.result).toMatchObject({ total: 2, limit: 1, records: [{ _id: 3, site: 'S3' }] });
  });

  it('gives records as lists or CSV, and leaves out the total when include_total is false', async () => {
    const lists = await search({ resource_id: resourceId, records_format: 'lists', fields: '_id,site,ok', limit: '2' });
    expect(lists.body.result.records).toEqual([
      [1, 'S1', false],
      [2, 'S2', false],
    ]);
    const asCsv = await search({ resource_id: resourceId, records_format: 'csv', fields: 'site,value,day', limit: '4' });
    expect(asCsv.body.result.records).toBe('S1,0.5,2024-03-01\r\nS2,1,2024-03-02\r\nS3,1.5,2024-03-03\r\nS4,,2024-03-04\r\n');
    const noTotal = await search({ resource_id: resourceId, include_total: 'false', limit: '1' });
    expect(noTotal.body.result.total).toBeUndefined();
    expect(noTotal.body.result.include_total).toBe(false);
    const none = await search({ resource_id: resourceId, limit: '0' });
    expect(none.body.result).toMatchObject({ records: [], total: 12, limit: 0 });
  });

  it("answers errors in CKAN's envelope: validation errors 409, unknown or hidden resources 404, never a 500", async () => {
    const missingId = await search({});
    expect(missingId.status).toBe(409);
    expect(missingId.body).toMatchObject({ success: false, error: { __type: 'Validation Error', resource_id: ['Missing value'] } });
    const refused: Array<Record<string, string | object>> = [
      { resource_id: resourceId, filters: { 'site" OR 1=1 --': 'x' } },
      { resource_id: resourceId, sort: 'site; DROP TABLE x' },
      { resource_id: resourceId, fields: 'site,(SELECT 1)' },
      { resource_id: resourceId, limit: '-1' },
      { resource_id: resourceId, offset: 'x' },
      { resource_id: resourceId, filters: '{not json' },
      { resource_id: resourceId, records_format: 'xml' },
      { resource_id: resourceId, filter: { site: 'S1' } },
      { resource_id: resourceId, filters: { count: 'ten' } },
    ];
    for (const params of refused) {
      const response = await search(params);
      expect({ params, status: response.status, success: response.body.success }).toEqual({ params, status: 409, success: false });
    }
    for (const id of ['00000000-0000-4000-8000-000000000000', privateResourceId, "x' OR 1=1"]) {
      const response = await search({ resource_id: id });
      expect(response.status).toBe(404);
      expect(response.body.error.__type).toBe('Not Found Error');
      expect(response.text).not.toContain('HiddenSiteMarker');
    }
    const publisherView = await search({ resource_id: privateResourceId }, publisher);
    expect(publisherView.body.result.records).toEqual([{ _id: 1, site: 'HiddenSiteMarker' }]);
  });

  it('caps a huge limit at the maximum, as CKAN does, and says so', async () => {
    const response = await search({ resource_id: resourceId, limit: '10000000' });
    expect(response.status).toBe(200);
    expect(response.body.result.limit).toBe(10_000);
  });

  it('audits reads of private data with the CKAN route', async () => {
    const audit = await t.request('GET', '/api/v1/datasets/draft-sites/audit', { token: publisher });
    expect(audit.body.results.filter((e: { action: string }) => e.action === 'data.rows').map((e: { route: string }) => e.route)).toEqual([
      'GET /api/3/action/datastore_search',
    ]);
  });

  it('resource_show reports datastore_active for the published resource', async () => {
    const response = await t.request('GET', `/api/3/action/resource_show?id=${resourceId}`);
    expect(response.body.result.datastore_active).toBe(true);
  });
});

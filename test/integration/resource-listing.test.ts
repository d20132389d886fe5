import { createResource, download, uploadAndWait } from '../support/publishing';
import { datasetInput, startTestExchange, type TestExchange } from '../support/test-exchange';

/**
 * What a dataset holds: GET .../resources, the summaries embedded in the dataset record,
 * GET .../resources/{resource}/schema, the charset every text download declares, and CKAN's
 * resource url pointing at the normalised UTF-8 CSV with the original at its own link.
 */
let t: TestExchange;
let publisher: string;
let stranger: string;

/** "Café" and "£" in Windows-1252: bytes no UTF-8 decoder reads as text. */
const WINDOWS_1252_CSV = Buffer.from([...Buffer.from('site,price\n'), ...[0x43, 0x61, 0x66, 0xe9], ...Buffer.from(',3\nKiosk '), 0xa3, ...Buffer.from(',4\n')]);

beforeAll(async () => {
  t = await startTestExchange();
  publisher = await t.organisationWithToken('lambeth', 'admin');
  stranger = await t.organisationWithToken('bromley', 'viewer');
  await t.request('POST', '/api/v1/datasets', { token: publisher, body: datasetInput('market-prices') });
  await createResource(t, publisher, 'market-prices', { name: 'prices', title: 'Stall prices' });
  await uploadAndWait(t, publisher, 'market-prices', 'prices', WINDOWS_1252_CSV, 'prices.csv');
  await createResource(t, publisher, 'market-prices', { name: 'indicators', dataSchema: 'borough-indicators' });
  await uploadAndWait(
    t,
    publisher,
    'market-prices',
    'indicators',
    'gss_code,area_name,indicator,period,value,unit,source\nE09000022,Lambeth,Population,2024,317000,people,ONS\n',
    'indicators.csv',
  );
  await createResource(t, publisher, 'market-prices', { name: 'later' });
  await t.request('POST', '/api/v1/datasets', { token: publisher, body: datasetInput('market-plans', { tier: 'private' }) });
  await createResource(t, publisher, 'market-plans', { name: 'plans' });
}, 120_000);
afterAll(() => t.stop());

describe('GET /api/v1/datasets/{dataset}/resources', () => {
  it('lists every resource with its state, formats, row count, size, schema id and links', async () => {
    const listed = await t.request('GET', '/api/v1/datasets/market-prices/resources');
    expect(listed.status).toBe(200);
    expect(listed.body.count).toBe(3);
    const byName = new Map(listed.body.results.map((r: any) => [r.name, r]));
    const prices: any = byName.get('prices');
    expect(prices).toMatchObject({
      name: 'prices',
      title: 'Stall prices',
      state: 'published',
      rowCount: 2,
      bytes: WINDOWS_1252_CSV.length,
      dataSchema: null,
      currentVersion: 1,
    });
    expect(prices.formats).toEqual(['original', 'csv', 'json', 'ndjson', 'parquet']);
    expect(prices.links.schema).toBe(`${t.url}/api/v1/datasets/market-prices/resources/prices/schema`);
    expect(prices.links.downloads.csv).toBe(`${t.url}/api/v1/datasets/market-prices/resources/prices/download?format=csv`);
    expect(byName.get('indicators')).toMatchObject({ state: 'published', dataSchema: 'borough-indicators', rowCount: 1 });
    expect(byName.get('later')).toMatchObject({ state: 'awaiting-upload', formats: [], rowCount: null, bytes: null, currentVersion: null });
  });

  it('is embedded in the dataset record, which links to the listing', async () => {
    const dataset = await t.request('GET', '/api/v1/datasets/market-prices');
    expect(dataset.body.links.resources).toBe(`${t.url}/api/v1/datasets/market-prices/resources`);
    const listed = await t.request('GET', '/api/v1/datasets/market-prices/resources');
    expect(dataset.body.resources).toEqual(listed.body.results);
  });

  it('answers 404 for a dataset the caller may not see, exactly as for one that does not exist', async () => {
    const hidden = await t.request('GET', '/api/v1/datasets/market-plans/resources', { token: stranger });
    const missing = await t.request('GET', '/api/v1/datasets/no-such-dataset/resources', { token: stranger });
    expect(hidden.status).toBe(404);
    expect(hidden.body).toEqual(missing.body);
    expect((await t.request('GET', '/api/v1/datasets/market-plans/resources', { token: publisher })).body.count).toBe(1);
  });
});

describe('GET .../resources/{resource}/schema', () => {
  it("is the Table Schema of the normalised CSV: the declared schema's fields, missing values empty", async () => {
    const schema = await t.request('GET', '/api/v1/datasets/market-prices/resources/indicators/schema');
    expect(schema.status).toBe(200);
    expect(schema.body.fields.map((f: any) => f.name)).toEqual(['gss_code', 'area_name', 'indicator', 'period', 'value', 'unit', 'source']);
    expect(schema.body.missingValues).toEqual(['']);
  });

  it('is a 404 in the one error shape before the first published version', async () => {
    const none = await t.request('GET', '/api/v1/datasets/market-prices/resources/later/schema');
    expect(none.status).toBe(404);
    expect(none.body.error.code).toBe('not_found');
  });
});

describe('text downloads declare their charset', () => {
  it.each(['csv', 'json', 'ndjson'])('the normalised %s is utf-8', async (format) => {
    const file = await download(t, `/api/v1/datasets/market-prices/resources/prices/download?format=${format}`);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toMatch(/;\s*charset=utf-8$/i);
    expect(file.bytes.toString('utf8')).toContain('Café');
  });

  it('the original carries the encoding ingest detected', async () => {
    const file = await download(t, '/api/v1/datasets/market-prices/resources/prices/download?format=original');
    expect(file.headers.get('content-type')).toBe('text/csv; charset=windows-1252');
    expect(file.bytes.equals(WINDOWS_1252_CSV)).toBe(true);
  });
});

describe('CKAN resource url', () => {
  it('points at the normalised UTF-8 CSV, and the original stays at ldx_original_url', async () => {
    const shown = await t.request('GET', '/api/3/action/package_show?id=market-prices');
    const prices = shown.body.result.resources.find((r: any) => r.ldx_name === 'prices');
    expect(prices.url).toBe(`${t.url}/api/v1/datasets/market-prices/resources/prices/download?format=csv`);
    expect(prices.ldx_original_url).toBe(`${t.url}/api/v1/datasets/market-prices/resources/prices/download?format=original`);
    expect(prices).toMatchObject({ format: 'CSV', mimetype: 'text/csv' });
    const csv = await download(t, prices.url.slice(t.url.length));
    expect(csv.bytes.toString('utf8').split(/\r?\n/)).toEqual(['site,price', 'Café,3', 'Kiosk £,4', '']);
    const original = await download(t, prices.ldx_original_url.slice(t.url.length));
    expect(original.bytes.equals(WINDOWS_1252_CSV)).toBe(true);
    const later = shown.body.result.resources.find((r: any) => r.ldx_name === 'later');
    expect(later.url).toBe('');
  });
});

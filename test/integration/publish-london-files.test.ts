import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createResource, download, uploadAndWait } from '../support/publishing';
import { datasetInput, startTestExchange, type TestExchange } from '../support/test-exchange';

/**
 * The real London files of the messy corpus, uploaded through the API as a publisher would:
 * each publishes (or fails) as test/fixtures/messy/expected.json says, the original downloads
 * byte-identical, geographic ones get a GeoJSON download, and the boroughs their rows lie in
 * join the dataset's spatial coverage.
 */
const MESSY = join(__dirname, '..', 'fixtures', 'messy');
const expected: Array<{ file: string; published: boolean; format: string; rows: number; types?: Record<string, string> }> = JSON.parse(
  readFileSync(join(MESSY, 'expected.json'), 'utf8'),
);
const real = expected.filter((e) => e.file.startsWith('real-'));

let t: TestExchange;
let token: string;
let counter = 0;
beforeAll(async () => {
  t = await startTestExchange();
  token = await t.organisationWithToken('gla', 'editor');
  await t.request('POST', '/api/v1/datasets', { token, body: datasetInput('london-files', { spatialCoverage: { gssCodes: ['E12000007'] } }) });
});
afterAll(() => t.stop());

const publish = async (file: string, fields: Record<string, unknown> = {}) => {
  const name = `r${++counter}`;
  await createResource(t, token, 'london-files', { name, ...fields });
  const bytes = readFileSync(join(MESSY, file));
  const { resource } = await uploadAndWait(t, token, 'london-files', name, bytes, file);
  return { name, bytes, resource: resource.body };
};

it.each(real.map((e) => [e.file, e]))('%s publishes through the API as the corpus expects', async (file, want) => {
  const { name, bytes, resource } = await publish(file);
  expect(resource.status).toBe(want.published ? 'published' : 'failed');
  if (!want.published) return;
  expect(resource.current.rowCount).toBe(want.rows);
  const schema = await t.request('GET', `/api/v1/datasets/london-files/resources/${name}/schema`, { token });
  expect(Object.fromEntries(schema.body.fields.map((f: { name: string; type: string }) => [f.name, f.type]))).toEqual(want.types);
  const original = await download(t, `/api/v1/datasets/london-files/resources/${name}/download?format=original`, token);
  expect(original.bytes.equals(bytes)).toBe(true);
});

it("TfL's cycle hire XML gets a GeoJSON download of points, and its boroughs join the dataset's coverage", async () => {
  const { name } = await publish('real-tfl-cycle-hire.xml');
  const geojson = JSON.parse((await download(t, `/api/v1/datasets/london-files/resources/${name}/download?format=geojson`, token)).bytes.toString('utf8'));
  expect(geojson.type).toBe('FeatureCollection');
  expect(geojson.features).toHaveLength(750);
  expect(geojson.features[0]).toEqual({
    type: 'Feature',
    geometry: { type: 'Point', coordinates: [-0.109970527, 51.52916347] },
    properties: expect.objectContaining({ id: 1, name: 'River Street , Clerkenwell' }),
  });
  // TfL's test station at 0,0 is not a place.
  expect(geojson.features.filter((f: { geometry: unknown }) => f.geometry === null)).toHaveLength(1);
  const versions = await t.request('GET', `/api/v1/datasets/london-files/resources/${name}/versions`, { token });
  expect(versions.body.results[0].geography).toMatchObject({
    placedBy: { kind: 'lat-lon', latitude: 'lat', longitude: 'long' },
    bbox: [expect.any(Number), expect.any(Number), expect.any(Number), expect.any(Number)],
    placedRows: 749,
  });
  expect(versions.body.results[0].geography.bbox[1]).toBeGreaterThan(51);
  const dataset = await t.request('GET', '/api/v1/datasets/london-files', { token });
  expect(dataset.body.spatialCoverage.gssCodes).toEqual(expect.arrayContaining(['E12000007', 'E09000001', 'E09000007', 'E09000033']));
});

it('a table without a place has no GeoJSON download', async () => {
  const { name } = await publish('real-ward-profiles.csv');
  const link = await t.request('GET', `/api/v1/datasets/london-files/resources/${name}/download?format=geojson`, { token });
  expect(link.status).toBe(404);
});

it("the GLA workbook's Data sheet, declared on the resource, is the one published", async () => {
  const { name, resource } = await publish('real-borough-profiles-GLA.xlsx', { sheet: 'Data', format: 'xlsx' });
  expect(resource).toMatchObject({ status: 'published', sheet: 'Data', current: { rowCount: 39, columnCount: 85 } });
  const report = await t.request('GET', `/api/v1/datasets/london-files/resources/${name}/versions/1/report`, { token });
  expect(report.body.report.warnings.find((w: { code: string }) => w.code === 'other-sheets').message).toMatch(/^Sheet "Data" is published/);
});

it('a legacy .xls upload fails with a report asking for .xlsx', async () => {
  const { name, resource } = await publish('ward-profiles-biff8.xls');
  expect(resource.status).toBe('failed');
  const report = await t.request('GET', `/api/v1/datasets/london-files/resources/${name}/versions/1/report`, { token });
  expect(report.body.report).toMatchObject({ valid: false, errorCount: 1 });
  expect(report.body.report.errors).toEqual([
    expect.objectContaining({ code: 'format-error', message: expect.stringMatching(/legacy Excel \.xls workbook.*save it as \.xlsx/) }),
  ]);
});

it("LAQN's hourly index publishes its species readings, and the report names the path they came from", async () => {
  const { name, resource } = await publish('real-laqn-hourly-aqi.json');
  expect(resource.status).toBe('published');
  const report = await t.request('GET', `/api/v1/datasets/london-files/resources/${name}/versions/1/report`, { token });
  expect(report.body.report.warnings).toEqual([
    { code: 'json-records', message: expect.stringContaining('HourlyAirQualityIndex.LocalAuthority[].Site[].Species[]') },
  ]);
});

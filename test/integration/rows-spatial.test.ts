import { createResource, uploadAndWait } from '../support/publishing';
import { datasetInput, startTestExchange, type TestExchange } from '../support/test-exchange';

/**
 * bbox and within on the row API, through a real local exchange (DuckDB engine): points by
 * latitude/longitude, by National Grid eastings/northings, and GeoJSON geometries; bad values
 * are 400s naming the parameter; a resource without places is a clear 400; the tier policy
 * applies as to every row read.
 */
let t: TestExchange;
let publisher: string;
const CAMDEN = 'E09000007';

// Places checked against the shipped borough outlines. Marylebone (Westminster) and Angel (Islington)
// lie inside Camden's bounding box but outside Camden: only an exact test leaves them out.
const SITES = [
  ['camden-town', -0.1426, 51.539, 528912, 183868],
  ['kings-cross', -0.124, 51.5308, 530226, 182989],
  ['marylebone', -0.155, 51.522, 528100, 181956],
  ['angel', -0.106, 51.532, 531471, 183155],
  ['westminster', -0.1357, 51.4975, 529509, 179265],
  ['hackney', -0.0553, 51.545, 534949, 184693],
] as const;

const latLonCsv = `site,latitude,longitude\n${SITES.map(([site, lon, lat]) => `${site},${lat},${lon}`).join('\n')}\nunknown,0,0\nblank,,\n`;
const gridCsv = `site,easting,northing\n${SITES.map(([site, , , e, n]) => `${site},${e},${n}`).join('\n')}\n`;
const square = (lon: number, lat: number, d: number) => ({
  type: 'Polygon',
  coordinates: [
    [
      [lon - d, lat - d],
      [lon + d, lat - d],
      [lon + d, lat + d],
      [lon - d, lat + d],
      [lon - d, lat - d],
    ],
  ],
});
const geojson = JSON.stringify({
  type: 'FeatureCollection',
  features: [
    { type: 'Feature', properties: { site: 'camden-square' }, geometry: square(-0.1426, 51.539, 0.002) },
    { type: 'Feature', properties: { site: 'westminster-point' }, geometry: { type: 'Point', coordinates: [-0.1357, 51.4975] } },
    { type: 'Feature', properties: { site: 'marylebone-square' }, geometry: square(-0.155, 51.522, 0.001) },
  ],
});

const publish = async (name: string, file: string, bytes: string, tier: 'open' | 'private' = 'open') => {
  const created = await t.request('POST', '/api/v1/datasets', {
    token: publisher,
    body: datasetInput(name, { tier, licence: tier === 'open' ? 'OGL-UK-3.0' : 'proprietary' }),
  });
  expect(created.status).toBe(201);
  await createResource(t, publisher, name, { name: 'places' });
  const { resource } = await uploadAndWait(t, publisher, name, 'places', bytes, file);
  expect(resource.body.current).toMatchObject({ version: 1 });
};

beforeAll(async () => {
  t = await startTestExchange();
  publisher = await t.organisationWithToken('camden', 'admin');
  await publish('sites-lat-lon', 'sites.csv', latLonCsv);
  await publish('sites-grid', 'sites.csv', gridCsv);
  await publish('sites-shapes', 'sites.geojson', geojson);
  await publish('sites-private', 'sites.csv', latLonCsv, 'private');
  await publish('no-places', 'load.csv', 'substation,load_mw\nA,12.5\nB,7\n');
}, 120_000);
afterAll(() => t.stop());

const rows = (dataset: string, query: string, token?: string) => t.request('GET', `/api/v1/datasets/${dataset}/resources/places/rows?${query}`, { token });
const sites = (body: { records: Array<{ site: string }> }) => body.records.map((r) => r.site).sort();

it('within a borough: the points inside its outline, not those only inside its bounding box', async () => {
  for (const dataset of ['sites-lat-lon', 'sites-grid']) {
    const response = await rows(dataset, `within=${CAMDEN}`);
    expect({ dataset, status: response.status }).toEqual({ dataset, status: 200 });
    expect({ dataset, sites: sites(response.body), total: response.body.total }).toEqual({ dataset, sites: ['camden-town', 'kings-cross'], total: 2 });
  }
  const hackney = await rows('sites-lat-lon', 'within=e09000012');
  expect(sites(hackney.body)).toEqual(['hackney']);
});

it('bbox: the points in a WGS84 box, on lat/lon and easting/northing columns alike; with within, both apply', async () => {
  const box = 'bbox=-0.16,51.52,-0.12,51.545';
  for (const dataset of ['sites-lat-lon', 'sites-grid']) {
    const response = await rows(dataset, box);
    expect({ dataset, sites: sites(response.body) }).toEqual({ dataset, sites: ['camden-town', 'kings-cross', 'marylebone'] });
  }
  const both = await rows('sites-lat-lon', `${box}&within=${CAMDEN}`);
  expect(sites(both.body)).toEqual(['camden-town', 'kings-cross']);
  const nowhere = await rows('sites-lat-lon', 'bbox=1,1,2,2');
  expect(nowhere.body).toMatchObject({ records: [], total: 0 });
});

it('GeoJSON geometries are placed at their centroid', async () => {
  expect(sites((await rows('sites-shapes', `within=${CAMDEN}`)).body)).toEqual(['camden-square']);
  expect(sites((await rows('sites-shapes', 'bbox=-0.2,51.49,-0.13,51.53')).body)).toEqual(['marylebone-square', 'westminster-point']);
});

it('pages through a place query with its cursor, and the cursor is bound to the place', async () => {
  const first = await rows('sites-lat-lon', `within=${CAMDEN}&limit=1`);
  expect(first.body).toMatchObject({ total: 2 });
  expect(first.body.records).toHaveLength(1);
  const cursor = new URL(first.body.next).searchParams.get('cursor')!;
  const next = await t.request('GET', first.body.next.slice(t.url.length));
  expect(next.body.records).toHaveLength(1);
  expect(sites({ records: [...first.body.records, ...next.body.records] })).toEqual(['camden-town', 'kings-cross']);
  const elsewhere = await rows('sites-lat-lon', `within=E09000012&limit=1&cursor=${cursor}`);
  expect(elsewhere.status).toBe(400);
  expect(elsewhere.body.error.details).toEqual({ field: 'cursor' });
});

it('aggregations take the place too', async () => {
  const response = await rows('sites-lat-lon', `within=${CAMDEN}&aggregate=count`);
  expect(response.status).toBe(200);
  expect(response.body.records).toEqual([{ count: 2 }]);
});

it('bad values are 400s naming the parameter', async () => {
  for (const [query, field] of [
    ['bbox=1,2,3', 'bbox'],
    ['bbox=a,b,c,d', 'bbox'],
    ['bbox=-0.1,51.6,-0.2,51.5', 'bbox'],
    ['bbox=-0.2,91,-0.1,92', 'bbox'],
    ['bbox=1e3,1,2,3', 'bbox'],
    ['within=E09000099', 'within'],
    ['within=E05000001', 'within'],
    ['within=Camden', 'within'],
    ['within=E09000007&within=E09000012', 'within'],
  ]) {
    const response = await rows('sites-lat-lon', query);
    expect({ query, status: response.status, field: response.body.error?.details?.fields?.[0]?.field }).toEqual({ query, status: 400, field });
  }
});

it('a resource without places answers a clear 400', async () => {
  for (const query of [`within=${CAMDEN}`, 'bbox=-0.2,51.5,-0.1,51.6']) {
    const response = await rows('no-places', query);
    expect(response.status).toBe(400);
    expect(response.body.error.message).toMatch(/has no places/);
    expect(response.body.error.details).toMatchObject({ reason: 'no_places' });
  }
});

it('goes through the tier policy: a private resource is a 404 to others, rows to its publisher', async () => {
  expect((await rows('sites-private', `within=${CAMDEN}`)).status).toBe(404);
  const stranger = await t.organisationWithToken('bromley', 'admin');
  expect((await rows('sites-private', `within=${CAMDEN}`, stranger)).status).toBe(404);
  const own = await rows('sites-private', `within=${CAMDEN}`, publisher);
  expect(sites(own.body)).toEqual(['camden-town', 'kings-cross']);
});

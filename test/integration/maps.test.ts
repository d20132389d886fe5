import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SEQUENTIAL_PALETTE } from '../../functions/geo/svg/class-breaks';
import { createResource, uploadAndWait } from '../support/publishing';
import { datasetInput, startTestExchange, type TestExchange } from '../support/test-exchange';

/**
 * Maps drawn by the exchange (GET .../map.svg), over real London files: a borough choropleth of
 * the GLA's borough profiles and a point map of the LAQN's monitoring sites, through the same
 * tier policy and grants as every row read.
 */
const seedFile = (name: string) => readFileSync(join(__dirname, '../../functions/local/seed/london-data', name));

let t: TestExchange;
let publisher: string;
let grantee: string;
let stranger: string;
const DAY = 86_400_000;

const publish = async (name: string, tier: 'open' | 'shared', file: Buffer | string, filename: string) => {
  const created = await t.request('POST', '/api/v1/datasets', {
    token: publisher,
    body: datasetInput(name, { tier, licence: tier === 'open' ? 'OGL-UK-3.0' : 'proprietary' }),
  });
  if (created.status !== 201) throw new Error(created.text);
  await createResource(t, publisher, name, { name: 'data' });
  const { resource } = await uploadAndWait(t, publisher, name, 'data', file, filename);
  if (resource.body.status !== 'published') throw new Error(`${name} did not publish: ${resource.text}`);
};

const map = (dataset: string, query = '', token?: string) => t.request('GET', `/api/v1/datasets/${dataset}/resources/data/map.svg${query}`, { token });

/** The label and fill of each borough area drawn. */
const areas = (svg: string): Map<string, string> =>
  new Map([...svg.matchAll(/<g class="map-area"[^>]*aria-label="([^"]+)"><title>[^<]*<\/title><path d="[^"]+" fill="([^"]+)"/g)].map((m) => [m[1], m[2]]));

beforeAll(async () => {
  t = await startTestExchange();
  publisher = await t.organisationWithToken('gla', 'admin');
  grantee = await t.organisationWithToken('camden', 'viewer');
  stranger = await t.organisationWithToken('bromley', 'viewer');
  await publish('borough-profiles', 'open', seedFile('london-borough-profiles_2017_GLA_cp1252.csv'), 'london-borough-profiles.csv');
  await publish('laqn-sites', 'open', seedFile('laqn_sites_BayesNewton.csv'), 'laqn-sites.csv');
  await publish('few-points', 'open', 'name,Eastings,Northings\nCity Hall,533400,180100\nCounty Hall,530700,179700\nNowhere,0,0\nBlank,,\n', 'few.csv');
  await publish('shared-profiles', 'shared', 'code,load\nE09000007,12\nE09000012,30\n', 'load.csv');
  await publish('no-geography', 'open', 'site,reading\nA,1\nB,2\n', 'plain.csv');
  const feature = (name: string, coordinates: number[]) => ({ type: 'Feature', properties: { name }, geometry: { type: 'Point', coordinates } });
  const points = { type: 'FeatureCollection', features: [feature('Tower of London', [-0.0759, 51.5081]), feature('Kew Gardens', [-0.2956, 51.4787])] };
  await publish('geojson-points', 'open', JSON.stringify(points), 'points.geojson');
  const granted = await t.request('POST', '/api/v1/datasets/shared-profiles/grants', {
    token: publisher,
    body: {
      organisation: 'camden',
      purpose: 'Comparing loads across boroughs',
      lawfulBasis: 'not-personal-data',
      agreementReference: 'DSA-MAP-1',
      expiresAt: new Date(t.clock.now().getTime() + 2 * DAY).toISOString(),
    },
  });
  if (granted.status !== 201) throw new Error(granted.text);
}, 120_000);
afterAll(() => t.stop());

it('draws a choropleth of the column asked for: every borough labelled with its value, coloured by quantile class', async () => {
  const response = await map('borough-profiles', '?column=GLA_Population_Estimate_2017');
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('image/svg+xml; charset=utf-8');
  const drawn = areas(response.text);
  expect(drawn.size).toBe(33);
  expect([...drawn.keys()]).toEqual(expect.arrayContaining(['Camden: 242,500', 'City of London: 8,800', 'Barnet: 389,600']));
  // The least and the most populous boroughs sit at the two ends of the palette.
  expect(drawn.get('City of London: 8,800')).toBe(SEQUENTIAL_PALETTE[0]);
  expect(drawn.get('Barnet: 389,600')).toBe(SEQUENTIAL_PALETTE[4]);
  expect(new Set(drawn.values())).toEqual(new Set(SEQUENTIAL_PALETTE));
  // The legend names the column and its five classes, with how many boroughs each holds.
  expect(response.text).toContain('GLA_Population_Estimate_2017 by London borough');
  const counts = [...response.text.matchAll(/\((\d+) boroughs?\)/g)].map((m) => Number(m[1]));
  expect(counts).toHaveLength(5);
  expect(counts.reduce((a, b) => a + b, 0)).toBe(33);
  // The boundary data's attribution travels with the map.
  expect(response.text).toContain('Contains OS, ONS');
});

it('colours by another column when asked, and refuses a column that is not numeric (400, naming the numeric ones)', async () => {
  const other = await map('borough-profiles', `?column=${encodeURIComponent('Average_Age,_2017')}`);
  expect(other.status).toBe(200);
  expect([...areas(other.text).keys()]).toContain('Camden: 36.4');
  const refused = await map('borough-profiles', '?column=Area_name');
  expect(refused.status).toBe(400);
  expect(refused.body.error.code).toBe('bad_request');
  expect(refused.body.error.message).toContain("'Area_name' is not a numeric column");
  expect(refused.body.error.details.numericColumns).toContain('GLA_Population_Estimate_2017');
});

it('draws the LAQN sites as points binned in 1 km squares, from lat/lon, leaving out sites outside London and placeholders', async () => {
  const response = await map('laqn-sites');
  expect(response.status).toBe(200);
  expect(response.text).toContain('Points in each 1 km square');
  const squares = [...response.text.matchAll(/<rect class="map-bin" [^>]*fill="(#[0-9a-f]{6})"/g)];
  expect(squares.length).toBeGreaterThan(100);
  // Bins hold between them every site drawn: the legend's counts add up.
  const legend = [...response.text.matchAll(/\((\d+) squares?\)/g)].map((m) => Number(m[1]));
  expect(legend.reduce((a, b) => a + b, 0)).toBe(squares.length);
  // Westminster has many sites; the borough outline says how many.
  expect(response.text).toMatch(/aria-label="Westminster: \d+ points"/);
  // Sites all over London: the whole of it is drawn.
  expect([...response.text.matchAll(/<g class="map-area"/g)]).toHaveLength(33);
});

it('draws a few points from eastings and northings as dots, leaving out the ones it cannot place', async () => {
  const response = await map('few-points');
  expect(response.status).toBe(200);
  expect([...response.text.matchAll(/<circle class="map-point"/g)]).toHaveLength(2);
  expect(response.text).toMatch(/aria-label="Southwark: 1 point"/);
  expect(response.text).toMatch(/aria-label="Lambeth: 1 point"/);
  // Two points near the Thames: the map zooms to them, so outer boroughs are not drawn (nor tab stops).
  expect(response.text).not.toMatch(/aria-label="Havering:/);
  expect(areas(response.text).size).toBeLessThan(33);
  expect(notes(response.text)).toBe('1 row has a position outside London (or a placeholder such as 0,0) and is not drawn. 1 row has no position.');
});

it('draws the points of a GeoJSON resource from their geometry', async () => {
  const response = await map('geojson-points');
  expect(response.status).toBe(200);
  expect([...response.text.matchAll(/<circle class="map-point"/g)]).toHaveLength(2);
  expect(response.text).toMatch(/aria-label="Tower Hamlets: 1 point"/);
  expect(response.text).toMatch(/aria-label="Richmond upon Thames: 1 point"/);
});

it('answers 404 with a reason for a resource with nothing to map', async () => {
  const response = await map('no-geography');
  expect(response.status).toBe(404);
  expect(response.body.error.message).toContain('No map for this resource');
  expect((await map('borough-profiles', '?kind=points')).status).toBe(404);
});

it('a shared map is drawn for the publisher and the grantee only; others get the 404 of a dataset that does not exist', async () => {
  const missing = await t.request('GET', '/api/v1/datasets/not-there/resources/data/map.svg');
  for (const token of [undefined, stranger]) {
    const refused = await map('shared-profiles', '', token);
    expect(refused.status).toBe(404);
    expect(refused.text).not.toContain('<svg');
    expect(refused.body.error.code).toBe(missing.body.error.code);
  }
  for (const token of [publisher, grantee]) {
    const drawn = await map('shared-profiles', '', token);
    expect(drawn.status).toBe(200);
    expect([...areas(drawn.text).keys()]).toEqual(expect.arrayContaining(['Camden: 12', 'Hackney: 30', 'Bromley: no value']));
  }
  const audits = await t.request('GET', '/api/v1/datasets/shared-profiles/audit?limit=1000', { token: publisher });
  expect(audits.body.results.filter((e: { action: string; route?: string }) => e.action === 'data.rows').length).toBeGreaterThan(0);
});

it('the SVG loads nothing from anywhere: no links, scripts or external references', async () => {
  for (const dataset of ['borough-profiles', 'laqn-sites']) {
    const { text, headers } = await map(dataset);
    expect(text).not.toMatch(/<script|href=|src=|@import|url\((?!#)/i); // url(#…) points inside the document (the clip path)
    expect(headers.get('content-security-policy')).toBe("default-src 'none'; style-src 'unsafe-inline'");
  }
});

/** The notes under the legend, lines joined again. */
const notes = (svg: string): string => [...svg.matchAll(/class="map-note">([^<]*)</g)].map((m) => m[1]).join(' ');

it('says in the map what it left out: rows of other areas, sites it cannot place', async () => {
  expect(notes((await map('borough-profiles')).text)).toContain('5 rows are not London boroughs');
  const sites = notes((await map('laqn-sites')).text);
  expect(sites).toMatch(/\d+ rows have a position outside London/);
  expect(sites).toMatch(/\d+ rows have no position/);
});

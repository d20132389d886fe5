import { ALLOW_HOSTS_ENV } from '../../functions/outbound/allow-list';
import { startTestExchange, type TestExchange } from '../support/test-exchange';
import { type FixtureServer, json, startFixtureServer } from './harvest-fixture-server';

/**
 * "One dataset, once": a borough's data.json and a CKAN portal both list some of the same
 * datasets. The second source's records of them are recognised (distribution URL, identifier,
 * title and publisher), kept out of search and listings, and the first source's dataset lists both
 * sources; a dataset that only looks similar (another publisher) stays on its own.
 */
let t: TestExchange;
let server: FixtureServer;
let admin: string;
const base = '/api/v1/organisations/camden/harvest-sources';

const ckanPackages = [
  {
    id: '0b7c1f6e-2f4a-4d57-9a43-0c7c7b1f7e01',
    name: 'ward-profiles',
    title: 'Ward profiles',
    license_id: 'uk-ogl',
    organization: { name: 'camden', title: 'London Borough of Camden' },
    resources: [{ id: 'r1', name: 'Ward profiles CSV', format: 'CSV', url: 'https://opendata.camden.gov.uk/files/ward-profiles.csv' }],
  },
  {
    id: '0b7c1f6e-2f4a-4d57-9a43-0c7c7b1f7e02',
    name: 'street-trees',
    title: 'Street Trees',
    license_id: 'uk-ogl',
    organization: { name: 'camden', title: 'London Borough of Camden' },
    resources: [{ id: 'r2', name: 'Trees', format: 'CSV', url: 'https://opendata.camden.gov.uk/files/trees-2026.csv' }],
  },
  {
    id: '0b7c1f6e-2f4a-4d57-9a43-0c7c7b1f7e03',
    name: 'air-quality',
    title: 'Air quality',
    license_id: 'uk-ogl',
    organization: { name: 'islington', title: 'London Borough of Islington' },
    resources: [{ id: 'r3', name: 'Readings', format: 'CSV', url: 'https://data.islington.gov.uk/air.csv' }],
  },
];

const dataJson = {
  conformsTo: 'https://project-open-data.cio.gov/v1.1/schema',
  dataset: [
    {
      // The same file, written differently: http, www., a trailing slash and a tracking parameter.
      identifier: 'camden-ward-profiles',
      title: 'Ward profiles (Camden)',
      description: 'Population and more by ward.',
      license: 'https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/',
      modified: '2026-10-01',
      publisher: { name: 'Camden Council' },
      distribution: [{ downloadURL: 'http://www.opendata.camden.gov.uk/files/ward-profiles.csv/?utm_source=feed', mediaType: 'text/csv' }],
    },
    {
      // Same title and publisher once normalised; its file has another URL.
      identifier: 'camden-street-trees',
      title: 'Street trees',
      license: 'https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/',
      modified: '2026-10-01',
      publisher: { name: 'Camden Council' },
      distribution: [{ downloadURL: 'https://camden.example.org/trees.csv', mediaType: 'text/csv' }],
    },
    {
      // Same title as Islington's, but Camden's own: another dataset.
      identifier: 'camden-air-quality',
      title: 'Air quality',
      license: 'https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/',
      modified: '2026-10-01',
      publisher: { name: 'Camden Council' },
      distribution: [{ downloadURL: 'https://camden.example.org/air.csv', mediaType: 'text/csv' }],
    },
  ],
};

const register = async (body: Record<string, unknown>): Promise<string> => {
  const created = await t.request('POST', base, { token: admin, body });
  if (created.status !== 201) throw new Error(`could not register: ${created.status} ${created.text}`);
  return created.body.id as string;
};
const run = async (id: string) => {
  const response = await t.request('POST', `${base}/${id}/runs`, { token: admin });
  expect(response.status).toBe(201);
  return response.body;
};
const listed = async () => {
  const listing = await t.request('GET', '/api/v1/datasets?organisation=camden&limit=100');
  return listing.body.results as Array<{ name: string; title: string; provenance?: { sourceId: string; identifier: string } }>;
};

beforeAll(async () => {
  server = await startFixtureServer();
  process.env[ALLOW_HOSTS_ENV] = server.hostPort;
  t = await startTestExchange();
  admin = await t.organisationWithToken('camden', 'admin');
  server.answers.set('/api/3/action/package_search', json({ success: true, result: { count: ckanPackages.length, results: ckanPackages } }));
  server.answers.set('/camden/data.json', json(dataJson));
});
afterAll(async () => {
  delete process.env[ALLOW_HOSTS_ENV];
  await t.stop();
  await server.stop();
});

it('shows a dataset reached through two sources once, listing both sources', async () => {
  const ckan = await register({ kind: 'ckan', url: `${server.origin}/` });
  const borough = await register({ kind: 'dcat-us', url: `${server.origin}/camden/data.json` });
  expect(await run(ckan)).toMatchObject({ status: 'completed', created: 3, errors: [] });
  expect(await run(borough)).toMatchObject({ status: 'completed', created: 3, errors: [] });

  const results = await listed();
  const titles = results.map((d) => d.title).sort();
  // Six records, four datasets: the ward profiles and street trees once each, both air quality datasets.
  expect(titles).toEqual(['Air quality', 'Air quality', 'Street Trees', 'Ward profiles']);

  const wards = results.find((d) => d.title === 'Ward profiles')!;
  const shown = await t.request('GET', `/api/v1/datasets/${wards.name}`);
  expect(shown.body.provenance).toMatchObject({ sourceId: ckan, identifier: ckanPackages[0].id });
  expect(shown.body.provenance.alsoHarvestedFrom).toEqual([
    expect.objectContaining({ sourceId: borough, sourceKind: 'dcat-us', identifier: 'camden-ward-profiles', matchedBy: 'url' }),
  ]);
  const trees = await t.request('GET', `/api/v1/datasets/${results.find((d) => d.title === 'Street Trees')!.name}`);
  expect(trees.body.provenance.alsoHarvestedFrom).toEqual([expect.objectContaining({ sourceId: borough, matchedBy: 'title-and-publisher' })]);

  // The borough's own record of it is kept, pointing at the one shown, and search finds only that one.
  const hidden = shown.body.provenance.alsoHarvestedFrom[0].dataset;
  const duplicate = await t.request('GET', `/api/v1/datasets/${hidden}`);
  expect(duplicate.body.provenance.duplicateOf).toBe(wards.name);
  const search = await t.request('GET', `/api/v1/datasets?q=${encodeURIComponent('ward profiles')}`);
  expect(search.body.results.map((d: { name: string }) => d.name)).toEqual([wards.name]);
});

it('writes nothing on a second run of either source, and lets the record stand again when the first source withdraws its dataset', async () => {
  const sources = (await t.request('GET', base, { token: admin })).body.results as Array<{ id: string; kind: string }>;
  const ckan = sources.find((s) => s.kind === 'ckan')!.id;
  const borough = sources.find((s) => s.kind === 'dcat-us')!.id;
  expect(await run(ckan)).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
  expect(await run(borough)).toMatchObject({ created: 0, updated: 0, unchanged: 3 });

  server.answers.set('/api/3/action/package_search', json({ success: true, result: { count: 2, results: ckanPackages.slice(1) } }));
  expect(await run(ckan)).toMatchObject({ status: 'completed', withdrawn: 1 });
  // The borough's next run finds nothing earlier standing for its ward profiles: its record is shown.
  expect(await run(borough)).toMatchObject({ status: 'completed', updated: 1, unchanged: 2 });
  const wards = (await listed()).filter((d) => d.title.startsWith('Ward profiles'));
  expect(wards.map((d) => [d.title, d.provenance?.sourceId])).toEqual([['Ward profiles (Camden)', borough]]);
});

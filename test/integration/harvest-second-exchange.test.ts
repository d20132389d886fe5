import { ALLOW_HOSTS_ENV } from '../../functions/outbound/allow-list';
import { startTestExchange, type TestExchange } from '../support/test-exchange';

/**
 * One exchange harvests another through the interfaces every catalogue tool reads: its CKAN
 * Action API and its DCAT-US data.json. The publisher's open datasets arrive with their licence
 * and links; its private dataset does not; and the same datasets reached through both interfaces
 * are shown once, listing both sources.
 */
let publisher: TestExchange;
let harvester: TestExchange;
let harvesterAdmin: string;
const base = '/api/v1/organisations/sutton/harvest-sources';

const publish = async (token: string, body: Record<string, unknown>) => {
  const created = await publisher.request('POST', '/api/v1/datasets', { token, body });
  if (created.status !== 201) throw new Error(`${created.status} ${created.text}`);
};

beforeAll(async () => {
  [publisher, harvester] = await Promise.all([startTestExchange(), startTestExchange()]);
  process.env[ALLOW_HOSTS_ENV] = new URL(publisher.url).host;
  const editor = await publisher.organisationWithToken('merton', 'admin');
  await publish(editor, {
    name: 'merton-street-trees',
    title: 'Merton street trees',
    description: 'Every council-managed street tree.',
    licence: 'OGL-UK-3.0',
    tier: 'open',
    keywords: ['trees'],
    updateFrequency: 'monthly',
  });
  await publish(editor, { name: 'merton-parking-bays', title: 'Merton parking bays', licence: 'CC-BY-4.0', tier: 'open' });
  await publish(editor, { name: 'merton-internal-notes', title: 'Merton internal notes', licence: 'proprietary', tier: 'private' });
  await publisher.exchange.indexIdle();
  harvesterAdmin = await harvester.organisationWithToken('sutton', 'admin');
}, 60_000);
afterAll(async () => {
  delete process.env[ALLOW_HOSTS_ENV];
  await Promise.all([publisher.stop(), harvester.stop()]);
});

const run = async (body: Record<string, unknown>) => {
  const source = (await harvester.request('POST', base, { token: harvesterAdmin, body })).body.id as string;
  const report = await harvester.request('POST', `${base}/${source}/runs`, { token: harvesterAdmin });
  expect(report.status).toBe(201);
  return { source, report: report.body };
};

it('harvests the other exchange through its CKAN API, then its data.json, showing each open dataset once', async () => {
  const ckan = await run({ kind: 'ckan', url: `${publisher.url}/` });
  expect(ckan.report).toMatchObject({ status: 'completed', seen: 2, created: 2, errors: [] });
  const dcat = await run({ kind: 'dcat-us', url: `${publisher.url}/catalog/data.json` });
  expect(dcat.report).toMatchObject({ status: 'completed', seen: 2, created: 2, errors: [] });

  const listing = await harvester.request('GET', '/api/v1/datasets?organisation=sutton&limit=100');
  const shown = listing.body.results as Array<{ name: string; title: string; licence: string }>;
  expect(shown.map((d) => d.title).sort()).toEqual(['Merton parking bays', 'Merton street trees']);
  expect(shown.map((d) => d.licence).sort()).toEqual(['CC-BY-4.0', 'OGL-UK-3.0']);

  const trees = (await harvester.request('GET', `/api/v1/datasets/${shown.find((d) => d.title === 'Merton street trees')!.name}`)).body;
  expect(trees.provenance).toMatchObject({ sourceId: ckan.source, sourceKind: 'ckan' });
  expect(trees.provenance.alsoHarvestedFrom).toEqual([expect.objectContaining({ sourceId: dcat.source, sourceKind: 'dcat-us' })]);
  expect(trees).toMatchObject({ description: 'Every council-managed street tree.', keywords: ['trees'], updateFrequency: 'monthly' });
});

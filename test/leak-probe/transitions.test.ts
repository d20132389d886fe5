import { readdirSync } from 'node:fs';
import type { Channel } from './channel';
import { buildWorld, callers, type ProbeCaller, type ProbeDataset, type World } from './world';

/**
 * The leak probe over time: after each tier change and each step of a grant's life, every
 * channel answers each caller as the new state says, at once. And callers without rights see
 * exactly the public view: the same counts and facets as an anonymous visitor.
 */
const channels: Channel[] = readdirSync(__dirname)
  .filter((file) => /^channels-.*\.ts$/.test(file))
  .flatMap((file) => (require(`./${file}`) as { channels: Channel[] }).channels);

let world: World;
let publisherAdmin: string;
const DAY = 86_400_000;
beforeAll(async () => {
  world = await buildWorld();
  publisherAdmin = await world.t.tokenFor('probe-publisher', 'admin');
}, 300_000);
afterAll(() => world.t.stop());

const tokenOf = (caller: ProbeCaller) => (caller === 'anonymous' ? undefined : world.tokens[caller]);

/** Counts and facets of the views a caller gets of the whole catalogue. */
const catalogueView = async (token: string | undefined) => {
  const listing = await world.t.request('GET', '/api/v1/datasets?limit=1000', { token });
  const search = await world.t.request('GET', '/api/v1/datasets?q=probe&limit=1000', { token });
  const ckan = await world.t.request(
    'GET',
    `/api/3/action/package_search?rows=0&include_private=true&facet.field=${encodeURIComponent('["tags","organization","tier","license_id"]')}`,
    { token },
  );
  const organisation = await world.t.request('GET', '/api/v1/organisations/probe-publisher', { token });
  const dcat = await world.t.request('GET', '/catalog/data.json', { token });
  return {
    listing: { count: listing.body.count, facets: listing.body.facets },
    search: { count: search.body.count, facets: search.body.facets },
    ckan: { count: ckan.body.result.count, facets: ckan.body.result.search_facets },
    organisationDatasetCount: organisation.body.datasetCount,
    dcatDatasets: (dcat.body.dataset as Array<{ title: string }>).map((d) => d.title).sort(),
  };
};

const withoutRights: ProbeCaller[] = ['stranger', 'grantee', 'expiredGrantee', 'revokedGrantee'];

const expectPublicViewForOutsiders = async () => {
  const publicView = await catalogueView(undefined);
  for (const caller of withoutRights) expect({ caller, view: await catalogueView(tokenOf(caller)) }).toEqual({ caller, view: publicView });
  return publicView;
};

/** Every channel, every caller: the dataset's markers appear exactly where the expectation allows. */
const expectChannels = async (dataset: ProbeDataset, may: { metadata: (c: ProbeCaller) => boolean; data: (c: ProbeCaller) => boolean }) => {
  for (const channel of channels) {
    for (const caller of callers) {
      const text = await channel.read(world, tokenOf(caller), dataset, caller);
      const seen = { channel: channel.name, caller, metadata: text.includes(dataset.metadataMarker), data: text.includes(dataset.dataMarker) };
      if (!may.metadata(caller)) expect(seen).toMatchObject({ metadata: false });
      if (!may.data(caller)) expect(seen).toMatchObject({ data: false });
      if (channel.shows.metadata && may.metadata(caller)) expect(seen).toMatchObject({ metadata: true });
      if (channel.shows.data && may.data(caller)) expect(seen).toMatchObject({ data: true });
    }
  }
};

const changeTier = async (dataset: ProbeDataset, tier: 'open' | 'shared' | 'private') => {
  const current = await world.t.request('GET', `/api/v1/datasets/${dataset.name}`, { token: publisherAdmin });
  const changed = await world.t.request('PATCH', `/api/v1/datasets/${dataset.name}`, {
    token: publisherAdmin,
    body: { tier, licence: tier === 'open' ? 'OGL-UK-3.0' : 'proprietary' },
    headers: { 'if-match': current.headers.get('etag')! },
  });
  expect(changed.status).toBe(200);
  dataset.tier = tier;
};

const everyone = () => true;
const publisherOnly = (caller: ProbeCaller) => caller === 'publisherViewer';

describe('callers without rights see the public view', () => {
  it('counts and facets equal the anonymous view in listings, search, CKAN, organisation pages and DCAT', async () => {
    const publicView = await expectPublicViewForOutsiders();
    const publisherView = await catalogueView(world.tokens.publisherViewer);
    expect(publisherView.listing.count).toBe(publicView.listing.count + 2); // the private dataset and the demoted one
  });
});

describe('tier changes take effect at once on every channel', () => {
  it('open → private', async () => {
    const dataset = world.datasets.open;
    await changeTier(dataset, 'private');
    await expectChannels(dataset, { metadata: publisherOnly, data: publisherOnly });
    await expectPublicViewForOutsiders();
  }, 120_000);

  it('private → shared: metadata becomes public, data stays with the publisher (no grant on it)', async () => {
    const dataset = world.datasets.open;
    await changeTier(dataset, 'shared');
    await expectChannels(dataset, { metadata: everyone, data: publisherOnly });
    await expectPublicViewForOutsiders();
  }, 120_000);

  it('shared → open: the data becomes public', async () => {
    const dataset = world.datasets.open;
    await changeTier(dataset, 'open');
    await expectChannels(dataset, { metadata: everyone, data: everyone });
  }, 120_000);
});

describe('a grant’s life on every data channel', () => {
  const grantee = (caller: ProbeCaller) => caller === 'publisherViewer' || caller === 'grantee';
  const grant = (days: number) =>
    world.t.request('POST', `/api/v1/datasets/${world.datasets.open.name}/grants`, {
      token: publisherAdmin,
      body: {
        organisation: 'probe-grantee',
        purpose: 'Leak probe: a grant that starts, expires and is revoked',
        lawfulBasis: 'not-personal-data',
        agreementReference: 'PROBE-2',
        expiresAt: new Date(world.t.clock.now().getTime() + days * DAY).toISOString(),
      },
    });

  it('before the grant, only the publisher reads the data', async () => {
    await changeTier(world.datasets.open, 'shared');
    await expectChannels(world.datasets.open, { metadata: everyone, data: publisherOnly });
  }, 120_000);

  it('with the grant, the grantee reads it too', async () => {
    expect((await grant(1)).status).toBe(201);
    await expectChannels(world.datasets.open, { metadata: everyone, data: grantee });
  }, 120_000);

  it('after expiry, the grantee does not', async () => {
    world.t.clock.advance(DAY + 1000);
    await expectChannels(world.datasets.open, { metadata: everyone, data: publisherOnly });
  }, 120_000);

  it('after revocation of a renewed grant, the grantee does not', async () => {
    expect((await grant(30)).status).toBe(201);
    const revoked = await world.t.request('DELETE', `/api/v1/datasets/${world.datasets.open.name}/grants/probe-grantee`, { token: publisherAdmin });
    expect(revoked.status).toBe(204);
    await expectChannels(world.datasets.open, { metadata: everyone, data: publisherOnly });
    await expectPublicViewForOutsiders();
  }, 120_000);
});

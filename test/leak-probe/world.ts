import { createResource, uploadAndWait } from '../support/publishing';
import { datasetInput, startTestExchange, type TestExchange } from '../support/test-exchange';
import { enrolPeople, type PersonCaller } from './people-world';
import { declareAndGovern } from './standards-world';

/**
 * A small world in which every tier and every kind of caller exists. Each dataset carries two
 * unique markers: one in its metadata (title, keywords) and one inside its data (a cell value).
 * A channel leaks if a caller's response contains a marker the caller may not see.
 */
export const tiers = ['open', 'shared', 'private'] as const;
export type ProbeTier = (typeof tiers)[number];

export const callers = ['anonymous', 'stranger', 'grantee', 'expiredGrantee', 'revokedGrantee', 'publisherViewer'] as const;
export type ProbeCaller = (typeof callers)[number];
/** Token callers and people (people-world.ts): the leak probe runs with both. */
export type AnyProbeCaller = ProbeCaller | PersonCaller;

export interface ProbeDataset {
  tier: ProbeTier;
  name: string;
  id: string;
  resourceId: string;
  /** The upload that published its rows (its status record is a channel too). */
  uploadId: string;
  metadataMarker: string;
  dataMarker: string;
}

export interface World {
  t: TestExchange;
  tokens: Record<Exclude<AnyProbeCaller, 'anonymous'>, string>;
  datasets: Record<ProbeTier, ProbeDataset>;
  /** A dataset that was shared, had a grant, then went private: it must vanish from every channel. */
  demoted: ProbeDataset;
  /** The publisher's harvest source and its one run: an organisation's own configuration, shown to its admins only. */
  harvest: { sourceId: string; runId: string };
}

const DAY = 86_400_000;

const isPublisherSide = (caller: AnyProbeCaller): boolean => caller === 'publisherViewer' || caller === 'publisherPerson';
export const mayProbeSeeMetadata = (caller: AnyProbeCaller, tier: ProbeTier): boolean => tier !== 'private' || isPublisherSide(caller);
export const mayProbeReadData = (caller: AnyProbeCaller, tier: ProbeTier): boolean =>
  tier === 'open' || isPublisherSide(caller) || (tier === 'shared' && caller === 'grantee');

const publish = async (t: TestExchange, token: string, tier: ProbeTier, name: string): Promise<ProbeDataset> => {
  const metadataMarker = `Zqx${tier}Meta${name.length}`;
  const dataMarker = `Wvk${tier}Cell${name.length}`;
  const created = await t.request('POST', '/api/v1/datasets', {
    token,
    body: datasetInput(name, {
      tier,
      licence: tier === 'open' ? 'OGL-UK-3.0' : 'proprietary',
      title: `Probe ${metadataMarker}`,
      description: `Leak probe dataset ${metadataMarker}`,
      keywords: [metadataMarker.toLowerCase()],
      themes: ['transport'],
    }),
  });
  if (created.status !== 201) throw new Error(`probe dataset: ${created.status} ${created.text}`);
  const resource = await createResource(t, token, name, { name: 'rows', title: `Rows ${metadataMarker}` });
  const { upload, resource: after } = await uploadAndWait(
    t,
    token,
    name,
    'rows',
    `site,reading,note,borough\nS1,10,${dataMarker},E09000007\nS2,20,plain,E09000033\n`,
    'rows.csv',
  );
  if (after.body.status !== 'published') throw new Error(`probe upload did not publish: ${after.text}`);
  return { tier, name, id: created.body.id, resourceId: resource.body.id, uploadId: upload.body.uploadId, metadataMarker, dataMarker };
};

const grant = async (t: TestExchange, token: string, dataset: string, organisation: string, days: number) => {
  const response = await t.request('POST', `/api/v1/datasets/${dataset}/grants`, {
    token,
    body: {
      organisation,
      purpose: 'Leak probe: checking that sharing stays within its terms',
      lawfulBasis: 'not-personal-data',
      agreementReference: 'PROBE-1',
      expiresAt: new Date(t.clock.now().getTime() + days * DAY).toISOString(),
    },
  });
  if (response.status !== 201) throw new Error(`probe grant: ${response.status} ${response.text}`);
};

/**
 * A harvest source whose title carries the private dataset's metadata marker, so that anyone but
 * the publisher reading it shows as a leak. Its run fails at once (the address is not on the
 * fetcher's allow-list), which still leaves a run record to read.
 */
const harvestSource = async (t: TestExchange, token: string, secretOf: ProbeDataset) => {
  const base = '/api/v1/organisations/probe-publisher/harvest-sources';
  const source = await t.request('POST', base, {
    token,
    body: { kind: 'ckan', url: 'http://127.0.0.1:9/api/3/action/package_search', title: `Draft source ${secretOf.metadataMarker}` },
  });
  if (source.status !== 201) throw new Error(`probe harvest source: ${source.status} ${source.text}`);
  const run = await t.request('POST', `${base}/${source.body.id}/runs`, { token });
  if (run.status !== 201) throw new Error(`probe harvest run: ${run.status} ${run.text}`);
  return { sourceId: source.body.id as string, runId: run.body.id as string };
};

export const buildWorld = async (): Promise<World> => {
  const t = await startTestExchange({ identity: true });
  const publisherAdmin = await t.organisationWithToken('probe-publisher', 'admin');
  const stranger = await t.organisationWithToken('probe-stranger', 'admin');
  const tokens = {
    publisherViewer: await t.tokenFor('probe-publisher', 'viewer'),
    stranger,
    grantee: await t.organisationWithToken('probe-grantee', 'viewer'),
    expiredGrantee: await t.organisationWithToken('probe-expired', 'viewer'),
    revokedGrantee: await t.organisationWithToken('probe-revoked', 'viewer'),
    ...(await enrolPeople(t, publisherAdmin, stranger)),
  };
  const datasets = {
    open: await publish(t, publisherAdmin, 'open', 'probe-open'),
    shared: await publish(t, publisherAdmin, 'shared', 'probe-shared-data'),
    private: await publish(t, publisherAdmin, 'private', 'probe-private-draft'),
  };
  await grant(t, publisherAdmin, 'probe-shared-data', 'probe-grantee', 30);
  await grant(t, publisherAdmin, 'probe-shared-data', 'probe-expired', 1);
  await grant(t, publisherAdmin, 'probe-shared-data', 'probe-revoked', 30);
  await t.request('DELETE', '/api/v1/datasets/probe-shared-data/grants/probe-revoked', { token: publisherAdmin });

  const demoted = await publish(t, publisherAdmin, 'shared', 'probe-demoted-to-private-x');
  await grant(t, publisherAdmin, demoted.name, 'probe-grantee', 30);
  const before = await t.request('GET', `/api/v1/datasets/${demoted.name}`, { token: publisherAdmin });
  await t.request('PATCH', `/api/v1/datasets/${demoted.name}`, {
    token: publisherAdmin,
    body: { tier: 'private' },
    headers: { 'if-match': before.headers.get('etag')! },
  });
  demoted.tier = 'private';

  const harvest = await harvestSource(t, publisherAdmin, datasets.private);
  await declareAndGovern(t, publisherAdmin, [...Object.values(datasets), demoted]);

  t.clock.advance(2 * DAY); // the one-day grant is now expired
  return { t, tokens, datasets, demoted, harvest };
};

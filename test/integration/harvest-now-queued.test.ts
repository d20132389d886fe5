import { readDeployedConfig } from '../../functions/config';
import { bindHarvestQueue } from '../../functions/harvest/harvest-now';
import { HARVEST_QUEUE_URL_ENV } from '../../functions/harvest/jobs/harvest-queue';
import { type LocalHarvestScheduler, startLocalHarvestScheduler } from '../../functions/harvest/local-scheduler';
import { ALLOW_HOSTS_ENV } from '../../functions/outbound/allow-list';
import { startTestExchange, type TestExchange } from '../support/test-exchange';
import { type FixtureServer, json, startFixtureServer } from './harvest-fixture-server';
import { getPage, postForm, signIn } from './web-support';

/**
 * "Harvest now" where the process is bound to a harvest queue (AWS: the API function and the
 * harvester queue; here the local in-process queue, which runs the same page handler): the request
 * answers 202 at once with the run, `running`, and its address; the queue's worker takes the pages
 * and ends the run. A run that cannot be queued is ended at once, so the source is not held.
 */
let t: TestExchange;
let portal: FixtureServer;
let scheduler: LocalHarvestScheduler;
let admin: string;
let sourceId: string;
const base = '/api/v1/organisations/southwark/harvest-sources';
const packages = [
  { id: 'p1', name: 'parks', title: 'Parks', license_id: 'uk-ogl', resources: [] },
  { id: 'p2', name: 'libraries', title: 'Libraries', license_id: 'uk-ogl', resources: [] },
];

/**
 * The portal holds its page until `openPortal` is called, so the run is still going while the test
 * looks at it (a fixed delay was a race: on a loaded machine the run could end before the test looked).
 */
let openPortal: () => void = () => undefined;
const holdPortal = () => {
  const ready = new Promise<void>((resolve) => {
    openPortal = resolve;
  });
  portal.answers.set('/api/3/action/package_search', { ...json({ success: true, result: { count: 2, results: packages } }), ready });
};

beforeAll(async () => {
  portal = await startFixtureServer();
  process.env[ALLOW_HOSTS_ENV] = portal.hostPort;
  t = await startTestExchange();
  admin = await t.organisationWithToken('southwark', 'admin');
  scheduler = startLocalHarvestScheduler(t.exchange.domain, { intervalMs: 24 * 3_600_000 });
  sourceId = (await t.request('POST', base, { token: admin, body: { kind: 'ckan', url: `${portal.origin}/` } })).body.id;
});
afterAll(async () => {
  openPortal();
  delete process.env[ALLOW_HOSTS_ENV];
  await scheduler.stop();
  await t.stop();
  await portal.stop();
});

it('queues the run and answers 202 with the run and its address; the queue worker finishes it', async () => {
  bindHarvestQueue(t.exchange.domain, scheduler.queue);
  holdPortal();
  const started = await t.request('POST', `${base}/${sourceId}/runs`, { token: admin });
  expect(started.status).toBe(202);
  expect(started.body).toMatchObject({ id: expect.any(String), source: sourceId, status: 'running', pages: 0 });
  const location = started.headers.get('location')!;
  expect(location).toBe(`${t.url}${base}/${sourceId}/runs/${started.body.id}`);
  // Still running: a second "harvest now" is refused.
  expect((await t.request('POST', `${base}/${sourceId}/runs`, { token: admin })).status).toBe(409);

  openPortal();
  await scheduler.idle();
  const run = await t.request('GET', new URL(location).pathname, { token: admin });
  expect(run.body).toMatchObject({ status: 'completed', pages: 1, created: 2, errors: [] });
});

it('ends a run it could not queue, so the source is free to run again', async () => {
  bindHarvestQueue(t.exchange.domain, async () => {
    throw new Error('the queue is unavailable');
  });
  expect((await t.request('POST', `${base}/${sourceId}/runs`, { token: admin })).status).toBe(500);
  const runs = (await t.request('GET', `${base}/${sourceId}/runs`, { token: admin })).body.results;
  expect(runs.at(-1)).toMatchObject({ status: 'incomplete', errors: [{ message: 'the run could not be queued' }] });

  bindHarvestQueue(t.exchange.domain, scheduler.queue);
  holdPortal();
  expect((await t.request('POST', `${base}/${sourceId}/runs`, { token: admin })).status).toBe(202);
  openPortal();
  await scheduler.idle();
});

it('queues the run started from the publisher page too, and says it has started', async () => {
  bindHarvestQueue(t.exchange.domain, scheduler.queue);
  holdPortal();
  const before = (await t.request('GET', `${base}/${sourceId}/runs`, { token: admin })).body.count;
  const session = await signIn(t, admin);
  const ran = await postForm(t, `/publish/harvest/${sourceId}/run`, session, {});
  expect(ran.location).toBe(`${t.url}/publish/harvest/${sourceId}?done=queued`);
  expect((await getPage(t, `/publish/harvest/${sourceId}?done=queued`, session)).html).toContain('The run has started');
  const runs = (await t.request('GET', `${base}/${sourceId}/runs`, { token: admin })).body.results;
  expect(runs).toHaveLength(before + 1);
  expect(runs.at(-1).status).toBe('running');
  openPortal();
  await scheduler.idle();
  expect((await t.request('GET', `${base}/${sourceId}/runs/${runs.at(-1).id}`, { token: admin })).body.status).toBe('completed');
});

it('reads the harvest queue from the environment the stack binds (none: the run is taken in-process)', () => {
  const storage = { LDX_TABLE_NAME: 'table', LDX_UPLOADS_BUCKET: 'uploads', LDX_PUBLISHED_BUCKET: 'published' };
  expect(readDeployedConfig(storage).harvestQueueUrl).toBeUndefined();
  const queueUrl = 'https://sqs.eu-west-2.amazonaws.com/123456789012/LondonDataExchange-HarvestPages';
  expect(readDeployedConfig({ ...storage, [HARVEST_QUEUE_URL_ENV]: queueUrl }).harvestQueueUrl).toBe(queueUrl);
});

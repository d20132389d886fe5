import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startLocalHarvestScheduler, type LocalHarvestScheduler } from '../../functions/harvest/local-scheduler';
import { beginQueuedRun, type HarvestWork, processHarvestWork } from '../../functions/harvest/queued-run';
import { notRunning, readScheduleState } from '../../functions/harvest/schedule';
import type { HarvestSource } from '../../functions/harvest/sources';
import { ALLOW_HOSTS_ENV } from '../../functions/outbound/allow-list';
import { startTestExchange, type TestExchange } from '../support/test-exchange';
import { type FixtureServer, json, startFixtureServer } from './harvest-fixture-server';

/**
 * Scheduled harvesting, as local mode runs it: the same dispatch and page handler as the AWS
 * functions, through an in-process queue. A due source gets one run worked page by page; a source
 * not yet due gets none; a page delivered twice is taken once; a run in progress refuses another.
 */
let t: TestExchange;
let server: FixtureServer;
let admin: string;
let scheduler: LocalHarvestScheduler;
const base = '/api/v1/organisations/hackney/harvest-sources';
const HOUR = 3_600_000;

let packages: Array<Record<string, unknown>>;
const recorded = (): Array<Record<string, unknown>> =>
  (
    JSON.parse(readFileSync(join(__dirname, '../fixtures/harvest/ckan/dados-gov-br-2023_package_search_rows10.json'), 'utf8')).result.results as Array<
      Record<string, unknown>
    >
  ).map((pkg) => ({ ...pkg, license_id: 'uk-ogl' }));

const runsOf = async (source: string) => (await t.request('GET', `${base}/${source}/runs`, { token: admin })).body.results as Array<Record<string, unknown>>;

beforeAll(async () => {
  server = await startFixtureServer();
  process.env[ALLOW_HOSTS_ENV] = server.hostPort;
  t = await startTestExchange();
  admin = await t.organisationWithToken('hackney', 'admin');
  packages = recorded();
  server.answers.set('/api/3/action/package_search', (query) => {
    const start = Number(query.get('start') ?? 0);
    return json({ success: true, result: { count: packages.length, results: packages.slice(start, start + 4) } });
  });
  // The timer never fires in the test: each dispatch is a tick the test asks for.
  scheduler = startLocalHarvestScheduler(t.exchange.domain, { intervalMs: 24 * HOUR });
});
afterAll(async () => {
  await scheduler.stop();
  delete process.env[ALLOW_HOSTS_ENV];
  await t.stop();
  await server.stop();
});

let source: string;

it('runs a source that is due through the queue, one page per message, and not again until its schedule says so', async () => {
  source = (await t.request('POST', base, { token: admin, body: { kind: 'ckan', url: `${server.origin}/`, schedule: 'daily' } })).body.id;
  await scheduler.tick();
  await scheduler.idle();
  const [run] = await runsOf(source);
  expect(run).toMatchObject({ status: 'completed', pages: 3, seen: 10, created: 10, errors: [] });
  expect(server.requests.filter((r) => r.startsWith('/api/3/action/package_search'))).toHaveLength(3);
  const state = await readScheduleState(t.exchange.domain, source);
  expect(state).toMatchObject({ lastRunId: run.id, lastStatus: 'completed' });
  expect(state.running).toBeUndefined();

  await scheduler.tick();
  await scheduler.idle();
  expect(await runsOf(source)).toHaveLength(1);

  t.clock.advance(25 * HOUR);
  await scheduler.tick();
  await scheduler.idle();
  const runs = await runsOf(source);
  expect(runs).toHaveLength(2);
  expect(runs[1]).toMatchObject({ status: 'completed', pages: 3, unchanged: 10, created: 0, updated: 0 });
});

it('withdraws, at the end of a queued run, what no page saw', async () => {
  packages = recorded().slice(1);
  t.clock.advance(25 * HOUR);
  await scheduler.tick();
  await scheduler.idle();
  const runs = await runsOf(source);
  expect(runs[runs.length - 1]).toMatchObject({ status: 'completed', seen: 9, unchanged: 9, withdrawn: 1 });
});

it('takes a page delivered twice once, and refuses "harvest now" while a run is in progress', async () => {
  const domain = t.exchange.domain;
  const stored = (await t.request('GET', `${base}/${source}`, { token: admin })).body as HarvestSource;
  const sent: HarvestWork[] = [];
  const send = async (work: HarvestWork) => {
    sent.push(work);
  };
  const run = await beginQueuedRun(domain, stored, notRunning, send);
  expect(run).toBeDefined();
  expect(sent).toHaveLength(1);

  const busy = await t.request('POST', `${base}/${source}/runs`, { token: admin });
  expect(busy.status).toBe(409);
  expect(busy.body.error.message).toMatch(/in progress/);
  // A second dispatch starts nothing either.
  expect(await beginQueuedRun(domain, stored, notRunning, send)).toBeUndefined();

  const first = sent[0];
  await processHarvestWork(domain, first, send);
  await processHarvestWork(domain, first, send);
  // The second delivery found page 1 taken: one next page was queued, not two.
  expect(sent.map((w) => w.page)).toEqual([1, 2]);
  await processHarvestWork(domain, sent[1], send);
  await processHarvestWork(domain, sent[2], send);
  const finished = (await runsOf(source)).find((r) => r.id === run!.id)!;
  expect(finished).toMatchObject({ status: 'completed', pages: 3, seen: 9, unchanged: 9 });
  expect((await t.request('POST', `${base}/${source}/runs`, { token: admin })).status).toBe(201);
});

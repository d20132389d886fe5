import type { DomainContext } from '../../functions/domain/context';
import { MAX_STORED_RUN_ERRORS } from '../../functions/harvest/run-errors';
import { runHarvest } from '../../functions/harvest/run-harvest';
import { WRITE_CHUNK } from '../../functions/harvest/page-writes';
import type { HarvestSource } from '../../functions/harvest/sources';
import { ALLOW_HOSTS_ENV } from '../../functions/outbound/allow-list';
import { readChangeEntries, readLogHead } from '../../functions/search/change-log';
import { startTestExchange, type TestExchange } from '../support/test-exchange';
import { type FixtureServer, json, startFixtureServer } from './harvest-fixture-server';

/**
 * A harvest run writes a page's changed records in chunks, each announced to search as one
 * change-log entry (not one per record); what it wrote is found by search as soon as it returns,
 * a second run writes nothing, a run that dies between a chunk's writes leaves nothing half-done
 * that the next run cannot finish, and a run's report keeps its first errors and counts the rest.
 */
let t: TestExchange;
let server: FixtureServer;
let admin: string;
const base = '/api/v1/organisations/lewisham/harvest-sources';

const register = async (body: Record<string, unknown>): Promise<HarvestSource> => {
  const created = await t.request('POST', base, { token: admin, body });
  if (created.status !== 201) throw new Error(`${created.status} ${created.text}`);
  return created.body as HarvestSource;
};

/** A CKAN package_search at `path` over `count` generated packages (titles `<label> <i>`), paged by start/rows. */
const serveGenerated = (path: string, label: string, count: number, extra: (i: number) => Record<string, unknown> = () => ({})) => {
  const packages = Array.from({ length: count }, (_, i) => ({
    id: `${label}-${i}`,
    name: `${label}-${i}`,
    title: `${label} ${i}`,
    license_id: 'uk-ogl',
    resources: [{ id: `r-${i}`, url: `https://files.example.org/${label}/${i}.csv`, format: 'CSV' }],
    ...extra(i),
  }));
  server.answers.set(path, (query) => {
    const start = Number(query.get('start') ?? 0);
    const rows = Number(query.get('rows') ?? 10);
    return json({ success: true, result: { count, results: packages.slice(start, start + rows) } });
  });
};

/**
 * How many datasets search finds with exactly this title. Counted from the results rather than
 * taken from `count`: a harvested name ends in a hex hash, and a number in the query also matches
 * as a prefix of one (`299` matches `…-2994ab01c3`), so a query's count may include another record.
 */
const found = async (title: string): Promise<number> => {
  const answer = await t.request('GET', `/api/v1/datasets?q=${encodeURIComponent(title)}&limit=100`);
  expect(answer.body.count).toBeLessThanOrEqual(100);
  return (answer.body.results as Array<{ title: string }>).filter((d) => d.title === title).length;
};

beforeAll(async () => {
  server = await startFixtureServer();
  process.env[ALLOW_HOSTS_ENV] = server.hostPort;
  t = await startTestExchange();
  admin = await t.organisationWithToken('lewisham', 'admin');
});
afterAll(async () => {
  delete process.env[ALLOW_HOSTS_ENV];
  await t.stop();
  await server.stop();
});

it('announces a chunk of records as one change, found by search as soon as the run returns; a second run writes nothing', async () => {
  const count = WRITE_CHUNK + 50;
  serveGenerated('/bulk/api/3/action/package_search', 'Bulk parks', count);
  const source = await register({ kind: 'ckan', url: `${server.origin}/bulk/api/3/action/package_search` });
  const before = (await readLogHead(t.exchange.domain)).lastSeq;
  const first = await runHarvest(t.exchange.domain, source);
  expect(first).toMatchObject({ status: 'completed', created: count, errors: [] });
  const after = (await readLogHead(t.exchange.domain)).lastSeq;
  // Two chunks, two entries, naming every record once.
  expect(after - before).toBe(2);
  const entries = [...(await readChangeEntries(t.exchange.domain, [before + 1, before + 2])).values()];
  expect(entries.every((e) => !e.pending)).toBe(true);
  expect(new Set(entries.flatMap((e) => e.datasetIds ?? [])).size).toBe(count);
  expect(await found(`Bulk parks ${count - 1}`)).toBe(1);

  const second = await runHarvest(t.exchange.domain, source);
  expect(second).toMatchObject({ status: 'completed', created: 0, updated: 0, unchanged: count });
  expect((await readLogHead(t.exchange.domain)).lastSeq).toBe(after);
  // Two runs over 300 records: on a loaded CI machine (two cores, two workers) that can reach Jest's default timeout.
}, 120_000);

it('finishes, on the next run, what a run that died between a chunk’s writes left: no record lost, none twice', async () => {
  serveGenerated('/dying/api/3/action/package_search', 'Dying ponds', 30);
  const source = await register({ kind: 'ckan', url: `${server.origin}/dying/api/3/action/package_search` });
  const domain = t.exchange.domain;
  // The names are claimed, then the process dies before the records are written.
  let puts = 0;
  const dying: DomainContext = {
    ...domain,
    catalogue: Object.assign(Object.create(domain.catalogue), {
      putNew: async (records: Parameters<DomainContext['catalogue']['putNew']>[0]) => {
        if (++puts === 2) throw new Error('process died');
        return domain.catalogue.putNew(records);
      },
    }),
  };
  const broken = await runHarvest(dying, source);
  expect(broken.created).toBe(0);
  expect(broken.errors).toHaveLength(30);
  expect(broken.errors[0].message).toContain('process died');
  expect(await found('Dying ponds 7')).toBe(0);

  const again = await runHarvest(domain, source);
  expect(again).toMatchObject({ status: 'completed', created: 30, errors: [] });
  expect(await found('Dying ponds 7')).toBe(1);
  const listed = await t.request('GET', '/api/v1/datasets?q=%22Dying%20ponds%22&limit=100');
  expect(listed.body.count).toBe(30);
});

it('applies a bulk change whose writer died before marking it done, once it is abandoned', async () => {
  const domain = t.exchange.domain;
  serveGenerated('/pending/api/3/action/package_search', 'Pending wells', 3);
  const source = await register({ kind: 'ckan', url: `${server.origin}/pending/api/3/action/package_search` });
  // A run that announces its chunk and writes it, then stops for good before marking the entry done.
  let died: () => void = () => undefined;
  const dying = new Promise<void>((resolve) => {
    died = resolve;
  });
  const dead: DomainContext = {
    ...domain,
    catalogue: Object.assign(Object.create(domain.catalogue), {
      replace: async (...args: Parameters<DomainContext['catalogue']['replace']>) => {
        if (!args[0].pk.startsWith('SEARCH#CHANGE#')) return domain.catalogue.replace(...args);
        died();
        return new Promise<never>(() => undefined);
      },
    }),
  };
  void runHarvest(dead, source);
  await dying;
  const head = await readLogHead(domain);
  expect((await readChangeEntries(domain, [head.lastSeq])).get(head.lastSeq)).toMatchObject({ pending: true });
  // Still being written, as far as readers know: not applied yet…
  expect(await found('Pending wells 2')).toBe(0);
  // …until its writer is evidently gone: then what it wrote is found, without another run.
  t.clock.advance(61_000);
  expect(await found('Pending wells 2')).toBe(1);
});

it('keeps the first errors of a run and counts the rest', async () => {
  const bad = MAX_STORED_RUN_ERRORS + 40;
  // Records without a title cannot be taken: each is an error of the run, and the run goes on.
  serveGenerated('/bad/api/3/action/package_search', 'Bad', bad + 2, (i) => (i < bad ? { title: '', name: '' } : {}));
  const source = await register({ kind: 'ckan', url: `${server.origin}/bad/api/3/action/package_search` });
  const report = await runHarvest(t.exchange.domain, source);
  expect(report).toMatchObject({ status: 'completed', created: 2, errorsOmitted: 40 });
  expect(report.errors).toHaveLength(MAX_STORED_RUN_ERRORS);
  expect(report.errors[0]).toEqual({ identifier: 'Bad-0', message: 'the record has no title' });
  const stored = await t.request('GET', `${base}/${source.id}/runs/${report.id}`, { token: admin });
  expect(stored.body.errors).toHaveLength(MAX_STORED_RUN_ERRORS);
  expect(stored.body.errorsOmitted).toBe(40);
});

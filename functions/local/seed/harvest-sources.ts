import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Caller } from '../../domain/caller';
import type { DomainContext } from '../../domain/context';
import { everySource } from '../../harvest/dispatch';
import { startLocalHarvestScheduler, type LocalHarvestScheduler } from '../../harvest/local-scheduler';
import { runKey } from '../../harvest/run-harvest';
import type { HarvestRun } from '../../harvest/run-steps';
import { abandonRuns } from '../../harvest/schedule';
import { createHarvestSource, listHarvestSources, updateHarvestSource } from '../../harvest/sources';
import { ALLOW_HOSTS_ENV } from '../../outbound/allow-list';

/**
 * Local mode's federation: a small HTTP server on 127.0.0.1 answers as five catalogues would
 * (recorded responses in ./harvest-fixtures), one harvest source per kind is registered over it
 * for the GLA (or brought up to date when the port changed), and the local scheduler harvests
 * them, so a fresh `npm start` shows harvested datasets beside native ones. The fixture host is
 * added to LDX_FETCH_ALLOW_HOSTS in this process only: the fetcher refuses loopback otherwise.
 */

const FIXTURES = join(__dirname, 'harvest-fixtures');
const ORGANISATION = 'gla';
const seeder: Caller = { kind: 'platform-admin' };

const read = (file: string): string => readFileSync(join(FIXTURES, file), 'utf8');

interface Served {
  type: string;
  body: (query: URLSearchParams) => string;
}

/** Offset-paged kinds: the whole recording at offset 0, nothing after it. */
const firstPageOnly = (body: string, empty: string) => (query: URLSearchParams) => (Number(query.get('offset') ?? query.get('start') ?? 0) > 0 ? empty : body);

const routes = (): Map<string, Served> => {
  const packages = ['ford-crossings', 'smoke-control-areas', 'datasets-list'].map((name) => JSON.parse(read(`dgu-2018_package_show_${name}.json`)).result);
  const ckan = JSON.stringify({ success: true, result: { count: packages.length, results: packages } });
  const socrata = read('discovery-catalog-v1_2018.json');
  const ods = read('explore-v2.1_catalog_datasets_written.json');
  return new Map<string, Served>([
    [
      '/ckan/api/3/action/package_search',
      { type: 'application/json', body: firstPageOnly(ckan, JSON.stringify({ success: true, result: { count: 3, results: [] } })) },
    ],
    ['/arcgis/data.json', { type: 'application/json', body: () => read('arcgis-hub_evian_data.json') }],
    ['/dcat/catalog.rdf', { type: 'application/rdf+xml', body: () => read('nobel_sweden.rdf') }],
    ['/socrata/api/catalog/v1', { type: 'application/json', body: firstPageOnly(socrata, JSON.stringify({ results: [], resultSetSize: 0 })) }],
    ['/ods/api/explore/v2.1/catalog/datasets', { type: 'application/json', body: firstPageOnly(ods, JSON.stringify({ total_count: 0, results: [] })) }],
  ]);
};

/** The sources registered over the fixtures: title, kind and path. */
export const LOCAL_SOURCES = [
  { title: 'Recorded: data.gov.uk (CKAN, 2018)', kind: 'ckan', path: '/ckan/api/3/action/package_search' },
  { title: 'Recorded: ArcGIS Hub data.json (DCAT-US)', kind: 'dcat-us', path: '/arcgis/data.json' },
  { title: 'Recorded: Nobel Prize catalogue (DCAT-AP RDF/XML)', kind: 'dcat-ap', path: '/dcat/catalog.rdf' },
  { title: 'Recorded: Socrata catalog API', kind: 'socrata', path: '/socrata/api/catalog/v1' },
  { title: 'Recorded: OpenDataSoft Explore API (written)', kind: 'opendatasoft', path: '/ods/api/explore/v2.1/catalog/datasets' },
] as const;

const startFixtureServer = async (port: number): Promise<{ origin: string; server: Server }> => {
  const served = routes();
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://fixtures');
    const route = served.get(url.pathname);
    if (!route) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('no such recorded response');
      return;
    }
    response.writeHead(200, { 'content-type': route.type }).end(route.body(url.searchParams));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
};

/** Registers the fixture sources that are missing and points the others at the server's current address. */
export const ensureLocalSources = async (ctx: DomainContext, origin: string): Promise<void> => {
  const existing = await listHarvestSources(ctx, seeder, ORGANISATION);
  for (const wanted of LOCAL_SOURCES) {
    const url = new URL(wanted.path, origin).href;
    const found = existing.find((s) => s.value.title === wanted.title);
    if (!found) await createHarvestSource(ctx, seeder, ORGANISATION, { title: wanted.title, kind: wanted.kind, url, schedule: 'daily' });
    else if (found.value.url !== url) await updateHarvestSource(ctx, seeder, ORGANISATION, found.value.id, { url }, { version: found.version });
  }
};

export interface LocalHarvesting {
  fixturesOrigin: string;
  scheduler: LocalHarvestScheduler;
  stop: () => Promise<void>;
}

export const startLocalHarvesting = async (ctx: DomainContext, options: { port: number }): Promise<LocalHarvesting> => {
  const { origin, server } = await startFixtureServer(options.port);
  const host = new URL(origin).host;
  const allowed = (process.env[ALLOW_HOSTS_ENV] ?? '').split(',').filter(Boolean);
  if (!allowed.includes(host)) process.env[ALLOW_HOSTS_ENV] = [...allowed, host].join(',');
  await ensureLocalSources(ctx, origin);
  await abandonRuns(
    ctx,
    // Every source of this local exchange: none of their runs survives a restart.
    (await everySource(ctx)).map((s) => s.id),
    async (runId) => {
      const run = await ctx.catalogue.get<HarvestRun>(runKey(runId));
      if (!run || run.value.status !== 'running') return;
      const ended: HarvestRun = {
        ...run.value,
        status: 'incomplete',
        finished: ctx.now().toISOString(),
        errors: [...run.value.errors, { message: 'the exchange stopped during the run' }],
      };
      await ctx.catalogue.replace(runKey(runId), ended, run.version);
    },
  );
  const scheduler = startLocalHarvestScheduler(ctx);
  // Sources never run are due at once: the first dispatch harvests them now, in the background.
  void scheduler.tick();
  return {
    fixturesOrigin: origin,
    scheduler,
    stop: async () => {
      await scheduler.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
};

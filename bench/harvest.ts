/**
 * Harvest benchmark: `npm run bench:harvest [datasets]` (default 10 000).
 * A generated CKAN-shaped source (package_search, 1 000 records a page, each page answered after
 * 20 ms) served on loopback is harvested by a local exchange (emulators in process) through the
 * same run the API's "harvest now" starts. Prints, each beside its target:
 *   - the first run (everything created): target <= 60 s;
 *   - a second run with nothing changed: target <= 15 s, and zero catalogue writes of datasets;
 *   - how long after the first run ends its last dataset is found by a search over HTTP: target <= 5 s.
 * Nothing is asserted. The load average is printed: figures taken beside other work are not comparable.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadavg } from 'node:os';
import { createOrganisation } from '../functions/domain/organisations';
import { newToken } from '../functions/domain/tokens';
import { runHarvest } from '../functions/harvest/run-harvest';
import { createHarvestSource } from '../functions/harvest/sources';
import { startLocalExchange } from '../functions/local/local-exchange';
import { ALLOW_HOSTS_ENV } from '../functions/outbound/allow-list';

const COUNT = Number(process.argv[2] ?? 10_000);
const PAGE_MAX = 1000;
const PAGE_DELAY_MS = 20;
const BOROUGHS = ['Camden', 'Hackney', 'Lambeth', 'Southwark', 'Islington', 'Newham', 'Barnet', 'Croydon'];

const packageOf = (i: number) => ({
  id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
  name: `generated-dataset-${i}`,
  title: `${BOROUGHS[i % BOROUGHS.length]} generated dataset number ${i}`,
  notes: `<p>Generated record ${i} for the harvest benchmark: <b>street works</b>, parking and air quality.</p>`,
  license_id: 'uk-ogl',
  metadata_modified: '2026-11-01T00:00:00',
  organization: { name: 'bench-portal', title: 'Benchmark portal' },
  tags: [{ name: 'benchmark' }, { name: `tag-${i % 50}` }],
  extras: [{ key: 'frequency', value: 'monthly' }],
  resources: [{ id: `r-${i}`, name: 'Data', format: 'CSV', url: `https://files.example.org/generated/${i}.csv`, size: 1000 + i }],
});

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const line = (label: string, value: string, target: string) => console.log(`${label.padEnd(46)} ${value.padStart(10)}   (target ${target})`);

const main = async () => {
  const packages = Array.from({ length: COUNT }, (_, i) => packageOf(i));
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://bench');
    const start = Number(url.searchParams.get('start') ?? 0);
    const rows = Math.min(Number(url.searchParams.get('rows') ?? 10), PAGE_MAX);
    const body = JSON.stringify({ success: true, result: { count: packages.length, results: packages.slice(start, start + rows) } });
    setTimeout(() => response.writeHead(200, { 'content-type': 'application/json' }).end(body), PAGE_DELAY_MS);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  process.env[ALLOW_HOSTS_ENV] = new URL(origin).host;

  const exchange = await startLocalExchange({ port: 0, adminToken: newToken(), seed: false });
  const ctx = exchange.domain;
  const admin = { kind: 'platform-admin' } as const;
  await createOrganisation(ctx, admin, { id: 'bench', name: 'Benchmark borough', type: 'borough' });
  const source = (await createHarvestSource(ctx, admin, 'bench', { kind: 'ckan', url: `${origin}/` })).value;

  console.log(
    `bench:harvest: ${COUNT} generated CKAN datasets, ${PAGE_MAX} a page, ${PAGE_DELAY_MS} ms a page; load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  let started = Date.now();
  const first = await runHarvest(ctx, source);
  const firstMs = Date.now() - started;
  const ended = Date.now();
  // Searchable: the last record of the run, by its title, through the exchange's HTTP search.
  const wanted = encodeURIComponent(`"${packages[COUNT - 1].title}"`);
  let foundAfterMs = Number.NaN;
  for (;;) {
    const found = (await (await fetch(`${exchange.url}/api/v1/datasets?q=${wanted}&limit=5`)).json()) as { results: Array<{ title: string }> };
    if (found.results.some((d) => d.title === packages[COUNT - 1].title)) {
      foundAfterMs = Date.now() - ended;
      break;
    }
    if (Date.now() - ended > 120_000) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  line('first run (all created)', seconds(firstMs), '<= 60 s');
  console.log(`  pages ${first.pages}, created ${first.created}, errors ${first.errors.length}, status ${first.status}`);
  line('last dataset searchable after the run ended', Number.isNaN(foundAfterMs) ? 'not found' : seconds(foundAfterMs), '<= 5 s');

  await exchange.indexIdle();
  const writes = { datasets: 0 };
  const count =
    <T extends (...args: any[]) => Promise<unknown>>(original: T) =>
    (...args: Parameters<T>) => {
      if (String((args[0] as { pk: string }).pk).startsWith('DATASET')) writes.datasets++;
      return original(...args);
    };
  ctx.catalogue.create = count(ctx.catalogue.create.bind(ctx.catalogue)) as typeof ctx.catalogue.create;
  ctx.catalogue.replace = count(ctx.catalogue.replace.bind(ctx.catalogue)) as typeof ctx.catalogue.replace;
  started = Date.now();
  const second = await runHarvest(ctx, source);
  line('second run (nothing changed)', seconds(Date.now() - started), '<= 15 s');
  console.log(`  unchanged ${second.unchanged}, created ${second.created}, updated ${second.updated}`);
  line('dataset writes in the second run', String(writes.datasets), '0');
  console.log(
    `load average after: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );

  await exchange.stop();
  await new Promise<void>((resolve) => server.close(() => resolve()));
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

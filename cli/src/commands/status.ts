import { setTimeout as sleep } from 'node:timers/promises';
import { type Api, call } from '../api';
import { EXIT, type ExitCode } from '../exit-codes';
import { formatBytes, type Output, table } from '../output';

/**
 * `ldx status <dataset> [--watch]`: each resource's state, its current (published) version and
 * its newest version, with the newest one's error count. --watch polls until nothing is still
 * validating; on a terminal the table is redrawn in place, elsewhere it is printed again only
 * when it changes. Exits 7 when a resource's newest version failed.
 */
interface ResourceState {
  name: string;
  state: string;
  current?: number;
  rows?: number | null;
  bytes?: number | null;
  newest?: number;
  newestState?: string;
  errorCount?: number;
  failure?: string;
}

const readStatus = async (api: Api, dataset: string): Promise<{ dataset: string; title: string; tier?: string; resources: ResourceState[] }> => {
  const record = await call(api, `Reading dataset ${dataset}`, api.client.GET('/api/v1/datasets/{dataset}', { params: { path: { dataset } } }));
  const listing = await call(
    api,
    `Listing the resources of ${dataset}`,
    api.client.GET('/api/v1/datasets/{dataset}/resources', { params: { path: { dataset } } }),
  );
  const resources: ResourceState[] = [];
  for (const summary of listing.results) {
    const versions = await call(
      api,
      `Reading the versions of ${summary.name}`,
      api.client.GET('/api/v1/datasets/{dataset}/resources/{resource}/versions', { params: { path: { dataset, resource: summary.name } } }),
    );
    const newest = versions.results.at(-1);
    resources.push({
      name: summary.name,
      state: summary.state,
      ...(summary.currentVersion === null ? {} : { current: summary.currentVersion }),
      rows: summary.rowCount,
      bytes: summary.bytes,
      ...(newest ? { newest: newest.version, newestState: newest.state, errorCount: newest.errorCount, failure: newest.failure } : {}),
    });
  }
  return { dataset: record.name, title: record.title, tier: record.tier, resources };
};

const render = (status: Awaited<ReturnType<typeof readStatus>>): string =>
  [
    `${status.dataset} (${status.tier ?? 'private'}): ${status.title}`,
    status.resources.length === 0
      ? '  no resources yet'
      : table(
          ['resource', 'state', 'current', 'rows', 'size', 'newest', 'newest state', 'errors'],
          status.resources.map((r) => [
            r.name,
            r.state,
            r.current,
            r.rows ?? '',
            r.bytes === null || r.bytes === undefined ? '' : formatBytes(r.bytes),
            r.newest,
            r.newestState,
            r.errorCount,
          ]),
        ),
  ].join('\n');

export const status = async (api: Api, out: Output, dataset: string, options: { watch: boolean; intervalMs: number }): Promise<ExitCode> => {
  let shown = '';
  let drawnLines = 0;
  const redraw = options.watch && out.interactive;
  const clear = () => {
    if (drawnLines > 0) process.stderr.write(`\x1b[${drawnLines}A\x1b[J`);
    drawnLines = 0;
  };
  for (;;) {
    const current = await readStatus(api, dataset);
    const text = render(current);
    const settled = !current.resources.some((r) => r.state === 'validating' || r.newestState === 'validating');
    const last = !options.watch || settled;
    if (!out.json && text !== shown && options.watch) {
      // On a terminal the table is redrawn in place (on stderr, until the final one); in a log each change is a new block.
      if (redraw) {
        clear();
        if (!last) {
          process.stderr.write(`${text}\n`);
          drawnLines = text.split('\n').length;
        }
      } else out.line(text);
      shown = text;
    }
    if (last) {
      if (redraw) clear();
      if (!out.json && (!options.watch || redraw)) out.line(text);
      out.result(current);
      return current.resources.some((r) => r.newestState === 'failed') ? EXIT.invalidData : EXIT.ok;
    }
    await sleep(options.intervalMs);
  }
};

import { type Api, call, requireToken } from '../api';
import type { Schemas } from '../client';
import { EXIT, type ExitCode } from '../exit-codes';
import { type Output, table } from '../output';

/** `ldx harvest ...`: the catalogues an organisation harvests, and their runs (admin tokens). */
type SourceInput = Schemas['HarvestSourceInput'];

export const listSources = async (api: Api, out: Output, org: string): Promise<ExitCode> => {
  requireToken(api);
  const sources = await call(
    api,
    `Listing ${org}'s harvest sources`,
    api.client.GET('/api/v1/organisations/{org}/harvest-sources', { params: { path: { org } } }),
  );
  out.result(sources);
  if (sources.results.length === 0) out.line(`${org} harvests no catalogues.`);
  else
    out.line(
      table(
        ['source', 'kind', 'schedule', 'url', 'title'],
        sources.results.map((s) => [s.id, s.kind, String(s.schedule), s.url, s.title]),
      ),
    );
  return EXIT.ok;
};

export interface SourceOptions {
  kind: string;
  url: string;
  title?: string;
  schedule?: string;
}

export const addSource = async (api: Api, out: Output, org: string, options: SourceOptions): Promise<ExitCode> => {
  requireToken(api);
  const body = {
    kind: options.kind as SourceInput['kind'],
    url: options.url,
    ...(options.title ? { title: options.title } : {}),
    ...(options.schedule ? { schedule: options.schedule } : {}),
  };
  const source = await call(
    api,
    `Adding a harvest source to ${org}`,
    api.client.POST('/api/v1/organisations/{org}/harvest-sources', { params: { path: { org } }, body }),
  );
  out.result(source);
  out.line(`added harvest source ${source.id} (${source.kind} ${source.url})`);
  return EXIT.ok;
};

const runRow = (r: Schemas['HarvestRun']) => [r.id, r.status, r.started, r.seen, r.created, r.updated, r.unchanged, r.withdrawn, r.errors.length];
const RUN_HEADINGS = ['run', 'status', 'started', 'seen', 'created', 'updated', 'unchanged', 'withdrawn', 'errors'];

export const runSource = async (api: Api, out: Output, org: string, source: string): Promise<ExitCode> => {
  requireToken(api);
  out.note(`harvesting ${source}...`);
  const run = await call(
    api,
    `Harvesting source ${source}`,
    api.client.POST('/api/v1/organisations/{org}/harvest-sources/{source}/runs', { params: { path: { org, source } } }),
  );
  out.result(run);
  out.line(table(RUN_HEADINGS, [runRow(run)]));
  for (const error of run.errors) out.line(`error${error.identifier ? ` (${error.identifier})` : ''}: ${error.message}`);
  return run.status === 'completed' && run.errors.length === 0 ? EXIT.ok : EXIT.invalidData;
};

export const listRuns = async (api: Api, out: Output, org: string, source: string): Promise<ExitCode> => {
  requireToken(api);
  const runs = await call(
    api,
    `Listing the runs of ${source}`,
    api.client.GET('/api/v1/organisations/{org}/harvest-sources/{source}/runs', { params: { path: { org, source } } }),
  );
  out.result(runs);
  out.line(runs.results.length === 0 ? 'no runs yet' : table(RUN_HEADINGS, runs.results.map(runRow)));
  return EXIT.ok;
};

import type { HarvestRun } from '../../harvest/run-steps';
import type { ScheduleState } from '../../harvest/schedule';
import type { HarvestSource } from '../../harvest/sources';
import { CsrfField, formatDateTime, SummaryList } from '../components';
import { DataTable } from '../data-table';
import { Layout } from '../layout';
import { type PageContext, seg } from '../page-context';

/** One source as its publisher sees it: the source, its schedule, and its last run. */
export interface SourceOverview {
  source: HarvestSource;
  state: ScheduleState;
  nextRun: string;
  lastRun?: HarvestRun;
}

const KIND_NAMES = new Map([
  ['ckan', 'CKAN'],
  ['dcat-us', 'DCAT-US data.json'],
  ['dcat-ap', 'DCAT-AP (RDF)'],
  ['socrata', 'Socrata'],
  ['opendatasoft', 'OpenDataSoft'],
]);
const sourceName = (source: HarvestSource): string => source.title ?? source.url;
const runSummary = (run: HarvestRun | undefined): string =>
  !run
    ? 'Not run yet'
    : run.status === 'running'
      ? `Running since ${formatDateTime(run.started)} (${run.pages} pages so far)`
      : `${formatDateTime(run.finished ?? run.started)}: ${run.status}, ${run.created} created, ${run.updated} updated, ${run.unchanged} unchanged, ${run.withdrawn} withdrawn`;

const RunButton = ({ page, source, running }: { page: PageContext; source: HarvestSource; running: boolean }) =>
  running ? (
    <p>A run is in progress.</p>
  ) : (
    <form method="post" action={page.urls.page(`/publish/harvest/${seg(source.id)}/run`)}>
      <CsrfField token={page.session.csrf} />
      <button type="submit" class="button">
        Harvest now
      </button>
    </form>
  );

/** The organisation's harvest sources: each one's last and next run and its errors, for its admins. */
export const HarvestSourcesPage = ({ page, organisationName, sources }: { page: PageContext; organisationName: string; sources: SourceOverview[] }) => (
  <Layout page={page} title="Harvested catalogues">
    <h1>{`Catalogues ${organisationName} harvests`}</h1>
    <p>
      The exchange reads these catalogues on their schedule and shows their datasets beside yours, linking to the files where they are. Register or change a
      source through the API (<code>/api/v1/organisations/…/harvest-sources</code>).
    </p>
    {sources.length === 0 ? <p>None yet.</p> : null}
    {sources.length > 0 ? (
      <DataTable label="Harvested catalogues" columns={['Source', 'Kind', 'Last run', 'Errors', 'Next run']}>
        {sources.map(({ source, lastRun, nextRun }) => (
          <tr>
            <td>
              <a href={page.urls.page(`/publish/harvest/${seg(source.id)}`)}>{sourceName(source)}</a>
            </td>
            <td>{KIND_NAMES.get(source.kind) ?? source.kind}</td>
            <td>{runSummary(lastRun)}</td>
            <td>{lastRun ? String(lastRun.errors.length) : '–'}</td>
            <td>{formatDateTime(nextRun)}</td>
          </tr>
        ))}
      </DataTable>
    ) : null}
  </Layout>
);

/** One source: its settings, its runs (newest first) and the last run's errors; a run can be started here. */
export const HarvestSourcePage = ({ page, overview, runs, notice }: { page: PageContext; overview: SourceOverview; runs: HarvestRun[]; notice?: string }) => {
  const { source, state, nextRun, lastRun } = overview;
  return (
    <Layout page={page} title={`Harvest source: ${sourceName(source)}`}>
      <p>
        <a href={page.urls.page('/publish/harvest')}>All harvested catalogues</a>
      </p>
      <h1>{sourceName(source)}</h1>
      {notice ? (
        <div class="notice notice--success" role="status">
          {notice}
        </div>
      ) : null}
      <SummaryList
        rows={[
          ['Kind', KIND_NAMES.get(source.kind) ?? source.kind],
          ['Address', source.url],
          ['Schedule', source.schedule],
          ['Last run', runSummary(lastRun)],
          ['Next run', formatDateTime(nextRun)],
        ]}
      />
      <RunButton page={page} source={source} running={!!state.running} />
      <h2>Errors of the last run</h2>
      {!lastRun || lastRun.errors.length === 0 ? <p>None.</p> : null}
      {lastRun && lastRun.errors.length > 0 ? (
        <DataTable label="Errors of the last run" columns={['Record', 'Error']}>
          {lastRun.errors.map((error) => (
            <tr>
              <td>{error.identifier ?? '(the source)'}</td>
              <td>{error.message}</td>
            </tr>
          ))}
        </DataTable>
      ) : null}
      <h2>Runs</h2>
      {runs.length === 0 ? <p>None yet.</p> : null}
      {runs.length > 0 ? (
        <DataTable label="Runs" columns={['Started', 'Status', 'Pages', 'Seen', 'Created', 'Updated', 'Unchanged', 'Withdrawn', 'Errors']}>
          {runs.map((run) => (
            <tr>
              <td>{formatDateTime(run.started)}</td>
              <td>{run.status}</td>
              <td>{String(run.pages)}</td>
              <td>{String(run.seen)}</td>
              <td>{String(run.created)}</td>
              <td>{String(run.updated)}</td>
              <td>{String(run.unchanged)}</td>
              <td>{String(run.withdrawn)}</td>
              <td>{String(run.errors.length)}</td>
            </tr>
          ))}
        </DataTable>
      ) : null}
    </Layout>
  );
};

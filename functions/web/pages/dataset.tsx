import type { Child } from 'hono/jsx';
import type { Dataset } from '../../domain/datasets';
import type { Resource } from '../../domain/resources';
import type { ResourceVersion } from '../../domain/versions';
import { CsrfField, formatBytes, formatCount, formatDate, StatusTag, SummaryList, TierBadge } from '../components';
import { resourceFormatLabel } from '../data-summaries';
import { DataTable } from '../data-table';
import type { VersionPreview } from '../data/data-sample';
import { Layout } from '../layout';
import { frequencyLabel, licenceLabel, themeLabel, TIER_TEXT } from '../labels';
import { type PageContext, queryString, seg } from '../page-context';
import { ApiSnippets, PreviewAndProfiles } from './dataset-data';
import type { DatasetMap } from '../maps/dataset-map';
import { MapSection } from '../maps/map-section';
import { HarvestedSection, MirroredFrom } from '../harvest/harvested-section';

export interface DatasetView {
  dataset: Dataset;
  publisherName: string;
  resources: Resource[];
  /** The current version of each published resource, by resource name (only when the caller may read data). */
  versions: Map<string, ResourceVersion>;
  canReadData: boolean;
  overdue: boolean;
  lastUpdated: string;
  preview?: { resource: Resource; preview: VersionPreview };
  /** A map of a resource with borough codes or coordinates (functions/web/maps). */
  map?: DatasetMap;
}

const FORMAT_LABELS: Record<string, string> = { csv: 'CSV', json: 'JSON', ndjson: 'NDJSON', parquet: 'Parquet', original: 'Original file' };

const Downloads = ({ page, dataset, resource, version }: { page: PageContext; dataset: Dataset; resource: Resource; version: ResourceVersion }) => (
  <div class="button-row">
    {(['csv', 'json', 'ndjson', 'parquet', 'original'] as const)
      .filter((format) => version.objects?.[format])
      .map((format) => (
        <a class="button button--secondary" href={page.urls.resourceDownloadPage(dataset.name, resource.name, format)} download>
          {`Download ${FORMAT_LABELS[format]}`}
          <span class="visually-hidden">{` of ${resource.title ?? resource.name}`}</span>
          {` (${formatBytes(version.objects?.[format]?.bytes)})`}
        </a>
      ))}
  </div>
);

const Description = ({ text }: { text: string | undefined }) =>
  text ? (
    <>
      {text.split(/\n\s*\n/).map((paragraph) => (
        <p>{paragraph}</p>
      ))}
    </>
  ) : (
    <p class="secondary">No description given.</p>
  );

const NoAccess = ({ page, view }: { page: PageContext; view: DatasetView }) => {
  const signedInElsewhere = page.caller.kind === 'member' && page.session.via !== 'none';
  return (
    <div class="notice" id="data-access">
      <p>
        <strong>The data is shared only with named organisations.</strong> Anyone can read this description; the{' '}
        <a href={page.urls.page('/sharing-register')}>sharing register</a> lists who may use it and why.
      </p>
      {signedInElsewhere && page.session.via === 'cookie' ? (
        <form method="post" action={page.urls.page(`/publish/datasets/${seg(view.dataset.name)}/access-requests`)}>
          <CsrfField token={page.session.csrf} />
          <h3>Request access for your organisation</h3>
          <div class="form-group">
            <label for="field-purpose">What will you use the data for?</label>
            <textarea id="field-purpose" name="purpose" rows={3}></textarea>
          </div>
          <div class="form-group">
            <label for="field-lawfulBasis">Lawful basis</label>
            <select id="field-lawfulBasis" name="lawfulBasis">
              {['not-personal-data', 'public-task', 'legitimate-interests', 'contract', 'legal-obligation', 'consent', 'vital-interests'].map((b) => (
                <option value={b}>{b}</option>
              ))}
            </select>
          </div>
          <div class="form-group">
            <label for="field-requestedDays">For how many days?</label>
            <input type="number" id="field-requestedDays" name="requestedDays" value="90" min="1" max="730" />
          </div>
          <button type="submit" class="button">
            Request access
          </button>
        </form>
      ) : (
        <p>
          To request access, <a href={page.urls.page('/publish/sign-in')}>sign in with your organisation's token</a>.
        </p>
      )}
    </div>
  );
};

const Links = ({ items }: { items: Array<[href: string, text: string]> }) => (
  <span>
    {items.map(([href, text], i) => (
      <>
        {i > 0 ? ', ' : ''}
        <a href={href}>{text}</a>
      </>
    ))}
  </span>
);

const summaryRows = (page: PageContext, view: DatasetView): Array<[string, Child]> => {
  const d = view.dataset;
  const rows: Array<[string, Child]> = [
    [
      'Sharing tier',
      <span>
        <TierBadge tier={d.tier} /> {TIER_TEXT[d.tier]}
      </span>,
    ],
    ['Publisher', <a href={page.urls.organisationPage(d.organisation)}>{view.publisherName}</a>],
    ['Licence', licenceLabel(d.licence)],
    [
      'Update frequency',
      <span>
        {frequencyLabel(d.updateFrequency)} {view.overdue ? <strong class="tag tag--overdue">Overdue</strong> : null}
      </span>,
    ],
    ['Last updated', formatDate(view.lastUpdated)],
  ];
  if (d.temporalCoverage)
    rows.push(['Covers', `${formatDate(d.temporalCoverage.start)} to ${d.temporalCoverage.end ? formatDate(d.temporalCoverage.end) : 'now'}`]);
  if (d.spatialCoverage?.description) rows.push(['Area', d.spatialCoverage.description]);
  if (d.themes?.length) rows.push(['Themes', <Links items={d.themes.map((t) => [page.urls.page(`/datasets${queryString({ theme: t })}`), themeLabel(t)])} />]);
  if (d.keywords?.length) rows.push(['Keywords', <Links items={d.keywords.map((k) => [page.urls.page(`/datasets${queryString({ keyword: k })}`), k])} />]);
  if (d.contactPoint) rows.push(['Contact', <a href={`mailto:${encodeURI(d.contactPoint.email)}`}>{d.contactPoint.name ?? d.contactPoint.email}</a>]);
  return rows;
};

export const DatasetPage = ({ page, view }: { page: PageContext; view: DatasetView }) => {
  const d = view.dataset;
  const published = view.resources.filter((r) => r.current);
  return (
    <Layout page={page} title={d.title} scripts={['copy']}>
      <p class="secondary">
        <a href={page.urls.organisationPage(d.organisation)}>{view.publisherName}</a>
      </p>
      <h1>{d.title}</h1>
      <SummaryList rows={summaryRows(page, view)} />
      <h2>About this dataset</h2>
      <Description text={d.description} />

      {d.provenance ? <HarvestedSection page={page} dataset={d} /> : null}
      <h2 id="resources">Data files</h2>
      {view.resources.length === 0 ? <p>No files have been published yet.</p> : null}
      {view.resources.length > 0 ? (
        <DataTable
          label="Data files"
          caption="Data files of this dataset"
          columns={['File', 'Format', { label: 'Size', numeric: true }, { label: 'Rows', numeric: true }, { label: 'Version', numeric: true }, 'Validation']}
        >
          {view.resources.map((r) => (
            <tr>
              <td>
                {r.title ?? r.name}
                {r.mirroredFrom ? <MirroredFrom from={r.mirroredFrom} /> : null}
              </td>
              <td>{resourceFormatLabel(r)}</td>
              <td class="num">{formatBytes(r.current?.bytes)}</td>
              <td class="num">{r.current ? formatCount(r.current.rowCount) : '–'}</td>
              <td class="num">{r.current ? String(r.current.version) : '–'}</td>
              <td>
                <StatusTag status={r.status} />
              </td>
            </tr>
          ))}
        </DataTable>
      ) : null}
      {view.canReadData ? (
        published.map((r) => {
          const version = view.versions.get(r.name);
          return version ? (
            <section aria-labelledby={`downloads-${r.name}`}>
              <h3 id={`downloads-${r.name}`}>{`Download ${r.title ?? r.name}`}</h3>
              <Downloads page={page} dataset={d} resource={r} version={version} />
            </section>
          ) : null;
        })
      ) : d.tier === 'shared' ? (
        <NoAccess page={page} view={view} />
      ) : null}

      {view.preview ? (
        <section aria-labelledby="preview">
          <h2 id="preview">Preview</h2>
          {published.length > 1 ? (
            <p>
              Preview another file:{' '}
              {published.map((r, i) => (
                <>
                  {i > 0 ? ', ' : ''}
                  <a href={`${page.urls.datasetPage(d.name)}${queryString({ preview: r.name })}#preview`}>{r.title ?? r.name}</a>
                </>
              ))}
            </p>
          ) : null}
          <PreviewAndProfiles resource={view.preview.resource} preview={view.preview.preview} />
        </section>
      ) : null}

      {view.map ? <MapSection page={page} dataset={d} map={view.map} /> : null}

      {published.length > 0 ? (
        <section aria-labelledby="api">
          <h2 id="api">Use the API</h2>
          <ApiSnippets urls={page.urls} dataset={d} resource={view.preview?.resource ?? published[0]} />
        </section>
      ) : null}

      <section aria-labelledby="formats">
        <h2 id="formats">Metadata for tools</h2>
        <ul class="list list--bullet">
          <li>
            <a href={page.urls.dataset(d.name)}>Native API (JSON)</a>
          </li>
          <li>
            <a href={page.urls.ckanAction('package_show', queryString({ id: d.name }))}>CKAN package_show</a>
          </li>
          <li>
            <a href={page.urls.datasetJsonLd(d.name)}>DCAT (JSON-LD)</a>
          </li>
          <li>
            <a href={page.urls.datapackage(d.name)}>Frictionless Data Package</a>
          </li>
        </ul>
      </section>
    </Layout>
  );
};

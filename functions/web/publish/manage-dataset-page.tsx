import type { Dataset } from '../../domain/datasets';
import type { FieldProblem } from '../../domain/errors';
import type { Resource } from '../../domain/resources';
import { CsrfField, ErrorSummary, formatBytes, formatDateTime, problemFor, Select, StatusTag, TextInput, TierBadge } from '../components';
import { DataTable } from '../data-table';
import { Layout } from '../layout';
import { type PageContext, seg } from '../page-context';

interface ManageProps {
  page: PageContext;
  dataset: Dataset;
  resources: Resource[];
  canEdit: boolean;
  canGovern: boolean;
  problems?: FieldProblem[];
  values?: { name: string; title: string; format: string };
  notice?: string;
}

export const ManageDatasetPage = ({ page, dataset, resources, canEdit, canGovern, problems = [], values, notice }: ManageProps) => {
  const base = `/publish/datasets/${seg(dataset.name)}`;
  return (
    <Layout page={page} title={problems.length > 0 ? `Error: ${dataset.title}` : dataset.title}>
      <p class="secondary">
        <a href={page.urls.page('/publish')}>Your datasets</a>
      </p>
      <h1>
        {dataset.title} <TierBadge tier={dataset.tier} />
      </h1>
      {notice ? (
        <div class="notice notice--success" role="status">
          {notice}
        </div>
      ) : null}
      <ul class="list list--bullet">
        <li>
          <a href={page.urls.datasetPage(dataset.name)}>Public page</a>
        </li>
        {canEdit ? (
          <li>
            <a href={page.urls.page(`${base}/edit`)}>Edit the description and tier</a>
          </li>
        ) : null}
        {canGovern ? (
          <li>
            <a href={page.urls.page(`${base}/sharing`)}>Sharing: grants and access requests</a>
          </li>
        ) : null}
        {canGovern ? (
          <li>
            <a href={page.urls.page(`${base}/audit`)}>Audit log</a>
          </li>
        ) : null}
        {canGovern ? (
          <li>
            <a href={page.urls.page(`${base}/delete`)}>{`Delete ${dataset.title}`}</a>
          </li>
        ) : null}
      </ul>
      <h2>Data files</h2>
      {resources.length === 0 ? <p>No data files yet. Add one below, then upload a CSV or JSON file to it.</p> : null}
      {resources.length > 0 ? (
        <DataTable label="Data files" columns={['File', 'Status', { label: 'Version', numeric: true }, { label: 'Size', numeric: true }, 'Updated']}>
          {resources.map((r) => (
            <tr>
              <td>
                <a href={page.urls.page(`${base}/resources/${seg(r.name)}`)}>{r.title ?? r.name}</a>
              </td>
              <td>
                <StatusTag status={r.status} />
              </td>
              <td class="num">{r.current ? String(r.current.version) : '–'}</td>
              <td class="num">{formatBytes(r.current?.bytes)}</td>
              <td>{formatDateTime(r.modified)}</td>
            </tr>
          ))}
        </DataTable>
      ) : null}
      {canEdit ? (
        <>
          <h2 id="add-file">Add a data file</h2>
          <ErrorSummary problems={problems} />
          <form method="post" action={page.urls.page(`${base}/resources`)} novalidate>
            <CsrfField token={page.session.csrf} />
            <TextInput
              name="name"
              label="File name for web addresses"
              value={values?.name}
              error={problemFor(problems, 'name')}
              hint="Lower-case letters, digits and hyphens, for example: borough-profiles."
            />
            <TextInput name="title" label="Title (optional)" value={values?.title} error={problemFor(problems, 'title')} />
            <Select
              name="format"
              label="Format"
              value={values?.format}
              error={problemFor(problems, 'format')}
              hint="Leave as detected unless the file is unusual."
              options={[
                ['', 'Detect from the file'],
                ['csv', 'CSV'],
                ['tsv', 'TSV'],
                ['json', 'JSON'],
                ['ndjson', 'NDJSON'],
                ['geojson', 'GeoJSON'],
              ]}
            />
            <button type="submit" class="button">
              Add data file
            </button>
          </form>
        </>
      ) : null}
    </Layout>
  );
};

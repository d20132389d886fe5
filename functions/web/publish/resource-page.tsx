import type { Dataset } from '../../domain/datasets';
import type { Resource } from '../../domain/resources';
import { MAX_DIRECT_UPLOAD_BYTES } from '../../domain/uploads';
import type { ResourceVersion } from '../../domain/versions';
import { CsrfField, formatBytes, formatCount, formatDateTime, StatusTag } from '../components';
import { DataTable } from '../data-table';
import { Layout } from '../layout';
import { type PageContext, seg } from '../page-context';

interface ResourcePageProps {
  page: PageContext;
  dataset: Dataset;
  resource: Resource;
  versions: ResourceVersion[];
  canEdit: boolean;
}

export const resourceBase = (dataset: string, resource: string) => `/publish/datasets/${seg(dataset)}/resources/${seg(resource)}`;

export const ResourcePage = ({ page, dataset, resource, versions, canEdit }: ResourcePageProps) => {
  const base = resourceBase(dataset.name, resource.name);
  return (
    <Layout page={page} title={resource.title ?? resource.name} scripts={canEdit ? ['upload'] : []}>
      <p class="secondary">
        <a href={page.urls.page(`/publish/datasets/${seg(dataset.name)}`)}>{dataset.title}</a>
      </p>
      <h1>{resource.title ?? resource.name}</h1>
      <p>
        Status: <StatusTag status={resource.status} id="resource-status" />
        {resource.current
          ? ` Version ${resource.current.version} is live: ${formatCount(resource.current.rowCount)} rows, ${resource.current.columnCount} columns, ${formatBytes(resource.current.bytes)}.`
          : ' Nothing is published yet.'}
      </p>
      {canEdit ? (
        <section aria-labelledby="upload-heading">
          <h2 id="upload-heading">Upload a new version</h2>
          <p>
            Upload a CSV, TSV, JSON or NDJSON file. It is checked row by row{resource.dataSchema ? ` against the ${resource.dataSchema} schema` : ''}; if it is
            valid it becomes the next version, and if not, the current version stays live and you get a report.
          </p>
          <form
            id="upload-form"
            data-start-url={page.urls.page(`${base}/uploads`)}
            data-direct-url={page.urls.page(`${base}/data`)}
            data-status-url={page.urls.page(`${base}/uploads/UPLOAD_ID/status`)}
            data-direct-limit={String(MAX_DIRECT_UPLOAD_BYTES)}
          >
            <CsrfField token={page.session.csrf} />
            <div class="form-group">
              <label for="file">File to upload</label>
              <span class="hint" id="file-hint">
                Up to 5 GB. Large files go straight to storage.
              </span>
              <input type="file" id="file" name="file" aria-describedby="file-hint" accept=".csv,.tsv,.txt,.json,.ndjson,.geojson,text/csv,application/json" />
            </div>
            <button type="submit" class="button">
              Upload
            </button>
            <label for="upload-progress">Upload progress</label>
            <progress id="upload-progress" max={100} value={0}></progress>
            <p id="upload-status" class="status" role="status" aria-live="polite"></p>
            <p id="upload-result" class="status"></p>
          </form>
          <noscript>
            <p>
              Uploading from this page needs JavaScript. Without it, upload with the API: PUT the file to {page.urls.resource(dataset.name, resource.name)}/data
              with your token.
            </p>
          </noscript>
        </section>
      ) : null}
      <h2>Versions</h2>
      {versions.length === 0 ? <p>No uploads yet.</p> : null}
      {versions.length > 0 ? (
        <DataTable
          label="Versions"
          caption="Versions of this file, newest first"
          id="versions"
          columns={[
            { label: 'Version', numeric: true },
            'State',
            'Uploaded file',
            { label: 'Rows', numeric: true },
            { label: 'Errors', numeric: true },
            'Uploaded',
            'Report',
          ]}
        >
          {[...versions].reverse().map((v) => (
            <tr>
              <td class="num">{String(v.version)}</td>
              <td>
                <StatusTag status={v.state} />
              </td>
              <td class="word-break">{v.filename ?? '–'}</td>
              <td class="num">{v.rowCount === undefined ? '–' : formatCount(v.rowCount)}</td>
              <td class="num">{v.errorCount === undefined ? '–' : formatCount(v.errorCount)}</td>
              <td>{formatDateTime(v.created)}</td>
              <td>
                {v.state === 'validating' ? (
                  '–'
                ) : (
                  <a href={page.urls.page(`${base}/versions/${v.version}/report`)}>
                    Report<span class="visually-hidden">{` for version ${v.version}`}</span>
                  </a>
                )}
              </td>
            </tr>
          ))}
        </DataTable>
      ) : null}
    </Layout>
  );
};

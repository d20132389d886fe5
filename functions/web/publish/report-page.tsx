import type { Dataset } from '../../domain/datasets';
import type { ResourceVersion } from '../../domain/versions';
import type { ValidationReport } from '../../ingest/core/report';
import { formatCount, ScrollTable, StatusTag, SummaryList } from '../components';
import { Layout } from '../layout';
import type { PageContext } from '../page-context';
import { resourceBase } from './resource-page';

export const ReportPage = ({
  page,
  dataset,
  resourceName,
  version,
  report,
}: {
  page: PageContext;
  dataset: Dataset;
  resourceName: string;
  version: ResourceVersion;
  report: ValidationReport | null;
}) => (
  <Layout page={page} title={`Validation report, version ${version.version}`}>
    <p class="secondary">
      <a href={page.urls.page(resourceBase(dataset.name, resourceName))}>{`${dataset.title}: ${resourceName}`}</a>
    </p>
    <h1>{`Validation report for version ${version.version}`}</h1>
    <SummaryList
      rows={[
        ['State', <StatusTag status={version.state} />],
        ['File', version.filename ?? '–'],
        [
          'Detected',
          [version.detected?.format, version.detected?.encoding, version.detected?.delimiter ? `delimiter “${version.detected.delimiter}”` : undefined]
            .filter(Boolean)
            .join(', ') || '–',
        ],
        ['Rows', report ? formatCount(report.rowCount) : '–'],
        ['Columns', report ? String(report.columnCount) : '–'],
        ['Errors', report ? formatCount(report.errorCount) : '–'],
      ]}
    />
    {version.failure ? <p class="notice">{version.failure}</p> : null}
    {report && report.valid ? <p class="notice notice--success">Every row passed validation.</p> : null}
    {report && Object.keys(report.errorCounts).length > 0 ? (
      <ScrollTable label="Errors by kind">
        <table>
          <caption>Errors by kind</caption>
          <thead>
            <tr>
              <th scope="col">Error</th>
              <th scope="col" class="num">
                Count
              </th>
            </tr>
          </thead>
          <tbody>
            {Object.entries(report.errorCounts).map(([code, count]) => (
              <tr>
                <td>
                  <code>{code}</code>
                </td>
                <td class="num">{formatCount(count ?? 0)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollTable>
    ) : null}
    {report && report.errors.length > 0 ? (
      <ScrollTable label="Errors">
        <table id="report-errors">
          <caption>{report.errorsTruncated ? `The first ${report.errors.length} of ${formatCount(report.errorCount)} errors` : 'Errors'}</caption>
          <thead>
            <tr>
              <th scope="col" class="num">
                Row
              </th>
              <th scope="col">Column</th>
              <th scope="col">Error</th>
              <th scope="col">Message</th>
            </tr>
          </thead>
          <tbody>
            {report.errors.map((e) => (
              <tr>
                <td class="num">{e.row === null ? '–' : String(e.row)}</td>
                <td class="word-break">{e.field ?? '–'}</td>
                <td>
                  <code>{e.code}</code>
                </td>
                <td>{e.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollTable>
    ) : null}
    {report && report.warnings.length > 0 ? (
      <>
        <h2>Warnings</h2>
        <ul class="list list--bullet">
          {report.warnings.map((w) => (
            <li>{w.message}</li>
          ))}
        </ul>
      </>
    ) : null}
  </Layout>
);

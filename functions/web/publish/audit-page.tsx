import type { AuditEntry } from '../../domain/audit';
import type { Dataset } from '../../domain/datasets';
import { formatDateTime } from '../components';
import { DataTable } from '../data-table';
import { Layout } from '../layout';
import { type PageContext, queryString, seg } from '../page-context';

/** The person (or service token, or token) and the organisation they acted for. */
const who = (e: AuditEntry) => {
  const actor = e.actor;
  if (actor.kind !== 'member') return actor.kind;
  const means = actor.tokenId ? `, token ${actor.tokenId}` : ', signed in';
  const by = actor.person ?? (actor.service ? `service token “${actor.service}”` : actor.personId ? `person ${actor.personId}` : undefined);
  return by ? `${by} for ${actor.organisation} (${actor.role}${means})` : `${actor.organisation} (${actor.role}${means})`;
};

const detailText = (details: Record<string, unknown> | undefined) =>
  details
    ? Object.entries(details)
        .map(([k, v]) => `${k}: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
        .join('; ')
    : '';

export const AuditPage = ({ page, dataset, entries, next }: { page: PageContext; dataset: Dataset; entries: AuditEntry[]; next?: string }) => {
  const base = `/publish/datasets/${seg(dataset.name)}`;
  return (
    <Layout page={page} title={`Audit log: ${dataset.title}`}>
      <p class="secondary">
        <a href={page.urls.page(base)}>{dataset.title}</a>
      </p>
      <h1>{`Audit log: ${dataset.title}`}</h1>
      <p>
        Every download and row query of shared or private data, every edit, grant and change of tier, with the person or token that did it and the organisation
        they acted for, oldest first. Entries cannot be changed or removed.
      </p>
      {entries.length === 0 ? <p>Nothing has been recorded yet.</p> : null}
      {entries.length > 0 ? (
        <DataTable label="Audit log" id="audit-log" columns={['When', 'What', 'Who', 'Route', 'Details']}>
          {entries.map((e) => (
            <tr>
              <td>{formatDateTime(e.at)}</td>
              <td>
                <code>{e.action}</code>
              </td>
              <td class="word-break">{who(e)}</td>
              <td class="word-break">
                <code>{e.route}</code>
              </td>
              <td class="word-break">{detailText(e.details)}</td>
            </tr>
          ))}
        </DataTable>
      ) : null}
      {next ? (
        <p>
          <a href={page.urls.page(`${base}/audit${queryString({ cursor: next })}`)}>Later entries</a>
        </p>
      ) : null}
    </Layout>
  );
};

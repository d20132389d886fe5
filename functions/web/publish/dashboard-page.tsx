import type { Dataset } from '../../domain/datasets';
import { formatDate, TierBadge } from '../components';
import { DataTable } from '../data-table';
import { Layout } from '../layout';
import { type PageContext, queryString, seg } from '../page-context';
import { NotificationsBanner } from './notifications-page';

export const DashboardPage = ({
  page,
  organisationName,
  datasets,
  total,
  canCreate,
  unreadNotifications,
}: {
  page: PageContext;
  organisationName: string;
  datasets: Dataset[];
  total: number;
  canCreate: boolean;
  /** Messages about the standards its datasets declare that no member has marked read. */
  unreadNotifications: number;
}) => (
  <Layout page={page} title="Publish">
    <h1>{`Publish for ${organisationName}`}</h1>
    <NotificationsBanner page={page} unread={unreadNotifications} />
    {canCreate ? (
      <p>
        <a class="button" href={page.urls.page('/publish/datasets/new')}>
          Create a dataset
        </a>
      </p>
    ) : (
      <p>Your token can read your organisation's datasets; an editor or admin token is needed to publish.</p>
    )}
    <h2>Your organisation's datasets</h2>
    {total > datasets.length ? (
      <p>
        {`The ${datasets.length} most recently updated of ${total}. `}
        <a href={page.urls.page(`/datasets${queryString({ organisation: page.caller.kind === 'member' ? page.caller.organisationId : undefined })}`)}>
          Find any of them
        </a>
      </p>
    ) : null}
    {datasets.length === 0 ? <p>None yet.</p> : null}
    {datasets.length > 0 ? (
      <DataTable label="Your organisation's datasets" columns={['Dataset', 'Tier', 'Updated', 'Public page']}>
        {datasets.map((d) => (
          <tr>
            <td>
              <a href={page.urls.page(`/publish/datasets/${seg(d.name)}`)}>{d.title}</a>
            </td>
            <td>
              <TierBadge tier={d.tier} />
            </td>
            <td>{formatDate(d.modified)}</td>
            <td>
              <a href={page.urls.datasetPage(d.name)}>
                View<span class="visually-hidden">{` ${d.title}`}</span>
              </a>
            </td>
          </tr>
        ))}
      </DataTable>
    ) : null}
  </Layout>
);

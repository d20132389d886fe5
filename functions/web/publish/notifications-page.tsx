import type { Notification } from '../../standards/notifications';
import { CsrfField, formatDateTime, plural } from '../components';
import { Layout } from '../layout';
import { type PageContext, seg } from '../page-context';

interface NotificationsProps {
  page: PageContext;
  organisationName: string;
  notifications: Notification[];
  /** Shown after marking one read (a fixed notice, never text from the request). */
  notice?: string;
}

const unreadCount = (notifications: Notification[]) => notifications.filter((n) => !n.readAt).length;

/**
 * Messages to the organisation about the standards its datasets declare (a new version published:
 * what changed, which datasets would fail it), newest first, each marked read by any member.
 */
export const NotificationsPage = ({ page, organisationName, notifications, notice }: NotificationsProps) => (
  <Layout page={page} title="Messages about standards">
    <h1>{`Messages about standards for ${organisationName}`}</h1>
    {notice ? (
      <div class="notice notice--success" role="status">
        <p>{notice}</p>
      </div>
    ) : null}
    <p>
      {notifications.length === 0
        ? 'None yet. When a new version of a standard your datasets declare is published, a message here says what changed and which of your datasets it would fail.'
        : `${plural(unreadCount(notifications), 'unread message')}. Marking a message read marks it read for everyone in your organisation.`}
    </p>
    {notifications.map((n) => (
      <article class={n.readAt ? 'notice' : 'notice notice--warning'} aria-labelledby={`notification-${n.id}`}>
        <h2 id={`notification-${n.id}`}>
          {`${n.change === 'breaking' ? 'Breaking' : 'Compatible'} version ${n.version} of `}
          <a href={page.urls.page(`/schemas/${seg(n.schema)}`)}>{n.schema}</a>
          {n.readAt ? null : <strong class="tag">unread</strong>}
        </h2>
        <p>{n.message}</p>
        {n.failingDatasets.length > 0 ? (
          <p>
            {'Would fail it: '}
            {n.failingDatasets.map((name, index) => (
              <>
                {index > 0 ? ', ' : ''}
                <a href={page.urls.page(`/publish/datasets/${seg(name)}`)}>{name}</a>
              </>
            ))}
          </p>
        ) : null}
        <p>
          {`Sent ${formatDateTime(n.at)}.`}
          {n.readAt ? ` Read ${formatDateTime(n.readAt)}.` : null}
        </p>
        {n.readAt ? null : (
          <form method="post" action={page.urls.page(`/publish/notifications/${seg(n.id)}/read`)}>
            <CsrfField token={page.session.csrf} />
            <button type="submit" class="button button--secondary">
              Mark as read<span class="visually-hidden">{` version ${n.version} of ${n.schema}`}</span>
            </button>
          </form>
        )}
      </article>
    ))}
  </Layout>
);

/** The dashboard's banner: how many messages wait, and the way to them. */
export const NotificationsBanner = ({ page, unread }: { page: PageContext; unread: number }) =>
  unread > 0 ? (
    <div class="notice notice--warning" role="status">
      <p>
        {`Your organisation has ${plural(unread, 'unread message')} about the standards its datasets declare. `}
        <a href={page.urls.page('/publish/notifications')}>Read them</a>
      </p>
    </div>
  ) : (
    <p>
      <a href={page.urls.page('/publish/notifications')}>Messages about standards</a>
    </p>
  );

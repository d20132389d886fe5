import { type Context, Hono } from 'hono';
import { findOrganisation } from '../../domain/organisations';
import { listNotifications, markNotificationRead } from '../../standards/notifications';
import { pageContext } from '../page-context';
import { render } from '../render';
import type { WebEnv } from '../web-env';
import { NotificationsPage } from './notifications-page';
import { type Member, memberOf, toSignIn } from './publish-support';

const MARKED = 'The message was marked read for everyone in your organisation.';

const notificationsPage = async (c: Context<WebEnv>, member: Member) => {
  const [notifications, organisation] = await Promise.all([
    listNotifications(c.var.domain, member, member.organisationId),
    findOrganisation(c.var.domain, member.organisationId),
  ]);
  return render(
    c,
    <NotificationsPage
      page={pageContext(c)}
      organisationName={organisation?.value.name ?? member.organisationId}
      notifications={notifications}
      notice={c.req.query('done') === 'read' ? MARKED : undefined}
    />,
  );
};

/** The organisation's messages about standards, for its members; marking one read (a form with the session's CSRF token). */
export const notificationsRoutes = new Hono<WebEnv>()
  .get('/publish/notifications', async (c) => {
    const member = memberOf(c);
    return member ? notificationsPage(c, member) : toSignIn(c);
  })
  .post('/publish/notifications/:notification/read', async (c) => {
    const member = memberOf(c);
    if (!member) return toSignIn(c);
    await markNotificationRead(c.var.domain, member, member.organisationId, c.req.param('notification'));
    return c.redirect(c.var.urls.page('/publish/notifications?done=read'), 303);
  });

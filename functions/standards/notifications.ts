/**
 * Messages to organisations about standards their datasets declare: shown on their publisher pages
 * (functions/web/publish/notifications-*) and listed by the API to their members only. A message is
 * read or unread for the organisation, not per person: one member marking it read clears it for all.
 */
import { randomBytes } from 'node:crypto';
import type { Caller } from '../domain/caller';
import { actorName, isMemberOf } from '../domain/caller';
import type { DomainContext } from '../domain/context';
import { getOrganisation } from '../domain/organisations';
import { notFound } from '../domain/errors';
import { refusal } from '../domain/policy';
import { type StoredRecord, listAll, mutate } from '../storage/catalogue-store';

export interface Notification {
  id: string;
  organisation: string;
  at: string;
  kind: 'schema-version-published';
  schema: string;
  version: string;
  change: 'compatible' | 'breaking';
  message: string;
  /** The organisation's datasets the new version would fail, by name. */
  failingDatasets: string[];
  /** When a member marked it read, and who (`actorName`); absent while unread. */
  readAt?: string;
  readBy?: string;
}

const notificationList = (organisation: string) => `NOTIFICATIONS#${organisation}`;
const notificationKey = (id: string) => ({ pk: `NOTIFICATION#${id}`, sk: 'NOTIFICATION' });

export const notify = async (ctx: DomainContext, notification: Omit<Notification, 'id' | 'at'>): Promise<void> => {
  const at = ctx.now().toISOString();
  const id = `${at}-${randomBytes(6).toString('hex')}`;
  await ctx.catalogue.create(notificationKey(id), { ...notification, id, at }, { list: notificationList(notification.organisation), order: id });
};

/** The organisation's notifications, newest first, for its members and the platform administrator. */
export const listNotifications = async (ctx: DomainContext, caller: Caller, organisation: string): Promise<Notification[]> => {
  await assertMayRead(ctx, caller, organisation);
  const stored: StoredRecord<Notification>[] = await listAll<Notification>(ctx.catalogue, notificationList(organisation));
  return stored.map(({ value }) => value).reverse();
};

const assertMayRead = async (ctx: DomainContext, caller: Caller, organisation: string): Promise<void> => {
  await getOrganisation(ctx, organisation);
  if (caller.kind !== 'platform-admin' && !isMemberOf(caller, organisation)) {
    throw refusal(caller, true, 'notification', "read this organisation's notifications (its members do)");
  }
};

/** How many of the organisation's notifications no member has marked read yet. */
export const countUnread = async (ctx: DomainContext, caller: Caller, organisation: string): Promise<number> =>
  (await listNotifications(ctx, caller, organisation)).filter((n) => !n.readAt).length;

/**
 * Marks one of the organisation's notifications read, for all its members (any member may: it
 * changes nothing but the message's state). Marking it again keeps the first reading.
 */
export const markNotificationRead = async (ctx: DomainContext, caller: Caller, organisation: string, id: string): Promise<Notification> => {
  await assertMayRead(ctx, caller, organisation);
  const stored = await ctx.catalogue.get<Notification>(notificationKey(id));
  // Another organisation's notification is answered like a missing one.
  if (!stored || stored.value.organisation !== organisation) throw notFound('notification');
  const at = ctx.now().toISOString();
  const marked = await mutate<Notification>(
    ctx.catalogue,
    notificationKey(id),
    (current) => (current.readAt ? undefined : { ...current, readAt: at, readBy: actorName(caller) }),
    (value) => ({ list: notificationList(value.organisation), order: value.id }),
  );
  if (!marked) throw notFound('notification');
  return marked.value;
};

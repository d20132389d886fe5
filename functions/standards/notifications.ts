/**
 * Messages to organisations about standards their datasets declare: shown on their publisher pages
 * and listed by the API to their members only.
 */
import { randomBytes } from 'node:crypto';
import type { Caller } from '../domain/caller';
import { isMemberOf } from '../domain/caller';
import type { DomainContext } from '../domain/context';
import { getOrganisation } from '../domain/organisations';
import { refusal } from '../domain/policy';
import { type StoredRecord, listAll } from '../storage/catalogue-store';

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
}

const notificationList = (organisation: string) => `NOTIFICATIONS#${organisation}`;

export const notify = async (ctx: DomainContext, notification: Omit<Notification, 'id' | 'at'>): Promise<void> => {
  const at = ctx.now().toISOString();
  const id = `${at}-${randomBytes(6).toString('hex')}`;
  await ctx.catalogue.create(
    { pk: `NOTIFICATION#${id}`, sk: 'NOTIFICATION' },
    { ...notification, id, at },
    { list: notificationList(notification.organisation), order: id },
  );
};

/** The organisation's notifications, newest first, for its members and the platform administrator. */
export const listNotifications = async (ctx: DomainContext, caller: Caller, organisation: string): Promise<Notification[]> => {
  await getOrganisation(ctx, organisation);
  if (caller.kind !== 'platform-admin' && !isMemberOf(caller, organisation)) {
    throw refusal(caller, true, 'notification', "read this organisation's notifications (its members do)");
  }
  const stored: StoredRecord<Notification>[] = await listAll<Notification>(ctx.catalogue, notificationList(organisation));
  return stored.map(({ value }) => value).reverse();
};

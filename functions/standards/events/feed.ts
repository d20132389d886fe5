/**
 * A standard's events as a public feed, oldest first: a subscriber without EventBridge keeps the
 * `next` position and asks again for what came since. The datasets an event names are checked
 * again at every read, so a dataset made private since is no longer named.
 */
import type { Caller } from '../../domain/caller';
import type { DomainContext } from '../../domain/context';
import { getVisibleDatasets } from '../../domain/datasets';
import { badRequest } from '../../domain/errors';
import { InvalidPositionError } from '../../storage/catalogue-store';
import { shippedSchema } from '../schema-versions';
import type { SchemaEventRecord } from './event-records';
import { schemaEventList } from './event-records';
import type { SchemaEventMessage } from './publisher';

export interface SchemaEventFeedEntry extends SchemaEventMessage {
  /** `delivered` once the event bus accepted it; `pending` until the relay has sent it. */
  delivery: 'pending' | 'delivered';
}

export interface SchemaEventFeedPage {
  results: SchemaEventFeedEntry[];
  next?: string;
}

export const listSchemaEvents = async (
  ctx: DomainContext,
  caller: Caller,
  schema: string,
  page: { limit: number; cursor?: string },
): Promise<SchemaEventFeedPage> => {
  shippedSchema(schema);
  let listed: Awaited<ReturnType<typeof ctx.catalogue.list<SchemaEventRecord>>>;
  try {
    listed = await ctx.catalogue.list<SchemaEventRecord>(schemaEventList(schema), { limit: page.limit, after: page.cursor });
  } catch (error) {
    if (error instanceof InvalidPositionError) throw badRequest('The cursor is not valid.', { field: 'cursor' });
    throw error;
  }
  const visible = await visibleNamedDatasets(
    ctx,
    caller,
    listed.items.map(({ value }) => value.message),
  );
  const results = listed.items.map(({ value }) => ({ ...namingOnly(value.message, visible), delivery: value.delivery.state }));
  return { results, ...(listed.next ? { next: listed.next } : {}) };
};

/** The ids of the datasets the messages name that the caller may see now. */
export const visibleNamedDatasets = async (ctx: DomainContext, caller: Caller, messages: readonly SchemaEventMessage[]): Promise<Set<string>> => {
  const named = [...new Set(messages.flatMap((message) => message.detail.affected.datasets.map((d) => d.datasetId)))];
  return new Set((await getVisibleDatasets(ctx, caller, named)).map(({ value }) => value.id));
};

/** The message naming only the `visible` datasets (and their organisations). */
export const namingOnly = (message: SchemaEventMessage, visible: ReadonlySet<string>): SchemaEventMessage => {
  const datasets = message.detail.affected.datasets.filter((d) => visible.has(d.datasetId));
  return {
    ...message,
    detail: {
      ...message.detail,
      affected: { ...message.detail.affected, datasets, organisations: [...new Set(datasets.map((d) => d.organisation))].sort() },
    },
  };
};

import {
  BatchGetItemCommand,
  type BatchGetItemCommandOutput,
  BatchWriteItemCommand,
  type BatchWriteItemCommandOutput,
  ConditionalCheckFailedException,
  DeleteItemCommand,
  type DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
} from '@aws-sdk/client-dynamodb';
import { fromItem, type Item, keyItem, keyOfItem, stringItem, stringKeys, toItem } from './catalogue-item';
import {
  type CatalogueStore,
  type ListingEntry,
  type ListOptions,
  type ListPage,
  type NewRecord,
  type RecordKey,
  type StoredRecord,
  InvalidPositionError,
  RecordExistsError,
  VersionConflictError,
} from './catalogue-store';
import { catalogueTable } from './layout';

const index = catalogueTable.indexes[0];
/** DynamoDB's limit of items in one BatchWriteItem. */
const WRITE_BATCH = 25;
/** Batches in flight at once: enough to overlap round trips without swamping the table. */
const WRITE_BATCHES_IN_FLIGHT = 4;

const encodePosition = (key: Record<string, string>): string => Buffer.from(JSON.stringify(key)).toString('base64url');

const decodePosition = (position: string): Record<string, string> | undefined => {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(position, 'base64url').toString('utf8'));
    const fields = ['pk', 'sk', 'gsi1pk', 'gsi1sk'];
    // A whole index key, each part a string: DynamoDB answers a partial one with an error of its own.
    const entries = parsed && typeof parsed === 'object' ? Object.entries(parsed) : [];
    if (entries.length === fields.length && entries.every(([k, v]) => fields.includes(k) && typeof v === 'string')) {
      return parsed as Record<string, string>;
    }
  } catch {
    // fall through: an unreadable position is treated as invalid below
  }
  return undefined;
};

/**
 * The catalogue in one DynamoDB table, through the SDK's plain client (made with its middleware
 * stack cached: aws-clients.ts) and items encoded by catalogue-item.ts.
 */
export class DynamoCatalogueStore implements CatalogueStore {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
  ) {}

  async get<T>(key: RecordKey): Promise<StoredRecord<T> | undefined> {
    const { Item } = await this.client.send(new GetItemCommand({ TableName: this.tableName, Key: keyItem(key), ConsistentRead: true }));
    return Item ? fromItem<T>(Item) : undefined;
  }

  async create<T>(key: RecordKey, value: T, listing?: ListingEntry): Promise<StoredRecord<T>> {
    try {
      await this.client.send(
        new PutItemCommand({
          TableName: this.tableName,
          Item: toItem(key, value, 1, listing),
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) throw new RecordExistsError(key, { cause: error });
      throw error;
    }
    return { value, version: 1 };
  }

  async replace<T>(key: RecordKey, value: T, expectedVersion: number, listing?: ListingEntry): Promise<StoredRecord<T>> {
    const version = expectedVersion + 1;
    try {
      await this.client.send(
        new PutItemCommand({
          TableName: this.tableName,
          Item: toItem(key, value, version, listing),
          ConditionExpression: 'version = :expected',
          ExpressionAttributeValues: { ':expected': { N: String(expectedVersion) } },
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) throw new VersionConflictError(key, { cause: error });
      throw error;
    }
    return { value, version };
  }

  async putNew<T>(records: ReadonlyArray<NewRecord<T>>): Promise<void> {
    const batches = Array.from({ length: Math.ceil(records.length / WRITE_BATCH) }, (_, i) => records.slice(i * WRITE_BATCH, (i + 1) * WRITE_BATCH));
    let next = 0;
    const worker = async () => {
      while (next < batches.length) {
        const batch = batches[next++];
        let pending: BatchWriteItemCommandOutput['UnprocessedItems'] = {
          [this.tableName]: batch.map((r) => ({ PutRequest: { Item: toItem(r.key, r.value, 1, r.listing) } })),
        };
        for (let attempt = 0; pending?.[this.tableName]?.length; attempt++) {
          if (attempt > 8) throw new Error('DynamoDB kept returning unprocessed items');
          if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 2 ** attempt * 20));
          pending = (await this.client.send(new BatchWriteItemCommand({ RequestItems: pending }))).UnprocessedItems;
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(WRITE_BATCHES_IN_FLIGHT, batches.length) }, worker));
  }

  async remove(key: RecordKey, expectedVersion?: number): Promise<void> {
    try {
      await this.client.send(
        new DeleteItemCommand({
          TableName: this.tableName,
          Key: keyItem(key),
          ...(expectedVersion === undefined
            ? {}
            : { ConditionExpression: 'version = :expected', ExpressionAttributeValues: { ':expected': { N: String(expectedVersion) } } }),
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) throw new VersionConflictError(key, { cause: error });
      throw error;
    }
  }

  async list<T>(list: string, options: ListOptions): Promise<ListPage<T>> {
    const start = options.after === undefined ? undefined : decodePosition(options.after);
    // A position from another listing (a forged cursor) is refused here: DynamoDB would answer it with an error of its own.
    const foreign = start && (start.gsi1pk !== list || (options.prefix !== undefined && !String(start.gsi1sk).startsWith(options.prefix)));
    if (options.after !== undefined && (!start || foreign)) throw new InvalidPositionError();
    const result = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: index.indexName,
        KeyConditionExpression: options.prefix === undefined ? 'gsi1pk = :list' : 'gsi1pk = :list AND begins_with(gsi1sk, :prefix)',
        ExpressionAttributeValues: { ':list': { S: list }, ...(options.prefix === undefined ? {} : { ':prefix': { S: options.prefix } }) },
        Limit: options.limit,
        ExclusiveStartKey: start && stringItem(start),
      }),
    );
    const keys = (result.Items ?? []).map(keyOfItem);
    const also = options.alsoRead ?? [];
    const read = await this.getMany<unknown>([...also, ...keys]);
    return {
      items: read.slice(also.length).filter((item): item is StoredRecord<T> => item !== undefined) as StoredRecord<T>[],
      next: result.LastEvaluatedKey ? encodePosition(stringKeys(result.LastEvaluatedKey)) : undefined,
      ...(options.alsoRead ? { alsoRead: read.slice(0, also.length) } : {}),
    };
  }

  /**
   * Consistent batched reads. Listings use them too: the index only gives order (it is eventually
   * consistent in AWS, and a stale copy could show a dataset's old tier), so each listed record is
   * read again, consistently, from the table.
   */
  async getMany<T>(keys: RecordKey[]): Promise<Array<StoredRecord<T> | undefined>> {
    const found = new Map<string, StoredRecord<T>>();
    const keyOf = (key: RecordKey) => `${key.pk}\u0000${key.sk}`;
    // DynamoDB refuses a batch naming a key twice.
    const distinct = [...new Map(keys.map((key) => [keyOf(key), keyItem(key)])).values()];
    const batches = Array.from({ length: Math.ceil(distinct.length / 100) }, (_, i) => distinct.slice(i * 100, i * 100 + 100));
    await Promise.all(
      batches.map(async (batch) => {
        let pending: Item[] | undefined = batch;
        for (let attempt = 0; pending && pending.length > 0; attempt++) {
          if (attempt > 8) throw new Error('DynamoDB kept returning unprocessed keys');
          const result: BatchGetItemCommandOutput = await this.client.send(
            new BatchGetItemCommand({ RequestItems: { [this.tableName]: { Keys: pending, ConsistentRead: true } } }),
          );
          for (const item of result.Responses?.[this.tableName] ?? []) found.set(keyOf(keyOfItem(item)), fromItem<T>(item));
          pending = result.UnprocessedKeys?.[this.tableName]?.Keys;
          if (pending?.length) await new Promise((resolve) => setTimeout(resolve, 2 ** attempt * 20));
        }
      }),
    );
    return keys.map((key) => found.get(keyOf(key)));
  }
}

/**
 * The catalogue port: single-item records with optimistic concurrency, plus one ordered index
 * for listings. One implementation (DynamoDB, dynamo-catalogue-store.ts) serves AWS and the
 * local emulator alike. No transactions, TTL or streams (the emulator has none); batched
 * unconditional writes (putNew) are the one bulk write.
 */
export interface RecordKey {
  pk: string;
  sk: string;
}

/** Where a record appears in a listing: partition `list`, ordered by `order`. */
export interface ListingEntry {
  list: string;
  order: string;
}

export interface StoredRecord<T> {
  value: T;
  /** Starts at 1 and increases by one with every successful write. */
  version: number;
}

export interface NewRecord<T> {
  key: RecordKey;
  value: T;
  listing?: ListingEntry;
}

export interface ListPage<T> {
  items: StoredRecord<T>[];
  /** Opaque position to continue from, absent on the last page. */
  next?: string;
  /** The records asked for with `alsoRead`, in its order; undefined where none is stored. */
  alsoRead?: Array<StoredRecord<unknown> | undefined>;
}

export interface ListOptions {
  limit: number;
  after?: string;
  prefix?: string;
  /**
   * Other records to read in the same consistent batch as the page's items: one round trip fewer
   * for a caller that needs both (a dataset page: the dataset and its resources).
   */
  alsoRead?: RecordKey[];
}

export interface CatalogueStore {
  get<T>(key: RecordKey): Promise<StoredRecord<T> | undefined>;
  /** Several records read consistently (batched), in the order of `keys`; undefined where none is stored. */
  getMany<T>(keys: RecordKey[]): Promise<Array<StoredRecord<T> | undefined>>;
  /** Writes version 1; throws RecordExistsError if the key is taken. */
  create<T>(key: RecordKey, value: T, listing?: ListingEntry): Promise<StoredRecord<T>>;
  /** Writes version expected+1 only if the stored version is still `expectedVersion`; else VersionConflictError. */
  replace<T>(key: RecordKey, value: T, expectedVersion: number, listing?: ListingEntry): Promise<StoredRecord<T>>;
  /**
   * Writes version 1 of each record, batched and without a condition: only for keys the caller
   * knows to be free or its own to take (fresh random ids, or keys it has just checked and alone
   * writes). Each record is written whole or not at all, but not all of them together.
   */
  putNew<T>(records: ReadonlyArray<NewRecord<T>>): Promise<void>;
  /** Deletes only if the stored version is `expectedVersion` (when given). */
  remove(key: RecordKey, expectedVersion?: number): Promise<void>;
  /** One page of a listing, in order; `prefix` keeps only entries whose order starts with it. */
  list<T>(list: string, options: ListOptions): Promise<ListPage<T>>;
}

export class RecordExistsError extends Error {
  constructor(key: RecordKey, options?: { cause?: unknown }) {
    super(`record ${key.pk}/${key.sk} already exists`, options);
    this.name = 'RecordExistsError';
  }
}

export class VersionConflictError extends Error {
  constructor(key: RecordKey, options?: { cause?: unknown }) {
    super(`record ${key.pk}/${key.sk} changed or vanished`, options);
    this.name = 'VersionConflictError';
  }
}

/** A listing position that this store did not hand out. */
export class InvalidPositionError extends Error {
  constructor() {
    super('invalid listing position');
    this.name = 'InvalidPositionError';
  }
}

/** Reads every page of a listing; for small lists (organisations, a catalogue of thousands). */
export const listAll = async <T>(store: CatalogueStore, list: string, options: { prefix?: string; pageSize?: number } = {}): Promise<StoredRecord<T>[]> => {
  const all: StoredRecord<T>[] = [];
  let after: string | undefined;
  do {
    const page = await store.list<T>(list, { limit: options.pageSize ?? 1000, after, prefix: options.prefix });
    all.push(...page.items);
    after = page.next;
  } while (after);
  return all;
};

/**
 * Read-modify-write with optimistic concurrency: re-reads and re-applies `change` when another
 * writer got there first. `change` returns undefined to leave the record as it is.
 */
export const mutate = async <T>(
  store: CatalogueStore,
  key: RecordKey,
  change: (current: T) => T | undefined,
  listing?: (value: T) => ListingEntry | undefined,
  attempts = 20,
): Promise<StoredRecord<T> | undefined> => {
  for (let attempt = 0; attempt < attempts; attempt++) {
    const current = await store.get<T>(key);
    if (!current) return undefined;
    const next = change(current.value);
    if (next === undefined) return current;
    try {
      return await store.replace(key, next, current.version, listing?.(next));
    } catch (error) {
      if (!(error instanceof VersionConflictError)) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * (attempt + 1)));
    }
  }
  throw new Error(`gave up updating ${key.pk}/${key.sk} after ${attempts} conflicting writes`);
};

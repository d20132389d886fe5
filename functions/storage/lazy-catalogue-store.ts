import type { CatalogueStore } from './catalogue-store';

/**
 * A catalogue store made on its first call. DynamoDB's SDK client is the largest single part of
 * what a Lambda would otherwise read and compile at its cold start; a request that never reads
 * the catalogue (health, the API reference, a 405) never loads it.
 */
export const lazyCatalogueStore = (make: () => CatalogueStore): CatalogueStore => {
  let store: CatalogueStore | undefined;
  const made = (): CatalogueStore => {
    store ??= make();
    return store;
  };
  return {
    get: (key) => made().get(key),
    getMany: (keys) => made().getMany(keys),
    create: (key, value, listing) => made().create(key, value, listing),
    replace: (key, value, expectedVersion, listing) => made().replace(key, value, expectedVersion, listing),
    putNew: (records) => made().putNew(records),
    remove: (key, expectedVersion) => made().remove(key, expectedVersion),
    list: (list, options) => made().list(list, options),
  };
};

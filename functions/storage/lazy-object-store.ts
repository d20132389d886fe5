import type { ObjectStore } from './object-store';

/**
 * An object store made on its first call. The S3 store's SDK client (and the lib-storage and
 * presigner packages under it) are a large share of what a Lambda would otherwise read and compile
 * at its cold start, and many requests (health, search, dataset metadata) never touch S3.
 */
export const lazyObjectStore = (make: () => ObjectStore): ObjectStore => {
  let store: ObjectStore | undefined;
  const made = (): ObjectStore => {
    store ??= make();
    return store;
  };
  return {
    put: (location, body, options) => made().put(location, body, options),
    get: (location) => made().get(location),
    head: (location) => made().head(location),
    copy: (from, to) => made().copy(from, to),
    presignGet: (location, options) => made().presignGet(location, options),
    presignPut: (location, options) => made().presignPut(location, options),
    startMultipart: (location, options) => made().startMultipart(location, options),
    presignPart: (location, multipartId, partNumber, options) => made().presignPart(location, multipartId, partNumber, options),
    completeMultipart: (location, multipartId, parts) => made().completeMultipart(location, multipartId, parts),
  };
};

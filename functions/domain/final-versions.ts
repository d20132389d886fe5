import type { DomainContext } from './context';
import type { ResourceVersion } from './version-records';
import type { RecordKey, StoredRecord } from '../storage/catalogue-store';

/**
 * Version records that can no longer change, kept per process. A version is written once while
 * validating and once more when it ends (endVersion replaces it only while it is still
 * validating); a published or failed record is never written again, and no version record is
 * ever deleted. So a final record read once is the record for good, and pages, maps, rows and
 * downloads need not read it again. This keeps records, not decisions: every caller still passes
 * the tier policy before a version is looked up. Per context (tests run several exchanges in
 * one process), least recently used first out.
 */
const KEPT_PER_CONTEXT = 2000;
const kept = new WeakMap<DomainContext, Map<string, StoredRecord<ResourceVersion>>>();

const keyOf = (key: RecordKey): string => `${key.pk}\u0000${key.sk}`;

export const keptFinalVersion = (ctx: DomainContext, key: RecordKey): StoredRecord<ResourceVersion> | undefined => {
  const versions = kept.get(ctx);
  const found = versions?.get(keyOf(key));
  if (versions && found) {
    versions.delete(keyOf(key));
    versions.set(keyOf(key), found);
  }
  return found;
};

/** Keeps the record if it is final; a validating one may still change and is not kept. */
export const keepIfFinal = (ctx: DomainContext, key: RecordKey, record: StoredRecord<ResourceVersion> | undefined): void => {
  if (!record || record.value.state === 'validating') return;
  let versions = kept.get(ctx);
  if (!versions) kept.set(ctx, (versions = new Map()));
  if (versions.size >= KEPT_PER_CONTEXT) versions.delete(versions.keys().next().value!);
  versions.set(keyOf(key), record);
};

/**
 * Several version records in the order of `keys`: kept ones from memory, the rest in one batched
 * read (those that are final are then kept). A record still validating is returned as stored.
 */
export const readVersionsKeepingFinal = async (ctx: DomainContext, keys: RecordKey[]): Promise<Array<StoredRecord<ResourceVersion> | undefined>> => {
  const found = keys.map((key) => keptFinalVersion(ctx, key));
  const missing = keys.flatMap((_, i) => (found[i] ? [] : [i]));
  if (missing.length === 0) return found;
  const read = await ctx.catalogue.getMany<ResourceVersion>(missing.map((i) => keys[i]));
  missing.forEach((at, i) => {
    found[at] = read[i];
    keepIfFinal(ctx, keys[at], read[i]);
  });
  return found;
};

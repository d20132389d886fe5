import type { DomainContext } from './context';
import type { Tier } from './policy';

/**
 * Dataset ids by name, kept per process, so a request naming a dataset reads its record without
 * first reading the name's claim. A name never changes, never passes to another dataset and is
 * never released (deletion keeps it: no URL is reused); only a claim whose dataset was never
 * written is taken over, and such a name is never kept here (only names read from a dataset
 * record are). So a name's id, once read, is its id for good. This keeps ids, not records: the
 * dataset's record (its tier, its deletion) is read on every request as before.
 *
 * Only names of datasets anyone may see are kept. A kept name is answered one read sooner, and a
 * name nobody holds takes the same reads as a hidden dataset's (datasets.ts): keeping a private
 * dataset's name would let a caller tell by timing that it exists. A name kept while it was
 * visible tells no more than was public then.
 */
const KEPT_PER_CONTEXT = 5000;
const kept = new WeakMap<DomainContext, Map<string, string>>();

export const rememberedDatasetId = (ctx: DomainContext, name: string): string | undefined => kept.get(ctx)?.get(name);

/** Keeps the id of a dataset record just read under `name`, if anyone may see that dataset. */
export const rememberDatasetName = (ctx: DomainContext, name: string, dataset: { id: string; name: string; tier: Tier; deletedAt?: string }): void => {
  if (dataset.name !== name || dataset.tier === 'private' || dataset.deletedAt) return;
  let names = kept.get(ctx);
  if (!names) kept.set(ctx, (names = new Map()));
  if (names.has(name)) return;
  if (names.size >= KEPT_PER_CONTEXT) names.delete(names.keys().next().value!);
  names.set(name, dataset.id);
};

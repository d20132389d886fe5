import type { DomainContext } from '../domain/context';
import { checkHarvestedDataset, type Dataset, datasetRecords, type NameClaim } from '../domain/datasets';
import { mapWithLimit } from '../search/map-limit';
import { type StoredRecord, VersionConflictError } from '../storage/catalogue-store';
import { messageOf } from './run-errors';

/**
 * A harvest run's writes of its datasets' records, many at a time. The caller announces them to
 * search (announceBulkChange); these only write. Each returns the failures by dataset id: a record
 * that fails is that record's error in the run, never the others'.
 *
 * New records are written with batched unconditional puts, after checking their names: a
 * harvested name is the source's (its hash is of the source's id and the record's identifier, and
 * the `h--` prefix is refused to native datasets) and one run of a source goes at a time
 * (schedule.ts), so a claim on it that no dataset holds is this source's own from a run that died
 * between the claim and the record: it is taken over. A name whose dataset exists (a deleted
 * record's tombstone, say) is never taken. The claim is written before the record, so a record
 * never exists without its name.
 */

/** Updates in flight at once: each is a conditional write of its own. */
const REPLACE_CONCURRENCY = 8;

/** Datasets that pass the checks, and the failures of those that do not. */
const checked = (datasets: readonly Dataset[], failures: Map<string, string>): Dataset[] =>
  datasets.filter((dataset) => {
    try {
      checkHarvestedDataset(dataset);
      return true;
    } catch (error) {
      failures.set(dataset.id, messageOf(error));
      return false;
    }
  });

/** Creates new harvested datasets (fresh ids). */
export const createHarvestedDatasets = async (ctx: DomainContext, datasets: readonly Dataset[]): Promise<Map<string, string>> => {
  const failures = new Map<string, string>();
  const valid = checked(datasets, failures);
  const claims = await ctx.catalogue.getMany<NameClaim>(valid.map((d) => datasetRecords.nameKey(d.name)));
  const holders = await ctx.catalogue.getMany<Dataset>(claims.flatMap((claim) => (claim ? [datasetRecords.key(claim.value.datasetId)] : [])));
  const held = new Set(holders.flatMap((holder) => (holder ? [holder.value.id] : [])));
  const free = valid.filter((dataset, i) => {
    const claim = claims[i];
    if (claim && held.has(claim.value.datasetId)) failures.set(dataset.id, `The name '${dataset.name}' is already taken.`);
    return !claim || !held.has(claim.value.datasetId);
  });
  const claimedAt = ctx.now().toISOString();
  try {
    await ctx.catalogue.putNew<NameClaim>(free.map((d) => ({ key: datasetRecords.nameKey(d.name), value: { datasetId: d.id, claimedAt } })));
    await ctx.catalogue.putNew<Dataset>(free.map((d) => ({ key: datasetRecords.key(d.id), value: d, listing: datasetRecords.listing(d) })));
  } catch (error) {
    // Some may be written: the next run finds those by provenance and takes over the bare claims.
    for (const dataset of free) failures.set(dataset.id, messageOf(error));
  }
  return failures;
};

/** Replaces harvested datasets, each only if it is still the version the run read. */
export const replaceHarvestedDatasets = async (
  ctx: DomainContext,
  replacements: ReadonlyArray<{ dataset: Dataset; version: number }>,
): Promise<Map<string, string>> => {
  const failures = new Map<string, string>();
  const valid = new Set(
    checked(
      replacements.map((r) => r.dataset),
      failures,
    ),
  );
  await mapWithLimit(
    replacements.filter((r) => valid.has(r.dataset)),
    REPLACE_CONCURRENCY,
    async ({ dataset, version }): Promise<StoredRecord<Dataset> | undefined> => {
      try {
        return await ctx.catalogue.replace(datasetRecords.key(dataset.id), dataset, version, datasetRecords.listing(dataset));
      } catch (error) {
        const message = error instanceof VersionConflictError ? 'the record changed during the run (it is taken again next run)' : messageOf(error);
        failures.set(dataset.id, message);
        return undefined;
      }
    },
  );
  return failures;
};

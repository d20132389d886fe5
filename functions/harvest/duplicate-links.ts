import type { Caller } from '../domain/caller';
import type { DomainContext } from '../domain/context';
import type { AlsoHarvestedFrom } from '../domain/dataset-provenance';
import { type Dataset, getDataset, replaceHarvestedDataset } from '../domain/datasets';
import { ExchangeError } from '../domain/errors';

/**
 * Keeps the dataset that stands for a record (see same-dataset.ts) listing the other sources'
 * records of it: each record that points at it with `duplicateOf` is one entry of its
 * `provenance.alsoHarvestedFrom`. Another source's run may change the same record at the same
 * time, so each change re-reads it and retries on a version conflict.
 */

const harvester: Caller = { kind: 'platform-admin' };
const ATTEMPTS = 4;

const isConflict = (error: unknown): boolean => error instanceof ExchangeError && error.code === 'precondition_failed';

const changeStanding = async (ctx: DomainContext, name: string, change: (list: AlsoHarvestedFrom[]) => AlsoHarvestedFrom[] | undefined): Promise<void> => {
  for (let attempt = 1; ; attempt++) {
    let found: Awaited<ReturnType<typeof getDataset>>;
    try {
      found = await getDataset(ctx, harvester, name);
    } catch (error) {
      if (error instanceof ExchangeError && error.code === 'not_found') return;
      throw error;
    }
    const provenance = found.value.provenance;
    if (!provenance) return;
    const next = change(provenance.alsoHarvestedFrom ?? []);
    if (!next) return;
    const { alsoHarvestedFrom: _, ...rest } = provenance;
    const dataset: Dataset = { ...found.value, provenance: next.length > 0 ? { ...rest, alsoHarvestedFrom: next } : rest };
    try {
      await replaceHarvestedDataset(ctx, dataset, found.version);
      return;
    } catch (error) {
      if (!isConflict(error) || attempt >= ATTEMPTS) throw error;
    }
  }
};

const sameEntry = (a: AlsoHarvestedFrom, b: AlsoHarvestedFrom): boolean => a.dataset === b.dataset;
const equalEntries = (a: AlsoHarvestedFrom, b: AlsoHarvestedFrom): boolean => JSON.stringify(a) === JSON.stringify(b);

/** Adds (or refreshes) the record's entry on the dataset named `standing`. */
export const linkDuplicate = (ctx: DomainContext, standing: string, entry: AlsoHarvestedFrom): Promise<void> =>
  changeStanding(ctx, standing, (list) => {
    const current = list.find((e) => sameEntry(e, entry));
    if (current && equalEntries(current, entry)) return undefined;
    return [...list.filter((e) => !sameEntry(e, entry)), entry];
  });

/** Removes the record named `duplicate` from the dataset named `standing`. */
export const unlinkDuplicate = (ctx: DomainContext, standing: string, duplicate: string): Promise<void> =>
  changeStanding(ctx, standing, (list) => (list.some((e) => e.dataset === duplicate) ? list.filter((e) => e.dataset !== duplicate) : undefined));

export const entryFor = (record: Dataset, matchedBy: AlsoHarvestedFrom['matchedBy']): AlsoHarvestedFrom => {
  const provenance = record.provenance!;
  return {
    sourceId: provenance.sourceId,
    sourceKind: provenance.sourceKind,
    identifier: provenance.identifier,
    ...(provenance.recordUrl ? { recordUrl: provenance.recordUrl } : {}),
    dataset: record.name,
    matchedBy,
  };
};

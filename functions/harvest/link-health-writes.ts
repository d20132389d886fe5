import type { Caller } from '../domain/caller';
import type { DomainContext } from '../domain/context';
import { type Dataset, getDataset, replaceHarvestedDataset } from '../domain/datasets';
import { ExchangeError } from '../domain/errors';
import { overdueSince } from './freshness';
import type { LinkHealth } from './link-check';

/**
 * Writes link health onto a harvested dataset: each linked resource's `check`, and the dataset's
 * overdue flag (provenance.overdueSince). Only when something changed; a harvest run writing the
 * same record meanwhile makes this re-read it and apply the checks again.
 */

const checker: Caller = { kind: 'platform-admin' };

/** The dataset with the checks applied by URL and its overdue flag brought up to date. */
export const withHealth = (dataset: Dataset, results: ReadonlyMap<string, LinkHealth>, now: Date): Dataset => {
  const provenance = dataset.provenance!;
  const { overdueSince: _, ...rest } = provenance;
  const since = overdueSince(dataset.updateFrequency, provenance.lastChangedAtSource, now);
  return {
    ...dataset,
    linkedResources: (dataset.linkedResources ?? []).map((resource) => {
      const health = results.get(resource.url);
      return health ? { ...resource, check: health } : resource;
    }),
    provenance: since ? { ...rest, overdueSince: since } : rest,
  };
};

const same = (a: Dataset, b: Dataset): boolean => JSON.stringify(a) === JSON.stringify(b);

export const writeLinkHealth = async (ctx: DomainContext, dataset: Dataset, results: ReadonlyMap<string, LinkHealth>): Promise<boolean> => {
  // Most datasets have nothing new: decided on the listed copy, without reading the record again.
  if (same(withHealth(dataset, results, ctx.now()), dataset)) return false;
  for (let attempt = 1; attempt <= 3; attempt++) {
    let found: Awaited<ReturnType<typeof getDataset>>;
    try {
      found = await getDataset(ctx, checker, dataset.id);
    } catch (error) {
      if (error instanceof ExchangeError && error.code === 'not_found') return false;
      throw error;
    }
    if (!found.value.provenance || found.value.provenance.withdrawnAt) return false;
    const next = withHealth(found.value, results, ctx.now());
    if (same(next, found.value)) return false;
    try {
      await replaceHarvestedDataset(ctx, next, found.version);
      return true;
    } catch (error) {
      if (!(error instanceof ExchangeError && error.code === 'precondition_failed') || attempt === 3) throw error;
    }
  }
  return false;
};

/**
 * A version's impact report as one caller may see it: only datasets whose metadata the policy
 * shows them. The stored report names every declaring dataset, private ones included, because the
 * stewards' decision needs them all; the public history must not. Its problems quote cells, so
 * they go only to callers who may read the data itself.
 */
import type { Caller } from '../domain/caller';
import type { DomainContext } from '../domain/context';
import { mayReadDataNow } from '../domain/data-access';
import { getVisibleDatasets } from '../domain/datasets';
import type { SchemaVersionEntry } from './schema-versions';
import type { ImpactEntry, ImpactReport } from './version-records';

export interface ImpactSummary {
  checkedAt: string;
  conforms: number;
  fails: number;
  noData: number;
}

export const visibleImpact = async (ctx: DomainContext, caller: Caller, entry: SchemaVersionEntry): Promise<ImpactReport | undefined> => {
  if (!entry.impact) return undefined;
  const ids = [...new Set(entry.impact.datasets.map((d) => d.datasetId))];
  const visible = await getVisibleDatasets(ctx, caller, ids);
  // The problems quote cell values: they are data, shown only to callers who may read the data.
  const readable = new Set<string>();
  for (const { value: dataset } of visible) if (await mayReadDataNow(ctx, caller, dataset)) readable.add(dataset.id);
  const seen = new Set(visible.map((record) => record.value.id));
  const datasets = entry.impact.datasets.filter((d) => seen.has(d.datasetId)).map((d) => (readable.has(d.datasetId) ? d : withoutProblems(d)));
  return { checkedAt: entry.impact.checkedAt, datasets };
};

const withoutProblems = ({ errors: _problems, ...rest }: ImpactEntry): ImpactEntry => rest;

export const summariseImpact = (impact: ImpactReport): ImpactSummary => ({
  checkedAt: impact.checkedAt,
  conforms: impact.datasets.filter((d) => d.outcome === 'conforms').length,
  fails: impact.datasets.filter((d) => d.outcome === 'fails').length,
  noData: impact.datasets.filter((d) => d.outcome === 'no-data').length,
});

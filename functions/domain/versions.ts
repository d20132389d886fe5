import type { DomainContext } from './context';
import { keepIfFinal, keptFinalVersion } from './final-versions';
import type { Resource } from './resources';
import { type ResourceVersion, versionKey } from './version-records';
import { settleOverdueVersion } from './version-outcome';
import { listAll, type StoredRecord } from '../storage/catalogue-store';

export * from './version-records';

/** Every version, oldest first; one still validating past its deadline is ended first (see version-outcome.ts). */
export const listVersions = async (ctx: DomainContext, resource: Resource): Promise<StoredRecord<ResourceVersion>[]> => {
  const versions = await listAll<ResourceVersion>(ctx.catalogue, `VERSIONS#${resource.datasetId}#${resource.name}`);
  return Promise.all(versions.map((v) => (v.value.state === 'validating' ? settleOverdueVersion(ctx, resource.datasetId, resource.name, v) : v)));
};

/** One version; a final (published or failed) record is read once per process (final-versions.ts says why that is safe). */
export const findVersion = async (ctx: DomainContext, resource: Resource, version: number): Promise<StoredRecord<ResourceVersion> | undefined> => {
  const key = versionKey(resource.datasetId, resource.name, version);
  const kept = keptFinalVersion(ctx, key);
  if (kept) return kept;
  const found = await ctx.catalogue.get<ResourceVersion>(key);
  const settled = found?.value.state === 'validating' ? await settleOverdueVersion(ctx, resource.datasetId, resource.name, found) : found;
  keepIfFinal(ctx, key, settled);
  return settled;
};

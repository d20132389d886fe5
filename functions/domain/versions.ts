import type { DomainContext } from './context';
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

export const findVersion = async (ctx: DomainContext, resource: Resource, version: number): Promise<StoredRecord<ResourceVersion> | undefined> => {
  const found = await ctx.catalogue.get<ResourceVersion>(versionKey(resource.datasetId, resource.name, version));
  return found?.value.state === 'validating' ? settleOverdueVersion(ctx, resource.datasetId, resource.name, found) : found;
};

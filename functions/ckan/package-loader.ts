import type { DomainContext } from '../domain/context';
import type { Dataset } from '../domain/datasets';
import { findOrganisation, type Organisation } from '../domain/organisations';
import { listResources, type Resource } from '../domain/resources';
import { findVersion } from '../domain/versions';
import type { StoredRecord } from '../storage/catalogue-store';
import { mapWithLimit } from '../search/map-limit';
import type { CkanActionContext } from './action-types';
import { packageDict, type PackageDict, type ResourceFacts } from './ckan-dicts';

/** Whether the resource's current version is published with a Parquet file (what row queries read). */
export const hasDatastore = async (ctx: DomainContext, resource: Resource): Promise<boolean> => {
  if (!resource.current) return false;
  const version = await findVersion(ctx, resource, resource.current.version);
  return version?.value.state === 'published' && Boolean(version.value.objects?.parquet);
};

export const resourceFacts = async (ctx: DomainContext, resource: StoredRecord<Resource>): Promise<ResourceFacts> => ({
  resource,
  datastoreActive: await hasDatastore(ctx, resource.value),
});

/** Organisations looked up once per request, however many packages name them. */
export type OrganisationCache = Map<string, Promise<Organisation | undefined>>;

const organisationOf = (ctx: DomainContext, id: string, cache: OrganisationCache): Promise<Organisation | undefined> => {
  let found = cache.get(id);
  if (!found) cache.set(id, (found = findOrganisation(ctx, id).then((o) => o?.value)));
  return found;
};

/**
 * The package dictionary of a dataset the caller may see (it came from getDataset or a search,
 * which applied the policy). Resources are metadata: they are shown wherever the dataset is.
 */
export const loadPackage = async (ctx: CkanActionContext, dataset: StoredRecord<Dataset>, cache: OrganisationCache = new Map()): Promise<PackageDict> => {
  const [resources, organisation] = await Promise.all([listResources(ctx.domain, dataset.value), organisationOf(ctx.domain, dataset.value.organisation, cache)]);
  const facts = await Promise.all(resources.map((r) => resourceFacts(ctx.domain, r)));
  return packageDict(dataset, organisation, facts, ctx.urls);
};

export const loadPackages = (ctx: CkanActionContext, datasets: StoredRecord<Dataset>[]): Promise<PackageDict[]> => {
  const cache: OrganisationCache = new Map();
  return mapWithLimit(datasets, 8, (dataset) => loadPackage(ctx, dataset, cache));
};

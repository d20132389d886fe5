import type { DomainContext } from '../domain/context';
import type { Dataset } from '../domain/datasets';
import { type Organisation, organisationsById } from '../domain/organisations';
import { readVersionsKeepingFinal } from '../domain/final-versions';
import { resourceListing } from '../domain/resource-keys';
import { listResources, type Resource, resourceKey } from '../domain/resources';
import { settleOverdueResource } from '../domain/version-outcome';
import { findVersion } from '../domain/versions';
import { type ResourceVersion, versionKey } from '../domain/version-records';
import type { StoredRecord } from '../storage/catalogue-store';
import { mapWithLimit } from '../search/map-limit';
import { type IndexedResources, indexedResourceNames } from '../search/indexed-resources';
import type { SearchHit } from '../search/search-query';
import type { CkanActionContext } from './action-types';
import { packageDict, type PackageDict, type ResourceFacts } from './ckan-dicts';

/** What a resource's current version offers: a Parquet file (what row queries read) and the normalised UTF-8 CSV. */
const versionFacts = (resource: StoredRecord<Resource>, version: StoredRecord<ResourceVersion> | undefined): ResourceFacts => {
  const objects = version?.value.state === 'published' ? version.value.objects : undefined;
  return { resource, datastoreActive: Boolean(objects?.parquet), ...(objects?.csv ? { normalisedCsvBytes: objects.csv.bytes } : {}) };
};

/** Whether the resource's current version is published with a Parquet file. */
export const hasDatastore = async (ctx: DomainContext, resource: Resource): Promise<boolean> =>
  resource.current ? Boolean((await findVersion(ctx, resource, resource.current.version))?.value.objects?.parquet) : false;

export const resourceFacts = async (ctx: DomainContext, resource: StoredRecord<Resource>): Promise<ResourceFacts> =>
  versionFacts(resource, resource.value.current ? await findVersion(ctx, resource.value, resource.value.current.version) : undefined);

/**
 * The facts of many resources with at most one batched read of their current versions (final
 * versions already read are kept: they never change). A current
 * version is published (the pointer only ever moves to a published one), so unlike findVersion
 * there is no overdue validation to settle here.
 */
const resourcesFacts = async (ctx: DomainContext, resources: StoredRecord<Resource>[]): Promise<ResourceFacts[]> => {
  const withCurrent = resources.filter((r) => r.value.current);
  const versions = await readVersionsKeepingFinal(
    ctx,
    withCurrent.map(({ value: r }) => versionKey(r.datasetId, r.name, r.current!.version)),
  );
  const found = new Map(withCurrent.map((r, i) => [r, versions[i]]));
  return resources.map((resource) => versionFacts(resource, found.get(resource)));
};

/** Organisations in at most one batched read, however many packages name them (records already read are kept: they never change). */
const organisationsOf = (ctx: DomainContext, datasets: StoredRecord<Dataset>[]): Promise<Map<string, Organisation>> =>
  organisationsById(
    ctx,
    datasets.map((d) => d.value.organisation),
  );

/** A resource's place in a batch of pre-read records. */
const resourceId = (datasetId: string, name: string) => `${datasetId}\u0000${name}`;

/** The resources the hits' documents name, for reading in the same batch as the page's datasets (searchDatasets' alsoRead). */
export const indexedResourceKeys = (hits: SearchHit[]) =>
  [...indexedResourceNames(hits)].flatMap(([datasetId, { names }]) => names.map((name) => resourceKey(datasetId, name)));

/** Records read with the page's datasets (in indexedResourceKeys(hits)'s order), by dataset and resource name. */
export const preReadResources = (hits: SearchHit[], read: Array<StoredRecord<unknown> | undefined>): PreRead => {
  const preRead: PreRead = new Map();
  let at = 0;
  for (const [datasetId, { names }] of indexedResourceNames(hits)) {
    for (const name of names) preRead.set(resourceId(datasetId, name), read[at++] as StoredRecord<Resource> | undefined);
  }
  // Records read for other keys would be taken for missing resources, and resources left out.
  if (at !== read.length) throw new Error(`${read.length} records pre-read for ${at} indexed resources`);
  return preRead;
};

type PreRead = Map<string, StoredRecord<Resource> | undefined>;

const resourcesOf = async (
  ctx: DomainContext,
  datasets: StoredRecord<Dataset>[],
  indexed: IndexedResources,
  preRead: PreRead,
): Promise<StoredRecord<Resource>[][]> => {
  const named = datasets.map((d) => {
    const entry = indexed.get(d.value.id);
    return entry && entry.datasetVersion === d.version ? entry.names : undefined;
  });
  // Resources read beside the datasets are used as they are; any other the documents name is read now.
  const keys = datasets.flatMap((d, i) =>
    (named[i] ?? []).filter((name) => !preRead.has(resourceId(d.value.id, name))).map((name) => resourceKey(d.value.id, name)),
  );
  const [readNow, listed] = await Promise.all([
    keys.length > 0 ? ctx.catalogue.getMany<Resource>(keys) : Promise.resolve([]),
    mapWithLimit(
      datasets.map((d, i) => ({ d, i })),
      8,
      ({ d, i }) => (named[i] ? Promise.resolve([]) : listResources(ctx, d.value)),
    ),
  ]);
  let now = 0;
  const read = datasets.flatMap((d, i) =>
    (named[i] ?? []).map((name) => {
      const id = resourceId(d.value.id, name);
      return preRead.has(id) ? preRead.get(id) : readNow[now++];
    }),
  );
  let at = 0;
  const lists = datasets.map((_, i) => {
    const names = named[i];
    if (!names) return listed[i];
    // A resource deleted since the document was built reads as nothing and is left out.
    const own = read.slice(at, (at += names.length)).filter((r): r is StoredRecord<Resource> => r !== undefined);
    // In the listing's order, so positions are the same whichever way the resources were read.
    own.sort((a, b) => (resourceListing(a.value).order < resourceListing(b.value).order ? -1 : 1));
    return own;
  });
  // A resource read here still validating may be overdue: settled before it is shown (listResources settles its own).
  // Most pages have none, and skip a promise per dataset and resource.
  const unsettled = (i: number) => named[i] !== undefined && lists[i].some((r) => r.value.status === 'validating');
  if (!lists.some((_, i) => unsettled(i))) return lists;
  return Promise.all(
    lists.map((list, i) => (unsettled(i) ? Promise.all(list.map((r) => (r.value.status === 'validating' ? settleOverdueResource(ctx, r) : r))) : list)),
  );
};

/**
 * The package dictionaries of datasets the caller may see (they came from getDataset or a
 * search, which applied the policy). Resources are metadata: they are shown wherever the
 * dataset is. A page of search results costs one batched read of the resources the index names
 * (none when the search read them with the datasets: `preRead`, from preReadResources; a listing
 * read only for a dataset whose document is out of date), one of the organisations
 * not read before (they never change) and one of the current versions behind datastore_active.
 */
export const loadPackages = async (
  ctx: CkanActionContext,
  datasets: StoredRecord<Dataset>[],
  hits: SearchHit[] = [],
  preRead: PreRead = new Map(),
): Promise<PackageDict[]> => {
  if (datasets.length === 0) return [];
  const [resourceLists, organisations] = await Promise.all([
    resourcesOf(ctx.domain, datasets, indexedResourceNames(hits), preRead),
    organisationsOf(ctx.domain, datasets),
  ]);
  const facts = await resourcesFacts(ctx.domain, resourceLists.flat());
  let at = 0;
  return datasets.map((dataset, i) => {
    const own = facts.slice(at, (at += resourceLists[i].length));
    return packageDict(dataset, organisations.get(dataset.value.organisation), own, ctx.urls);
  });
};

export const loadPackage = async (ctx: CkanActionContext, dataset: StoredRecord<Dataset>): Promise<PackageDict> => (await loadPackages(ctx, [dataset]))[0];

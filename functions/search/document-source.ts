import type { Caller } from '../domain/caller';
import type { DomainContext } from '../domain/context';
import { DATASETS, type Dataset, getVisibleDatasets } from '../domain/datasets';
import { findOrganisation, listOrganisations } from '../domain/organisations';
import { listResources } from '../domain/resources';
import { listAll } from '../storage/catalogue-store';
import { mapWithLimit } from './map-limit';
import { buildSearchDocument, type SearchDocument } from './search-document';

/** The indexer sees every live dataset; the policy is applied per caller at query time. */
const indexer: Caller = { kind: 'platform-admin' };

const READ_CONCURRENCY = 16;

/** Documents for the whole catalogue: the fallback when no usable snapshot exists. */
export const loadAllSearchDocuments = async (ctx: DomainContext): Promise<SearchDocument[]> => {
  const [datasets, organisations] = await Promise.all([listAll<Dataset>(ctx.catalogue, DATASETS), listOrganisations(ctx)]);
  const names = new Map(organisations.map((o) => [o.value.id, o.value.name]));
  const live = datasets.filter((d) => !d.value.deletedAt && !d.value.provenance?.withdrawnAt && !d.value.provenance?.duplicateOf);
  return mapWithLimit(live, READ_CONCURRENCY, async (dataset) =>
    buildSearchDocument(dataset, await listResources(ctx, dataset.value), names.get(dataset.value.organisation)),
  );
};

/**
 * Current documents for a set of datasets, read consistently: `undefined` marks one to remove. The
 * records are read in batches; `withoutResources` are datasets known to have none (just created),
 * whose resource listing is not read.
 */
export const loadSearchDocuments = async (
  ctx: DomainContext,
  datasetIds: string[],
  withoutResources: ReadonlySet<string> = new Set(),
): Promise<Array<[string, SearchDocument | undefined]>> => {
  const records = await getVisibleDatasets(ctx, indexer, datasetIds);
  const byId = new Map(records.map((record) => [record.value.id, record]));
  const organisationNames = new Map<string, Promise<string | undefined>>();
  const organisationName = (id: string) => {
    let name = organisationNames.get(id);
    if (!name) organisationNames.set(id, (name = findOrganisation(ctx, id).then((o) => o?.value.name)));
    return name;
  };
  return mapWithLimit(datasetIds, READ_CONCURRENCY, async (id) => {
    const dataset = byId.get(id);
    // A harvested dataset its source no longer lists, or another source's record of the same dataset, is kept but not found by search.
    if (!dataset || dataset.value.provenance?.withdrawnAt || dataset.value.provenance?.duplicateOf) return [id, undefined] as [string, undefined];
    const [resources, name] = await Promise.all([
      withoutResources.has(id) ? [] : listResources(ctx, dataset.value),
      organisationName(dataset.value.organisation),
    ]);
    return [id, buildSearchDocument(dataset, resources, name)] as [string, SearchDocument];
  });
};

import type { Caller } from '../domain/caller';
import type { DomainContext } from '../domain/context';
import { DATASETS, type Dataset, getDataset } from '../domain/datasets';
import { ExchangeError } from '../domain/errors';
import { findOrganisation, listOrganisations } from '../domain/organisations';
import { listResources } from '../domain/resources';
import { listAll, type StoredRecord } from '../storage/catalogue-store';
import { mapWithLimit } from './map-limit';
import { buildSearchDocument, type SearchDocument } from './search-document';

/** The indexer sees every live dataset; the policy is applied per caller at query time. */
const indexer: Caller = { kind: 'platform-admin' };

const READ_CONCURRENCY = 16;

/** The current document of a dataset, read consistently; undefined once it is deleted (or never existed). */
export const loadSearchDocument = async (ctx: DomainContext, datasetId: string): Promise<SearchDocument | undefined> => {
  let dataset: StoredRecord<Dataset>;
  try {
    dataset = await getDataset(ctx, indexer, datasetId);
  } catch (error) {
    if (error instanceof ExchangeError && error.code === 'not_found') return undefined;
    throw error;
  }
  // A harvested dataset its source no longer lists, or another source's record of the same dataset, is kept but not found by search.
  if (dataset.value.provenance?.withdrawnAt || dataset.value.provenance?.duplicateOf) return undefined;
  const [resources, organisation] = await Promise.all([listResources(ctx, dataset.value), findOrganisation(ctx, dataset.value.organisation)]);
  return buildSearchDocument(dataset, resources, organisation?.value.name);
};

/** Documents for the whole catalogue: the fallback when no usable snapshot exists. */
export const loadAllSearchDocuments = async (ctx: DomainContext): Promise<SearchDocument[]> => {
  const [datasets, organisations] = await Promise.all([listAll<Dataset>(ctx.catalogue, DATASETS), listOrganisations(ctx)]);
  const names = new Map(organisations.map((o) => [o.value.id, o.value.name]));
  const live = datasets.filter((d) => !d.value.deletedAt && !d.value.provenance?.withdrawnAt && !d.value.provenance?.duplicateOf);
  return mapWithLimit(live, READ_CONCURRENCY, async (dataset) =>
    buildSearchDocument(dataset, await listResources(ctx, dataset.value), names.get(dataset.value.organisation)),
  );
};

/** Current documents for a set of datasets: `undefined` marks one to remove. */
export const loadSearchDocuments = async (ctx: DomainContext, datasetIds: string[]): Promise<Array<[string, SearchDocument | undefined]>> =>
  mapWithLimit(datasetIds, READ_CONCURRENCY, async (id) => [id, await loadSearchDocument(ctx, id)] as [string, SearchDocument | undefined]);

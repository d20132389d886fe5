import type { Caller } from '../domain/caller';
import type { DomainContext } from '../domain/context';
import { type Dataset, getDataset, NO_DATASET_ID } from '../domain/datasets';
import { ExchangeError, notFound } from '../domain/errors';
import { isUuid } from '../domain/identifiers';
import { listResources, type Resource } from '../domain/resources';
import { currentSearchIndex } from '../search/live-index';

/**
 * A resource by its id alone (CKAN addresses resources without their dataset), resolved as
 * CKAN's resource_show does: the search index names the dataset holding it, and the dataset is
 * then read through getDataset, so a resource the caller may not see is the same 404 as one that
 * does not exist.
 */
export const findVisibleResource = async (ctx: DomainContext, caller: Caller, resourceId: string): Promise<{ dataset: Dataset; resource: Resource }> => {
  if (!isUuid(resourceId)) throw notFound('resource');
  const datasetId = (await currentSearchIndex(ctx)).datasetIdOfResource(resourceId);
  // An id the index does not know reads a dataset too (one that cannot exist), so that it takes
  // the same reads as a resource of a dataset the caller may not see; getDataset's 404 is the answer.
  const dataset = await getDataset(ctx, caller, datasetId ?? NO_DATASET_ID).catch((error: unknown) => {
    throw error instanceof ExchangeError && error.code === 'not_found' ? notFound('resource') : error;
  });
  const resource = (await listResources(ctx, dataset.value)).find((r) => r.value.id === resourceId);
  if (!resource) throw notFound('resource');
  return { dataset: dataset.value, resource: resource.value };
};

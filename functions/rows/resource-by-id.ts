import type { Caller } from '../domain/caller';
import type { DomainContext } from '../domain/context';
import { type Dataset, getDataset } from '../domain/datasets';
import { notFound } from '../domain/errors';
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
  if (!datasetId) throw notFound('resource');
  const dataset = await getDataset(ctx, caller, datasetId);
  const resource = (await listResources(ctx, dataset.value)).find((r) => r.value.id === resourceId);
  if (!resource) throw notFound('resource');
  return { dataset: dataset.value, resource: resource.value };
};

import { getDataset, NO_DATASET_ID } from '../../domain/datasets';
import { ExchangeError } from '../../domain/errors';
import { listResources } from '../../domain/resources';
import { currentSearchIndex } from '../../search/live-index';
import type { CkanAction } from '../action-types';
import { resourceDict } from '../ckan-dicts';
import { ckanNotFound, ckanValidationError } from '../errors';
import { resourceFacts } from '../package-loader';
import { textParam } from '../params';

/**
 * resource_show: a resource by id. The index says which dataset holds it; the dataset is then read
 * through getDataset, so a resource of a dataset the caller may not see is "not found" too, after the same reads.
 */
export const resourceShow: CkanAction = async (ctx, params) => {
  const id = textParam(params, 'id')?.trim();
  if (!id) throw ckanValidationError({ id: ['Missing value'] });
  const notFound = ckanNotFound('Resource was not found.');
  const datasetId = (await currentSearchIndex(ctx.domain)).datasetIdOfResource(id);
  let dataset;
  try {
    // An id the index does not know reads a dataset too (one that cannot exist): the same reads
    // as a resource of a dataset the caller may not see.
    dataset = await getDataset(ctx.domain, ctx.caller, datasetId ?? NO_DATASET_ID);
  } catch (error) {
    if (error instanceof ExchangeError && error.code === 'not_found') throw notFound;
    throw error;
  }
  const resources = await listResources(ctx.domain, dataset.value);
  const position = resources.findIndex((r) => r.value.id === id);
  if (position < 0) throw notFound;
  return resourceDict(dataset.value, await resourceFacts(ctx.domain, resources[position]), position, ctx.urls);
};

import { getDataset, NO_DATASET_ID } from '../../domain/datasets';
import { ExchangeError } from '../../domain/errors';
import { linkedResourceId } from '../../domain/linked-resource-id';
import { listResources } from '../../domain/resources';
import { currentSearchIndex } from '../../search/live-index';
import type { CkanAction } from '../action-types';
import { linkedFiles } from '../../interop/link-health';
import { linkedResourceDict, resourceDict } from '../ckan-dicts';
import { ckanNotFound, ckanValidationError } from '../errors';
import { resourceFacts } from '../package-loader';
import { textParam } from '../params';

/**
 * resource_show: a resource by id. The index says which dataset holds it; the dataset is then read
 * through getDataset, so a resource of a dataset the caller may not see is "not found" too, after the same reads.
 * A harvested dataset's file at its source (a link resource of package_show) is answered with the
 * same dictionary and position package_show gives it.
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
  if (position >= 0) return resourceDict(dataset.value, await resourceFacts(ctx.domain, resources[position]), position, ctx.urls);
  const files = linkedFiles(dataset.value);
  const linked = files.findIndex((file) => linkedResourceId(dataset.value.id, file.url) === id);
  if (linked < 0) throw notFound;
  return linkedResourceDict(dataset.value, files[linked], resources.length + linked);
};

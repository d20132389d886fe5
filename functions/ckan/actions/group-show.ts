import { searchDatasets } from '../../search/search-datasets';
import type { CkanAction } from '../action-types';
import { groupDict, isTheme } from '../ckan-dicts';
import { ckanNotFound, ckanValidationError } from '../errors';
import { loadPackages } from '../package-loader';
import { booleanParam, textParam } from '../params';

const MAX_DATASETS = 1000;

/**
 * group_show: one theme as a CKAN group, its count of datasets the caller may see, and with
 * include_datasets those datasets (never one the caller may not see).
 */
export const groupShow: CkanAction = async (ctx, params) => {
  const id = textParam(params, 'id')?.trim();
  if (!id) throw ckanValidationError({ id: ['Missing value'] });
  if (!isTheme(id)) throw ckanNotFound('Group was not found.');
  const includeDatasets = booleanParam(params, 'include_datasets', false);
  const found = await searchDatasets(ctx.domain, ctx.caller, {
    conditions: [{ field: 'theme', value: id }],
    sort: { by: 'name', direction: 'asc' },
    limit: includeDatasets ? MAX_DATASETS : 0,
    facets: [],
    facetLimit: 0,
    facetMode: 'conjunctive',
  });
  return {
    ...groupDict(id, found.count),
    extras: [],
    tags: [],
    groups: [],
    users: [],
    ...(includeDatasets ? { packages: await loadPackages(ctx, found.results, found.hits) } : {}),
  };
};

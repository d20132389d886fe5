import { getOrganisation } from '../../domain/organisations';
import { searchDatasets } from '../../search/search-datasets';
import type { CkanAction } from '../action-types';
import { organizationDict } from '../ckan-dicts';
import { ckanValidationError } from '../errors';
import { loadPackages } from '../package-loader';
import { booleanParam, textParam } from '../params';

const MAX_DATASETS = 1000;

/**
 * organization_show: the organisation, its count of datasets the caller may see, and with
 * include_datasets those datasets (never one the caller may not see).
 */
export const organizationShow: CkanAction = async (ctx, params) => {
  const id = textParam(params, 'id');
  if (!id) throw ckanValidationError({ id: ['Missing value'] });
  const organisation = await getOrganisation(ctx.domain, id.trim());
  const includeDatasets = booleanParam(params, 'include_datasets', false);
  const found = await searchDatasets(ctx.domain, ctx.caller, {
    conditions: [{ field: 'organisation', value: organisation.value.id }],
    sort: { by: 'name', direction: 'asc' },
    limit: includeDatasets ? MAX_DATASETS : 0,
    facets: [],
    facetLimit: 0,
    facetMode: 'conjunctive',
  });
  return {
    ...organizationDict(organisation.value, found.count),
    extras: [],
    tags: [],
    groups: [],
    users: [],
    ...(includeDatasets ? { packages: await loadPackages(ctx, found.results, found.hits) } : {}),
  };
};

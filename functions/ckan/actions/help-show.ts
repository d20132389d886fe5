import type { CkanAction } from '../action-types';
import { ckanNotFound, ckanValidationError } from '../errors';
import { textParam } from '../params';

/** One line per action, for help_show (every response's `help` link points here). */
const HELP: Record<string, string> = {
  current_package_list_with_resources: 'Public datasets with their resources, most recently modified first; limit (max 1000), offset or page.',
  datastore_search: 'Rows of a resource (resource_id), with filters, q, fields, sort, limit and offset.',
  group_list: 'The themes (CKAN groups) by name, or their dictionaries with all_fields=true; sort, q, groups, limit, offset.',
  group_show: 'One theme (id) as a CKAN group; include_datasets=true adds its datasets that you may see.',
  help_show: 'The help text of an action (name).',
  license_list: 'The licences a dataset may carry.',
  organization_list: 'Organisation names, or their dictionaries with all_fields=true; sort, limit, offset, organizations.',
  organization_show: 'One organisation (id); include_datasets=true adds its datasets that you may see.',
  package_list: 'Names of the public datasets; limit and offset.',
  package_search:
    'Searches datasets: q (Solr syntax: AND, OR, NOT, parentheses, phrases, title:, tags:…), fq, rows (default 10, max 1000), start, sort, facet.field, facet.limit, include_private.',
  package_show: 'One dataset (id or name) with its resources.',
  resource_show: 'One resource (id); datastore_active says whether datastore_search can read its rows.',
  status_show: 'The site and the CKAN API version it follows.',
  tag_list: 'Keywords of the datasets you may see; query filters them, all_fields=true gives dictionaries.',
};

export const helpShow: CkanAction = async (_ctx, params) => {
  const name = textParam(params, 'name');
  if (!name) throw ckanValidationError({ name: ['Missing value'] });
  if (!Object.hasOwn(HELP, name)) throw ckanNotFound('Action function not found');
  return HELP[name];
};

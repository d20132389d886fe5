import type { CkanAction } from './action-types';
import { datastoreSearch } from '../rows/datastore-search';
import { datastoreSearchSql } from '../rows/datastore-search-sql';
import { helpShow } from './actions/help-show';
import { organizationList } from './actions/organization-list';
import { organizationShow } from './actions/organization-show';
import { packageList } from './actions/package-list';
import { packageSearch } from './actions/package-search';
import { packageShow } from './actions/package-show';
import { resourceShow } from './actions/resource-show';
import { statusShow } from './actions/status-show';
import { tagList } from './actions/tag-list';

/** The CKAN Action API: action name to handler. One entry per line, sorted. */
export const ckanActions: Record<string, CkanAction> = {
  datastore_search: datastoreSearch,
  datastore_search_sql: datastoreSearchSql,
  help_show: helpShow,
  organization_list: organizationList,
  organization_show: organizationShow,
  package_list: packageList,
  package_search: packageSearch,
  package_show: packageShow,
  resource_show: resourceShow,
  status_show: statusShow,
  tag_list: tagList,
};

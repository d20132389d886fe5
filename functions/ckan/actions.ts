import type { CkanAction } from './action-types';
import { datastoreSearch } from '../rows/datastore-search';
import { datastoreSearchSql } from '../rows/datastore-search-sql';
import { currentPackageListWithResources } from './actions/current-package-list-with-resources';
import { groupList } from './actions/group-list';
import { groupShow } from './actions/group-show';
import { helpShow } from './actions/help-show';
import { licenseList } from './actions/license-list';
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
  current_package_list_with_resources: currentPackageListWithResources,
  datastore_search: datastoreSearch,
  datastore_search_sql: datastoreSearchSql,
  group_list: groupList,
  group_show: groupShow,
  help_show: helpShow,
  license_list: licenseList,
  organization_list: organizationList,
  organization_show: organizationShow,
  package_list: packageList,
  package_search: packageSearch,
  package_show: packageShow,
  resource_show: resourceShow,
  status_show: statusShow,
  tag_list: tagList,
};

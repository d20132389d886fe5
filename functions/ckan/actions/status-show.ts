import type { CkanAction } from '../action-types';

/** The CKAN release whose Action API the exchange follows; clients use it to pick features. */
export const CKAN_API_VERSION = '2.10.4';

/** status_show: what the site is and which CKAN API it speaks. */
export const statusShow: CkanAction = async (ctx) => ({
  site_title: 'London Data Exchange',
  site_description: "Open, shared and private data from London's boroughs, Transport for London, the GLA and partners.",
  site_url: ctx.urls.page(''),
  ckan_version: CKAN_API_VERSION,
  locale_default: 'en_GB',
  extensions: ['datastore', 'ldx'],
});

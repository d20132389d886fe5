import { type Channel, readPath } from './channel';
import type { World } from './world';

/**
 * The developer API's channels: the resource listing and Table Schema, the CKAN actions that
 * list groups, licences and packages with their resources, and the RDF serialisations of the
 * DCAT-AP catalogue (Turtle, RDF/XML) and data.json at the site root.
 */
const ckan = (w: World, action: string, token: string | undefined) => readPath(w, `/api/3/action/${action}`, token);

export const channels: Channel[] = [
  // Resource titles carry the dataset's metadata marker.
  { name: 'resource listing', shows: { metadata: true, data: false }, read: (w, token, d) => readPath(w, `/api/v1/datasets/${d.name}/resources`, token) },
  {
    name: 'resource listing by dataset id',
    shows: { metadata: true, data: false },
    read: (w, token, d) => readPath(w, `/api/v1/datasets/${d.id}/resources`, token),
  },
  {
    name: 'resource Table Schema',
    shows: { metadata: false, data: false },
    read: (w, token, d) => readPath(w, `/api/v1/datasets/${d.name}/resources/rows/schema`, token),
  },
  // group_show of the probe datasets' theme lists them; group_list counts them.
  {
    name: 'CKAN group_list with counts',
    shows: { metadata: false, data: false },
    read: (w, token) => ckan(w, 'group_list?all_fields=true', token),
  },
  {
    name: 'CKAN group_show with its datasets',
    shows: { metadata: true, data: false },
    read: (w, token) => ckan(w, 'group_show?id=transport&include_datasets=true', token),
  },
  { name: 'CKAN license_list', shows: { metadata: false, data: false }, read: (w, token) => ckan(w, 'license_list', token) },
  {
    name: 'CKAN current_package_list_with_resources',
    shows: { metadata: false, data: false },
    read: (w, token) => ckan(w, 'current_package_list_with_resources', token),
  },
  // Boolean q is evaluated outside the plain search: OR, a pure exclusion and a title field must all stay within the caller's view.
  {
    name: 'CKAN package_search with boolean q',
    shows: { metadata: true, data: false },
    read: async (w, token, d) =>
      (await ckan(w, `package_search?include_private=true&rows=1000&q=${encodeURIComponent(`${d.metadataMarker} OR nomatchatall`)}`, token)) +
      (await ckan(w, `package_search?include_private=true&rows=1000&q=${encodeURIComponent('NOT nomatchatall')}`, token)) +
      (await ckan(w, `package_search?include_private=true&rows=1000&q=${encodeURIComponent(`title:(${d.metadataMarker} OR probe)`)}`, token)),
  },
  { name: 'DCAT-US data.json at the site root', shows: { metadata: true, data: false }, read: (w, token) => readPath(w, '/data.json', token) },
  { name: 'DCAT-AP catalogue as Turtle', shows: { metadata: true, data: false }, read: (w, token) => readPath(w, '/catalog.ttl?limit=1000', token) },
  { name: 'DCAT-AP catalogue as RDF/XML', shows: { metadata: true, data: false }, read: (w, token) => readPath(w, '/catalog.rdf?limit=1000', token) },
];

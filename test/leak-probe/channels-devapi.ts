import { type Channel, readPath } from './channel';

/**
 * The developer API's channels: the resource listing and Table Schema, the CKAN actions that
 * list groups, licences and packages with their resources, and the RDF serialisations of the
 * DCAT-AP catalogue (Turtle, RDF/XML) and data.json at the site root.
 */
const ckan = (w: Parameters<Channel['read']>[0], action: string, token: string | undefined) => readPath(w, `/api/3/action/${action}`, token);

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
  { name: 'DCAT-US data.json at the site root', shows: { metadata: true, data: false }, read: (w, token) => readPath(w, '/data.json', token) },
  { name: 'DCAT-AP catalogue as Turtle', shows: { metadata: true, data: false }, read: (w, token) => readPath(w, '/catalog.ttl?limit=1000', token) },
  { name: 'DCAT-AP catalogue as RDF/XML', shows: { metadata: true, data: false }, read: (w, token) => readPath(w, '/catalog.rdf?limit=1000', token) },
];

export { ckan };

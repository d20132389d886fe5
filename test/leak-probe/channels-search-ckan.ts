import { type Channel, readPath } from './channel';
import type { World } from './world';

/**
 * Search and the CKAN Action API. Keyword facets and tags are the markers lower-cased; their case
 * is restored before the probe looks, so a marker leaking through a facet or a tag is caught.
 */
const restoreMarkerCase = (world: World, text: string): string => {
  let restored = text;
  for (const dataset of [...Object.values(world.datasets), world.demoted]) {
    restored = restored.split(dataset.metadataMarker.toLowerCase()).join(dataset.metadataMarker);
  }
  return restored;
};

const read = async (world: World, token: string | undefined, paths: string[]): Promise<string> => {
  const texts = await Promise.all(paths.map((path) => readPath(world, path, token)));
  return restoreMarkerCase(world, texts.join('\n'));
};

const q = encodeURIComponent;

export const channels: Channel[] = [
  {
    name: 'search by metadata marker (and the demoted dataset’s)',
    shows: { metadata: true, data: false },
    read: (w, token, d) => read(w, token, [`/api/v1/datasets?q=${q(d.metadataMarker)}`, `/api/v1/datasets?q=${q(w.demoted.metadataMarker)}`]),
  },
  {
    name: 'search by marker prefix and by marker with a typo',
    shows: { metadata: true, data: false },
    read: (w, token, d) =>
      read(w, token, [
        `/api/v1/datasets?q=${q(d.metadataMarker.slice(0, -1))}`,
        `/api/v1/datasets?q=${q(`${d.metadataMarker.slice(0, -2)}x${d.metadataMarker.slice(-1)}`)}`,
      ]),
  },
  {
    name: 'search facets',
    shows: { metadata: true, data: false },
    // No dataset has this keyword, so the results are empty and the keyword facet lists every other keyword.
    read: (w, token) => read(w, token, ['/api/v1/datasets?keyword=no-such-keyword&limit=1', '/api/v1/datasets?q=probe&theme=transport&limit=1000']),
  },
  {
    name: 'search filtered by keyword, column and sort',
    shows: { metadata: true, data: false },
    read: (w, token, d) =>
      read(w, token, [`/api/v1/datasets?keyword=${q(d.metadataMarker.toLowerCase())}`, '/api/v1/datasets?q=reading&sort=modified&limit=1000']),
  },
  {
    name: 'CKAN package_search',
    shows: { metadata: true, data: false },
    read: (w, token, d) =>
      read(w, token, [
        `/api/3/action/package_search?q=${q(d.metadataMarker)}&include_private=true`,
        `/api/3/action/package_search?q=${q(w.demoted.metadataMarker)}&include_private=true`,
        `/api/3/action/package_search?fq=${q(`tags:${d.metadataMarker.toLowerCase()}`)}&include_private=true`,
        '/api/3/action/package_search?q=probe&rows=1000',
      ]),
  },
  {
    name: 'CKAN package_search facets',
    shows: { metadata: true, data: false },
    read: (w, token) =>
      read(w, token, [`/api/3/action/package_search?rows=0&include_private=true&facet.limit=-1&facet.field=${q('["tags","organization","groups","tier"]')}`]),
  },
  {
    name: 'CKAN package_show by name and by id',
    shows: { metadata: true, data: false },
    read: (w, token, d) => read(w, token, [`/api/3/action/package_show?id=${d.name}`, `/api/3/action/package_show?id=${d.id}`]),
  },
  { name: 'CKAN package_list', shows: { metadata: false, data: false }, read: (w, token) => read(w, token, ['/api/3/action/package_list']) },
  {
    name: 'CKAN organization_show with datasets, and organization_list',
    shows: { metadata: true, data: false },
    read: (w, token) =>
      read(w, token, ['/api/3/action/organization_show?id=probe-publisher&include_datasets=true', '/api/3/action/organization_list?all_fields=true']),
  },
  {
    name: 'CKAN resource_show',
    shows: { metadata: true, data: false },
    read: (w, token, d) => read(w, token, [`/api/3/action/resource_show?id=${d.resourceId}`]),
  },
  {
    name: 'CKAN tag_list',
    shows: { metadata: true, data: false },
    read: (w, token) => read(w, token, ['/api/3/action/tag_list', '/api/3/action/tag_list?query=zqx&all_fields=true']),
  },
];

import { type Channel, readPath } from './channel';
import type { World } from './world';

/**
 * The interoperability channels: DCAT-US, DCAT-AP (catalogue and per dataset) and Frictionless.
 * Besides what the feeds say, the links they hand out are followed: a download URL that worked
 * for a caller without access would carry the data marker into the text.
 */
const feeds = (name: string) => ['/catalog/data.json', '/catalog.jsonld?limit=1000', `/dataset/${name}.jsonld`, `/api/v1/datasets/${name}/datapackage.json`];

/** Every distinct data link in a feed: DCAT download/access URLs, data package paths, data dictionaries. */
const dataLinks = (world: World, text: string): string[] => {
  const urls = text.match(/https?:\/\/[^"\s<>]+/g) ?? [];
  return [...new Set(urls)].filter((url) => url.startsWith(world.t.url) && /\/(download|rows|datapackage\.json)\b/.test(url));
};

const pathOf = (world: World, url: string) => url.slice(world.t.url.length);

/** Markers of data that nobody outside the publisher (and its grantees) may read. */
const restrictedDataMarkers = (world: World): string[] =>
  [...Object.values(world.datasets), world.demoted].filter((d) => d.tier !== 'open').map((d) => d.dataMarker);

export const channels: Channel[] = [
  { name: 'DCAT-US data.json', shows: { metadata: true, data: false }, read: (w, token) => readPath(w, '/catalog/data.json', token) },
  {
    name: 'DCAT-US data.json, one dataset per page',
    shows: { metadata: true, data: false },
    read: async (w, token) => {
      let text = '';
      for (let page = 1; page <= 6; page++) text += await readPath(w, `/catalog/data.json?limit=1&page=${page}`, token);
      return text;
    },
  },
  { name: 'DCAT-AP catalog.jsonld', shows: { metadata: true, data: false }, read: (w, token) => readPath(w, '/catalog.jsonld?limit=1000', token) },
  { name: 'DCAT-AP dataset document by name', shows: { metadata: true, data: false }, read: (w, token, d) => readPath(w, `/dataset/${d.name}.jsonld`, token) },
  { name: 'DCAT-AP dataset document by id', shows: { metadata: true, data: false }, read: (w, token, d) => readPath(w, `/dataset/${d.id}.jsonld`, token) },
  // A package is for loading data: callers who may see a shared dataset but not read it get a refusal, without metadata.
  {
    name: 'Frictionless datapackage.json',
    shows: { metadata: false, data: false },
    read: (w, token, d) => readPath(w, `/api/v1/datasets/${d.name}/datapackage.json`, token),
  },
  {
    name: 'data links in DCAT and Frictionless, followed',
    shows: { metadata: false, data: true },
    read: async (w, token, d) => {
      let text = '';
      for (const feed of feeds(d.name)) {
        const body = (await w.t.request('GET', feed, { token })).text;
        for (const url of dataLinks(w, body)) {
          text += `${url}: ${await readPath(w, pathOf(w, url), token)}\n`;
          // The same link without any token must never reach restricted data (e.g. a presigned URL in a feed).
          const anonymous = await readPath(w, pathOf(w, url), undefined);
          const leaked = restrictedDataMarkers(w).filter((marker) => anonymous.includes(marker));
          if (leaked.length > 0) throw new Error(`${url} from ${feed} serves restricted data without a token: ${leaked.join(', ')}`);
        }
      }
      return text;
    },
  },
];

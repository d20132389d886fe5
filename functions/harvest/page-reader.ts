import { fetchOutbound } from '../outbound/fetch';
import type { MapContext, MappedPage } from './harvested-dataset';
import { HarvestFormatError } from './harvested-dataset';
import { mapCkanPage } from './mappers/ckan';
import { mapDcatApDocument } from './mappers/dcat-ap';
import { mapDcatUsPage } from './mappers/dcat-us';
import { mapOpendatasoftPage } from './mappers/opendatasoft';
import { mapSocrataPage } from './mappers/socrata';
import { rdfSyntaxOf } from './rdf-quads';
import type { HarvestSource } from './sources';

/**
 * Reads one page of a source through the one outbound fetcher and maps it. A source's `url` is
 * either the catalogue's site (path `/`: the kind's usual endpoint is added) or the endpoint itself
 * (a CKAN package_search, a data.json, an RDF catalogue, a Socrata catalog/v1, an OpenDataSoft
 * catalog/datasets URL). Offset-paged kinds get their offset and page size as query parameters.
 */

export const PAGE_SIZE = 100;
/** CKAN answers up to 1 000 rows a page by default (ckan.search.rows_max): fewer requests for a large portal. */
export const CKAN_PAGE_SIZE = 1000;

/** Which page to read: the first, an offset (CKAN, Socrata, OpenDataSoft) or a URL (Hydra, Link headers). */
export type PageRequest = { first: true } | { offset: number } | { url: string };

const DEFAULT_ENDPOINTS: ReadonlyMap<HarvestSource['kind'], string> = new Map([
  ['ckan', '/api/3/action/package_search'],
  ['dcat-us', '/data.json'],
  ['dcat-ap', '/catalog.ttl'],
  ['socrata', '/api/catalog/v1'],
  ['opendatasoft', '/api/explore/v2.1/catalog/datasets'],
]);

const endpointOf = (source: HarvestSource): URL => {
  const url = new URL(source.url);
  if (url.pathname === '/' || url.pathname === '') url.pathname = DEFAULT_ENDPOINTS.get(source.kind) ?? '/';
  return url;
};

const offsetUrl = (source: HarvestSource, offset: number): URL => {
  const url = endpointOf(source);
  const [offsetParam, sizeParam] = source.kind === 'ckan' ? ['start', 'rows'] : ['offset', 'limit'];
  url.searchParams.set(offsetParam, String(offset));
  url.searchParams.set(sizeParam, String(source.kind === 'ckan' ? CKAN_PAGE_SIZE : PAGE_SIZE));
  if (source.kind === 'ckan') {
    // CKAN filters at the source: the filter query, and the publisher as CKAN's organization facet.
    const organisation = source.filters?.organisation;
    const fq = [source.filters?.fq, organisation ? `organization:"${organisation.replace(/["\\]/g, '')}"` : undefined].filter(Boolean).join(' AND ');
    if (fq) url.searchParams.set('fq', fq);
  }
  return url;
};

const ACCEPT = new Map<HarvestSource['kind'], string>([
  ['dcat-ap', 'text/turtle, application/rdf+xml;q=0.9, application/ld+json;q=0.8, application/n-triples;q=0.7'],
]);

const parseJson = (body: Buffer, kind: string, contentType: string | undefined): unknown => {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw new HarvestFormatError(kind as HarvestSource['kind'], `the response is not JSON (Content-Type: ${contentType ?? 'none'})`);
  }
};

export interface ReadPage {
  /** The URL that was read, after redirects. */
  url: string;
  page: MappedPage;
}

export const readPage = async (
  source: HarvestSource,
  request: PageRequest,
  context: MapContext,
  fetchOptions: { allowHosts?: readonly string[]; totalTimeoutMs?: number } = {},
): Promise<ReadPage> => {
  const offset = 'offset' in request ? request.offset : 0;
  const url = 'url' in request ? new URL(request.url) : source.kind === 'dcat-us' || source.kind === 'dcat-ap' ? endpointOf(source) : offsetUrl(source, offset);
  const accept = ACCEPT.get(source.kind) ?? 'application/json';
  const response = await fetchOutbound(url, { headers: { accept }, allowHosts: fetchOptions.allowHosts, totalTimeoutMs: fetchOptions.totalTimeoutMs });
  const contentType = typeof response.headers['content-type'] === 'string' ? response.headers['content-type'] : undefined;
  const at = { ...context, sourceUrl: source.url };
  switch (source.kind) {
    case 'ckan':
      return { url: response.url, page: mapCkanPage(parseJson(response.body, 'ckan', contentType), at, offset) };
    case 'socrata':
      return { url: response.url, page: mapSocrataPage(parseJson(response.body, 'socrata', contentType), at, offset) };
    case 'opendatasoft':
      return { url: response.url, page: mapOpendatasoftPage(parseJson(response.body, 'opendatasoft', contentType), { ...at, sourceUrl: source.url }, offset) };
    case 'dcat-us': {
      const link = response.headers.link;
      const linkHeader = Array.isArray(link) ? link.join(', ') : link;
      return { url: response.url, page: mapDcatUsPage(parseJson(response.body, 'dcat-us', contentType), at, { linkHeader, pageUrl: response.url }) };
    }
    case 'dcat-ap': {
      const syntax = rdfSyntaxOf(contentType);
      if (!syntax) throw new HarvestFormatError('dcat-ap', `the response is not RDF (Content-Type: ${contentType ?? 'none'})`);
      return { url: response.url, page: await mapDcatApDocument(response.body.toString('utf8'), syntax, at, response.url) };
    }
  }
};

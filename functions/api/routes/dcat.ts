import type { Context } from 'hono';
import { MAX_PAGE_SIZE } from '../../domain/dataset-listing';
import { getDataset } from '../../domain/datasets';
import { loadCatalogEntries } from '../../interop/catalog-entry';
import { type CatalogPage, catalogPage } from '../../interop/catalog-page';
import { type CatalogView, dcatApCatalog, dcatApDatasetDocument } from '../../interop/dcat-ap';
import type * as DcatRdf from '../../interop/dcat-rdf';
import { RDF_MEDIA_TYPES, type RdfSerialisation } from '../../interop/rdf-media-types';
import { dcatUsCatalog } from '../../interop/dcat-us';
import type { AppEnv } from '../env';
import { errors, type Json, ref } from '../openapi/builders';
import { type RequestInput, route } from './declare';

/**
 * DCAT feeds: /catalog/data.json and /data.json (DCAT-US 1.1; the site root is where DCAT-US
 * harvesters look), /catalog.jsonld (DCAT-AP with Hydra paging), the same catalogue as Turtle
 * (/catalog.ttl) and RDF/XML (/catalog.rdf), and /dataset/{name}.jsonld. Each shows only what
 * the caller may see, and download links only for data the caller may read.
 */
const JSON_LD = 'application/ld+json; charset=UTF-8';
const MAX_PAGE = 1_000_000;

const paging = (defaultLimit: number): Json[] => [
  { name: 'page', in: 'query', description: '1-based page number.', schema: { type: 'integer', minimum: 1, maximum: MAX_PAGE, default: 1 } },
  {
    name: 'limit',
    in: 'query',
    description: `Datasets per page, 1 to ${MAX_PAGE_SIZE}.`,
    schema: { type: 'integer', minimum: 1, maximum: MAX_PAGE_SIZE, default: defaultLimit },
  },
  { name: 'cursor', in: 'query', description: 'Set by `next` links so reading on never re-counts earlier pages.', schema: { type: 'string' } },
];
const jsonLd = (description: string): Json => ({ description, content: { 'application/ld+json': { schema: ref('JsonLdDocument') } } });
const linkHeaderDoc = { Link: { description: 'first, prev, next and last pages (RFC 8288).', schema: { type: 'string' } } };

/** The page asked for (page, limit and cursor were validated against `paging`). */
const pageRequest = ({ query }: RequestInput, defaultLimit: number) => ({
  page: query.page === undefined ? 1 : Number(query.page),
  limit: query.limit === undefined ? defaultLimit : Number(query.limit),
  cursor: query.cursor as string | undefined,
});

const pageQuery = (page: number, limit: number, cursor?: string): string =>
  `?page=${page}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;

/** first/previous/next/last of a page; `next` carries the listing cursor so reading on never re-walks. */
const viewOf = (listing: CatalogPage, link: (query: string) => string, requestCursor?: string): CatalogView => ({
  self: link(pageQuery(listing.page, listing.limit, requestCursor)),
  first: link(pageQuery(1, listing.limit)),
  last: link(pageQuery(listing.lastPage, listing.limit)),
  ...(listing.page > 1 ? { previous: link(pageQuery(Math.min(listing.page - 1, listing.lastPage), listing.limit)) } : {}),
  ...(listing.nextCursor ? { next: link(pageQuery(listing.page + 1, listing.limit, listing.nextCursor)) } : {}),
});

/** RFC 8288 Link header, so data.json (which has no paging properties of its own) can be paged too. */
const linkHeader = (view: CatalogView): string =>
  (['first', 'previous', 'next', 'last'] as const)
    .filter((rel) => view[rel])
    .map((rel) => `<${view[rel]}>; rel="${rel === 'previous' ? 'prev' : rel}"`)
    .join(', ');

const jsonLdBody = (c: Context<AppEnv>, document: unknown): Response => c.body(JSON.stringify(document), 200, { 'Content-Type': JSON_LD });

/** DCAT-US data.json at `path`; its Link header pages through the same address. */
const dcatUsRoute = (path: string, operationId: string, summary: string) =>
  route({
    method: 'GET',
    path,
    operationId,
    summary,
    tags: ['Interoperability'],
    auth: 'optional',
    description:
      'Every dataset the caller may see. accessLevel follows the tier (open: public, shared: restricted public, private: non-public). downloadURL appears only for data the caller may read; shared data offers an accessURL to its page instead.',
    parameters: paging(MAX_PAGE_SIZE),
    responses: {
      200: { description: 'The catalogue page.', headers: linkHeaderDoc, content: { 'application/json': { schema: ref('DcatUsCatalog') } } },
      ...errors(400),
    },
    handler: async (c, input) => {
      const request = pageRequest(input, MAX_PAGE_SIZE);
      const listing = await catalogPage(c.var.domain, c.var.caller, request);
      const entries = await loadCatalogEntries(c.var.domain, c.var.caller, listing.results);
      const view = viewOf(listing, (query) => `${c.var.urls.page(path)}${query}`, request.cursor);
      c.header('Link', linkHeader(view));
      c.header('Vary', 'Authorization');
      return c.json(dcatUsCatalog(entries, c.var.urls));
    },
  });

/** The DCAT-AP catalogue, one page, as JSON-LD; `self` is where its paging links point. */
const dcatApPage = async (c: Context<AppEnv>, input: RequestInput, self: string) => {
  const request = pageRequest(input, 100);
  const listing = await catalogPage(c.var.domain, c.var.caller, request);
  const entries = await loadCatalogEntries(c.var.domain, c.var.caller, listing.results);
  const view = viewOf(listing, (query) => `${self}${query}`, request.cursor);
  c.header('Link', linkHeader(view));
  c.header('Vary', 'Authorization');
  return dcatApCatalog(entries, listing.count, view, c.var.urls);
};

/** The DCAT-AP catalogue in another RDF syntax, with the same Hydra paging (as triples and in the Link header). */
const dcatApRdfRoute = (extension: string, syntax: RdfSerialisation, operationId: string, name: string) => {
  const mediaType = RDF_MEDIA_TYPES.get(syntax)!;
  return route({
    method: 'GET',
    path: `/catalog.${extension}`,
    operationId,
    summary: `DCAT-AP catalogue as ${name}, paged with Hydra`,
    tags: ['Interoperability'],
    auth: 'optional',
    description: `The triples of /catalog.jsonld, written as ${name}: the same page, datasets and hydra:PartialCollectionView links (to this address).`,
    parameters: paging(100),
    responses: {
      200: {
        description: `A dcat:Catalog page as ${name}.`,
        headers: linkHeaderDoc,
        content: { [mediaType.split(';')[0]]: { schema: { type: 'string' } } },
      },
      ...errors(400),
    },
    handler: async (c, input) => {
      const document = await dcatApPage(c, input, c.var.urls.page(`/catalog.${extension}`));
      // Required here, not imported: the RDF libraries (jsonld, n3, graphy) load only for the requests that write RDF.
      const { serialiseDcat } = require('../../interop/dcat-rdf') as typeof DcatRdf;
      return c.body(await serialiseDcat(document, syntax), 200, { 'Content-Type': mediaType });
    },
  });
};

export const dcatRoutes = [
  dcatUsRoute('/catalog/data.json', 'dcatUsCatalog', 'DCAT-US 1.1 catalogue (data.json)'),
  dcatUsRoute('/data.json', 'dcatUsCatalogAtRoot', 'DCAT-US 1.1 catalogue at the site root, where harvesters look'),
  route({
    method: 'GET',
    path: '/catalog.jsonld',
    operationId: 'dcatApCatalog',
    summary: 'DCAT-AP catalogue as JSON-LD, paged with Hydra',
    tags: ['Interoperability'],
    auth: 'optional',
    parameters: paging(100),
    responses: {
      200: { ...jsonLd('A dcat:Catalog page with a hydra:PartialCollectionView (first, previous, next, last).'), headers: linkHeaderDoc },
      ...errors(400),
    },
    handler: async (c, input) => jsonLdBody(c, await dcatApPage(c, input, c.var.urls.dcatApCatalog())),
  }),
  dcatApRdfRoute('ttl', 'turtle', 'dcatApCatalogTurtle', 'Turtle'),
  dcatApRdfRoute('rdf', 'rdf-xml', 'dcatApCatalogRdfXml', 'RDF/XML'),
  route({
    // Hono matches the name with its extension; the document writes the extension outside the parameter.
    method: 'GET',
    path: '/dataset/:name{[^/]+\\.jsonld}',
    documentedPath: '/dataset/{name}.jsonld',
    operationId: 'dcatApDataset',
    summary: 'One dataset as DCAT-AP JSON-LD',
    tags: ['Interoperability'],
    auth: 'optional',
    parameters: [
      { name: 'name', in: 'path', required: true, description: 'The dataset’s name or id.', schema: { type: 'string' }, example: 'london-borough-profiles' },
    ],
    responses: { 200: jsonLd('The dcat:Dataset.'), ...errors(404) },
    handler: async (c, { params }) => {
      const dataset = await getDataset(c.var.domain, c.var.caller, params.name.slice(0, -'.jsonld'.length));
      const [entry] = await loadCatalogEntries(c.var.domain, c.var.caller, [dataset]);
      c.header('Vary', 'Authorization');
      return jsonLdBody(c, dcatApDatasetDocument(entry, c.var.urls));
    },
  }),
];

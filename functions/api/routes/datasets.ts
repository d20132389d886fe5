import { listDatasets } from '../../domain/dataset-listing';
import { validationFailed } from '../../domain/errors';
import { createDataset, deleteDataset, getDataset, updateDataset } from '../../domain/datasets';
import { tiers } from '../../domain/policy';
import { etagOf, readIfMatch } from '../http/etag';
import { routeName } from '../http/route-name';
import { errors, etagHeader, type Json, jsonResponse, ref } from '../openapi/builders';
import { presentDataset } from '../presenters';
import { resourceSummaries } from '../resource-summaries';
import { route } from './declare';
import { GSS_CODE } from '../../search/spatial-matches';

const exampleDataset = {
  name: 'london-borough-profiles',
  title: 'London Borough Profiles and Atlas',
  description: 'Key statistics for each of the 33 London local authorities.',
  tier: 'open',
  licence: 'OGL-UK-3.0',
  keywords: ['boroughs', 'population'],
  themes: ['demographics'],
  updateFrequency: 'annual',
  temporalCoverage: { start: '2015-01-01', end: '2017-12-31' },
  spatialCoverage: { gssCodes: ['E12000007'], description: 'Greater London, by local authority' },
  contactPoint: { name: 'GLA City Intelligence', email: 'datastore@london.gov.uk' },
};

const query = (name: string, description: string, schema: Json = { type: 'string' }): Json => ({ name, in: 'query', description, schema });
const repeatable = (name: string, description: string): Json => ({
  ...query(name, description, { type: 'array', items: { type: 'string' } }),
  style: 'form',
  explode: true,
});

/** A date (2024-05-01) or date-time with offset, as the UTC instant string the index compares with. */
const parseInstant = (field: string, raw: string | undefined): string | undefined => {
  if (raw === undefined) return undefined;
  const parsed = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2}))?$/.test(raw) ? new Date(raw) : undefined;
  if (!parsed || Number.isNaN(parsed.getTime()))
    throw validationFailed([{ field, message: 'must be a date (2024-05-01) or a date-time with offset (2024-05-01T09:00:00Z)' }]);
  return parsed.toISOString();
};

/** `spatial`: a GSS code (a letter for the nation, eight digits), upper-cased. */
const spatialCode = (value: string | undefined): string | undefined => {
  if (value === undefined) return undefined;
  const code = value.trim().toUpperCase();
  if (!GSS_CODE.test(code)) throw validationFailed([{ field: 'spatial', message: 'must be a GSS code such as E09000007 (a letter, then eight digits)' }]);
  return code;
};

const one = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? value[0] : value);
const many = (value: string | string[] | undefined): string[] | undefined => (value === undefined ? undefined : ([] as string[]).concat(value));

export const datasetRoutes = [
  route({
    method: 'GET',
    path: '/api/v1/datasets',
    operationId: 'searchDatasets',
    summary: 'Search and list datasets',
    tags: ['Datasets'],
    auth: 'optional',
    description: 'Full-text search with filters, facets and cursor paging. Only datasets the caller may see are returned or counted.',
    parameters: [
      query('q', 'Search text: title, description, keywords, organisation name and column names (prefix and typo tolerant).'),
      query('organisation', 'Organisation id.'),
      query('tier', 'Sharing tier.', { type: 'string', enum: [...tiers] }),
      repeatable('theme', 'Theme; repeat to require several.'),
      repeatable('keyword', 'Keyword; repeat to require several.'),
      repeatable('format', 'File format of a resource, e.g. csv.'),
      repeatable('schema', 'Common data schema id.'),
      query('licence', 'Licence id, e.g. OGL-UK-3.0.'),
      query(
        'spatial',
        'A GSS code, e.g. E09000007 (Camden): only datasets covering that area (their spatial coverage, which ingest fills with the boroughs their rows lie in or are keyed by).',
        {
          type: 'string',
          pattern: '^[EWSNKewsnk][0-9]{8}$',
        },
      ),
      query('modifiedSince', 'Only datasets modified at or after this date or date-time.'),
      query('sort', 'Order: relevance (default with q), modified, title or name (default without q).', {
        type: 'string',
        enum: ['relevance', 'modified', 'title', 'name'],
      }),
      'limit',
      'cursor',
    ],
    responses: { 200: jsonResponse('One page of results with counts and facets.', ref('DatasetListing')), ...errors(400) },
    handler: async (c, { query: q }) => {
      const listing = await listDatasets(c.var.domain, c.var.caller, {
        // Its length, and the number of filters, are held to the search limits (search/query-limits.ts).
        q: one(q.q),
        organisation: one(q.organisation),
        tier: one(q.tier) as (typeof tiers)[number] | undefined,
        theme: many(q.theme),
        keyword: many(q.keyword),
        format: many(q.format),
        schema: many(q.schema),
        licence: one(q.licence),
        spatial: spatialCode(one(q.spatial)),
        modifiedSince: parseInstant('modifiedSince', one(q.modifiedSince)),
        sort: one(q.sort) as 'relevance' | 'modified' | 'title' | 'name' | undefined,
        limit: q.limit === undefined ? 20 : Number(q.limit),
        cursor: one(q.cursor),
      });
      const next = listing.next === undefined ? undefined : new URL(c.req.url);
      next?.searchParams.set('cursor', listing.next ?? '');
      return c.json({
        count: listing.count,
        results: listing.results.map((d) => presentDataset(d, c.var.urls)),
        facets: listing.facets,
        next: next ? c.var.urls.api(`/datasets${next.search}`) : null,
      });
    },
  }),
  route({
    method: 'POST',
    path: '/api/v1/datasets',
    operationId: 'createDataset',
    summary: 'Create a dataset',
    tags: ['Datasets'],
    auth: 'token',
    description:
      'Needs an editor or admin token; the dataset belongs to the token’s organisation. New datasets are private unless a tier is given; open datasets need an open licence.',
    body: { kind: 'json', schema: ref('Dataset'), example: exampleDataset },
    responses: { 201: jsonResponse('Created.', ref('DatasetRecord'), undefined, etagHeader), ...errors(400, 401, 403, 409, 413, 415) },
    handler: async (c, { body }) => {
      const created = await createDataset(c.var.domain, c.var.caller, body, routeName(c));
      c.header('Location', c.var.urls.dataset(created.value.name));
      c.header('ETag', etagOf(created.version));
      return c.json(presentDataset(created, c.var.urls), 201);
    },
  }),
  route({
    method: 'GET',
    path: '/api/v1/datasets/:dataset',
    operationId: 'getDataset',
    summary: 'Read a dataset',
    tags: ['Datasets'],
    auth: 'optional',
    parameters: ['dataset'],
    responses: { 200: jsonResponse('The dataset.', ref('DatasetRecord'), undefined, etagHeader), ...errors(404) },
    handler: async (c, { params }) => {
      const found = await getDataset(c.var.domain, c.var.caller, params.dataset);
      c.header('ETag', etagOf(found.version));
      return c.json({ ...presentDataset(found, c.var.urls), resources: await resourceSummaries(c.var.domain, found.value, c.var.urls) });
    },
  }),
  route({
    method: 'PATCH',
    path: '/api/v1/datasets/:dataset',
    operationId: 'updateDataset',
    summary: 'Update a dataset (JSON Merge Patch)',
    description:
      'A harvested dataset (one with `provenance`) is changed at its source: only keywords and themes can be added here (kept apart in `localAdditions` and kept by its next runs); any other field, or leaving out a value its source gives, is a 409 naming the source.',
    tags: ['Datasets'],
    auth: 'token',
    parameters: ['dataset', 'ifMatchRequired'],
    body: {
      kind: 'json',
      schema: ref('DatasetPatch'),
      alsoAccepts: ['application/merge-patch+json'],
      example: { description: 'Updated every weekday.', updateFrequency: 'daily' },
    },
    responses: {
      200: jsonResponse('The updated dataset.', ref('DatasetRecord'), undefined, etagHeader),
      ...errors(400, 401, 403, 404, 409, 412, 413, 415, 428),
    },
    handler: async (c, { params, body }) => {
      const precondition = readIfMatch(c);
      const updated = await updateDataset(c.var.domain, c.var.caller, params.dataset, body, precondition, routeName(c));
      c.header('ETag', etagOf(updated.version));
      return c.json(presentDataset(updated, c.var.urls));
    },
  }),
  route({
    method: 'DELETE',
    path: '/api/v1/datasets/:dataset',
    operationId: 'deleteDataset',
    summary: 'Delete a dataset (admin; the name is never reused)',
    tags: ['Datasets'],
    auth: 'token',
    parameters: ['dataset', 'ifMatch'],
    responses: { 204: { description: 'Deleted: gone from every read, feed and search at once.' }, ...errors(401, 403, 404, 412) },
    handler: async (c, { params }) => {
      await deleteDataset(c.var.domain, c.var.caller, params.dataset, readIfMatch(c), routeName(c));
      return c.body(null, 204);
    },
  }),
];

import { createHarvestSource, deleteHarvestSource, getHarvestSource, listHarvestSources, updateHarvestSource } from '../../harvest/sources';
import { harvestNow } from '../../harvest/harvest-now';
import { getHarvestRun, listHarvestRuns } from '../../harvest/run-records';
import { etagOf, readIfMatch } from '../http/etag';
import { errors, etagHeader, jsonResponse, ref } from '../openapi/builders';
import { route } from './declare';

const tags = ['Harvesting'];
const base = '/api/v1/organisations/:org/harvest-sources';

/** An organisation's harvest sources (its admins and the platform admin only). */
export const harvestSourceRoutes = [
  route({
    method: 'POST',
    path: base,
    operationId: 'createHarvestSource',
    summary: 'Register a catalogue to harvest (organisation admins)',
    tags,
    auth: 'token',
    parameters: ['org'],
    body: {
      kind: 'json',
      schema: ref('HarvestSourceInput'),
      example: { kind: 'ckan', url: 'https://data.example.org', schedule: 'daily', filters: { fq: 'res_format:CSV' } },
    },
    responses: { 201: jsonResponse('Registered.', ref('HarvestSource'), undefined, etagHeader), ...errors(400, 401, 403, 404, 413, 415) },
    handler: async (c, { params, body }) => {
      const created = await createHarvestSource(c.var.domain, c.var.caller, params.org, body);
      c.header('ETag', etagOf(created.version));
      return c.json(created.value, 201);
    },
  }),
  route({
    method: 'GET',
    path: base,
    operationId: 'listHarvestSources',
    summary: 'List the organisation’s harvest sources (organisation admins)',
    tags,
    auth: 'token',
    parameters: ['org'],
    responses: { 200: jsonResponse('The sources, oldest first.', ref('HarvestSourceList')), ...errors(401, 403, 404) },
    handler: async (c, { params }) => {
      const sources = await listHarvestSources(c.var.domain, c.var.caller, params.org);
      return c.json({ count: sources.length, results: sources.map((s) => s.value) });
    },
  }),
  route({
    method: 'GET',
    path: `${base}/:source`,
    operationId: 'getHarvestSource',
    summary: 'Read a harvest source (organisation admins)',
    tags,
    auth: 'token',
    parameters: ['org', 'harvestSource'],
    responses: { 200: jsonResponse('The source.', ref('HarvestSource'), undefined, etagHeader), ...errors(400, 401, 403, 404) },
    handler: async (c, { params }) => {
      const found = await getHarvestSource(c.var.domain, c.var.caller, params.org, params.source);
      c.header('ETag', etagOf(found.version));
      return c.json(found.value);
    },
  }),
  route({
    method: 'PATCH',
    path: `${base}/:source`,
    operationId: 'updateHarvestSource',
    summary: 'Change a harvest source (JSON Merge Patch; organisation admins)',
    tags,
    auth: 'token',
    parameters: ['org', 'harvestSource', 'ifMatchRequired'],
    body: { kind: 'json', schema: ref('HarvestSourcePatch'), alsoAccepts: ['application/merge-patch+json'], example: { schedule: 'weekly' } },
    responses: { 200: jsonResponse('The changed source.', ref('HarvestSource'), undefined, etagHeader), ...errors(400, 401, 403, 404, 412, 413, 415, 428) },
    handler: async (c, { params, body }) => {
      const updated = await updateHarvestSource(c.var.domain, c.var.caller, params.org, params.source, body, readIfMatch(c));
      c.header('ETag', etagOf(updated.version));
      return c.json(updated.value);
    },
  }),
  route({
    method: 'DELETE',
    path: `${base}/:source`,
    operationId: 'deleteHarvestSource',
    summary: 'Remove a harvest source (organisation admins; its datasets stay)',
    tags,
    auth: 'token',
    parameters: ['org', 'harvestSource', 'ifMatch'],
    responses: { 204: { description: 'Removed. The datasets it harvested stay, naming it in their provenance.' }, ...errors(400, 401, 403, 404, 412) },
    handler: async (c, { params }) => {
      await deleteHarvestSource(c.var.domain, c.var.caller, params.org, params.source, readIfMatch(c));
      return c.body(null, 204);
    },
  }),
  route({
    method: 'POST',
    path: `${base}/:source/runs`,
    operationId: 'runHarvestSource',
    summary: 'Harvest the source now (organisation admins)',
    description:
      'In AWS the run is queued for the harvester functions, as a scheduled run is, and the answer is 202 at once with the run record (`running`) and its address in `Location`: follow it (GET …/runs/{run}) until it is `completed` or `incomplete`. Locally the run is taken in-process and the answer, 201, is the finished run. A record the exchange cannot take is an entry of `errors`; a page that cannot be read ends paging and makes the run `incomplete`, which withdraws nothing. 409 while another run of the source (scheduled or started here) is in progress.',
    tags,
    auth: 'token',
    parameters: ['org', 'harvestSource'],
    responses: {
      201: jsonResponse('The finished run (local mode).', ref('HarvestRun')),
      202: jsonResponse('The run, queued (AWS): `running`; `Location` is its address.', ref('HarvestRun'), undefined, {
        Location: { description: 'The run’s address (GET it to follow the run).', schema: { type: 'string', format: 'uri' } },
      }),
      ...errors(400, 401, 403, 404, 409),
    },
    handler: async (c, { params }) => {
      const started = await harvestNow(c.var.domain, c.var.caller, params.org, params.source);
      if (!started.queued) return c.json(started.run, 201);
      c.header('Location', c.var.urls.api(`/organisations/${params.org}/harvest-sources/${params.source}/runs/${started.run.id}`));
      return c.json(started.run, 202);
    },
  }),
  route({
    method: 'GET',
    path: `${base}/:source/runs`,
    operationId: 'listHarvestRuns',
    summary: 'List a source’s runs, oldest first (organisation admins)',
    tags,
    auth: 'token',
    parameters: ['org', 'harvestSource'],
    responses: { 200: jsonResponse('The runs.', ref('HarvestRunList')), ...errors(400, 401, 403, 404) },
    handler: async (c, { params }) => {
      const runs = await listHarvestRuns(c.var.domain, c.var.caller, params.org, params.source);
      return c.json({ count: runs.length, results: runs });
    },
  }),
  route({
    method: 'GET',
    path: `${base}/:source/runs/:run`,
    operationId: 'getHarvestRun',
    summary: 'Read a run (organisation admins)',
    tags,
    auth: 'token',
    parameters: ['org', 'harvestSource', 'harvestRun'],
    responses: { 200: jsonResponse('The run.', ref('HarvestRun')), ...errors(400, 401, 403, 404) },
    handler: async (c, { params }) => c.json(await getHarvestRun(c.var.domain, c.var.caller, params.org, params.source, params.run)),
  }),
];

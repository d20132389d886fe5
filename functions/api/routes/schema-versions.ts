import { conformanceView } from '../../standards/conformance';
import { listNotifications, markNotificationRead } from '../../standards/notifications';
import { proposeSchemaVersion } from '../../standards/propose-version';
import { publishSchemaVersion } from '../../standards/publish-version';
import { getSchemaVersion, listSchemaVersions, type SchemaVersionEntry } from '../../standards/schema-versions';
import { appointStewards, getStewards } from '../../standards/stewards';
import { suggestSchemas } from '../../standards/suggest';
import { summariseImpact, visibleImpact } from '../../standards/visible-impact';
import { routeName } from '../http/route-name';
import { versionQuery } from './resources';
import type { DomainContext } from '../../domain/context';
import type { Caller } from '../../domain/caller';
import { errors, jsonResponse, ref } from '../openapi/builders';
import { route } from './declare';

const tags = ['Schemas'];
const base = '/api/v1/schemas/:schema';

type Urls = { api: (path: string) => string };

/** A version as the API shows it: its impact limited to the datasets the caller may see. */
const presentVersion = async (ctx: DomainContext, caller: Caller, urls: Urls, entry: SchemaVersionEntry, full: boolean) => {
  const impact = await visibleImpact(ctx, caller, entry);
  const { document, impact: _stored, ...rest } = entry;
  return {
    ...rest,
    ...(impact ? { impactSummary: summariseImpact(impact) } : {}),
    ...(full ? { schemaDocument: document, ...(impact ? { impact } : {}) } : {}),
    links: { self: urls.api(`/schemas/${entry.schema}/versions/${entry.version}`) },
  };
};

/** A standard's versions, their public history and governance (stewards propose, check, publish). */
export const schemaVersionRoutes = [
  route({
    method: 'GET',
    path: `${base}/versions`,
    operationId: 'listSchemaVersions',
    summary: 'Every version of a common data schema, with its change and status',
    tags,
    auth: 'optional',
    parameters: ['schema'],
    responses: { 200: jsonResponse('The versions, oldest first.', ref('SchemaVersionList')), ...errors(404) },
    handler: async (c, { params }) => {
      const entries = await listSchemaVersions(c.var.domain, params.schema);
      const results = await Promise.all(entries.map((entry) => presentVersion(c.var.domain, c.var.caller, c.var.urls, entry, false)));
      return c.json({ count: results.length, results });
    },
  }),
  route({
    method: 'GET',
    path: `${base}/versions/:version`,
    operationId: 'getSchemaVersion',
    summary: 'One version: its schema, the differences from the version before and its impact',
    tags,
    auth: 'optional',
    parameters: ['schema', 'schemaVersion'],
    responses: { 200: jsonResponse('The version.', ref('SchemaVersion')), ...errors(404) },
    handler: async (c, { params }) => {
      const entry = await getSchemaVersion(c.var.domain, params.schema, params.version);
      return c.json(await presentVersion(c.var.domain, c.var.caller, c.var.urls, entry, true));
    },
  }),
  route({
    method: 'POST',
    path: `${base}/versions`,
    operationId: 'proposeSchemaVersion',
    summary: 'Propose a new version (stewards’ admins, platform administrator); checked against every declaring dataset',
    tags,
    auth: 'token',
    parameters: ['schema'],
    body: { kind: 'json', schema: ref('SchemaVersionProposal') },
    responses: { 201: jsonResponse('The proposal, classified, with its impact report.', ref('SchemaVersion')), ...errors(400, 401, 403, 404, 409, 413, 415) },
    handler: async (c, { params, body }) => {
      const record = await proposeSchemaVersion(c.var.domain, c.var.caller, params.schema, body, c.var.urls);
      return c.json(await presentVersion(c.var.domain, c.var.caller, c.var.urls, { ...record, shipped: false }, true), 201);
    },
  }),
  route({
    method: 'POST',
    path: `${base}/versions/:version/publish`,
    operationId: 'publishSchemaVersion',
    summary: 'Publish a proposed version and notify the publishers whose datasets declare the schema',
    tags,
    auth: 'token',
    parameters: ['schema', 'schemaVersion'],
    responses: { 200: jsonResponse('The published version.', ref('SchemaVersion')), ...errors(401, 403, 404, 409) },
    handler: async (c, { params }) => {
      const record = await publishSchemaVersion(c.var.domain, c.var.caller, params.schema, params.version, c.var.urls);
      return c.json(await presentVersion(c.var.domain, c.var.caller, c.var.urls, { ...record, shipped: false }, true));
    },
  }),
  route({
    method: 'GET',
    path: `${base}/conformance`,
    operationId: 'getSchemaConformance',
    summary: 'Who publishes data to a standard across London: every borough, and any other organisation that publishes to it',
    tags,
    auth: 'optional',
    parameters: ['schema'],
    responses: { 200: jsonResponse('Each organisation, its declaring datasets and where it stands.', ref('SchemaConformance')), ...errors(404) },
    handler: async (c, { params }) => c.json(await conformanceView(c.var.domain, c.var.caller, params.schema)),
  }),
  route({
    method: 'GET',
    path: `${base}/stewards`,
    operationId: 'getSchemaStewards',
    summary: 'The organisations that look after a standard',
    tags,
    auth: 'public',
    parameters: ['schema'],
    responses: { 200: jsonResponse('The stewards.', ref('SchemaStewards')), ...errors(404) },
    handler: async (c, { params }) => c.json({ schema: params.schema, organisations: await getStewards(c.var.domain, params.schema) }),
  }),
  route({
    method: 'PUT',
    path: `${base}/stewards`,
    operationId: 'appointSchemaStewards',
    summary: 'Appoint the stewards of a standard (platform administrator)',
    tags,
    auth: 'token',
    parameters: ['schema'],
    body: { kind: 'json', schema: ref('StewardsInput'), example: { organisations: ['gla'] } },
    responses: { 200: jsonResponse('The stewards now.', ref('SchemaStewards')), ...errors(400, 401, 403, 404, 409, 413, 415) },
    handler: async (c, { params, body }) =>
      c.json({ schema: params.schema, organisations: await appointStewards(c.var.domain, c.var.caller, params.schema, body) }),
  }),
  route({
    method: 'GET',
    path: '/api/v1/datasets/:dataset/resources/:resource/schema-suggestions',
    operationId: 'suggestSchemas',
    summary: 'The common standards a resource’s data most likely follows, and what would fail if it declared them',
    description:
      'Standards whose fields match the file’s headers (compared without case, spaces or punctuation; at least half of the required fields present), best first; the best three are validated against the file as an upload declaring them would be. The problems quote cells: like a validation report, this reads the data, under the same policy and audit.',
    tags,
    auth: 'optional',
    parameters: ['dataset', 'resource', versionQuery],
    responses: { 200: jsonResponse('Suggestions, best first (possibly none).', ref('SchemaSuggestionList')), ...errors(400, 404) },
    handler: async (c, { params, query }) => {
      const version = query.version === undefined ? undefined : Number(query.version);
      const results = await suggestSchemas(c.var.domain, c.var.caller, params.dataset, params.resource, version, routeName(c));
      return c.json({ count: results.length, results });
    },
  }),
  route({
    method: 'GET',
    path: '/api/v1/organisations/:org/notifications',
    operationId: 'listNotifications',
    summary: 'Messages to the organisation about the standards its datasets declare (its members)',
    tags: ['Organisations'],
    auth: 'token',
    parameters: ['org'],
    responses: { 200: jsonResponse('Newest first.', ref('NotificationList')), ...errors(401, 403, 404) },
    handler: async (c, { params }) => {
      const results = await listNotifications(c.var.domain, c.var.caller, params.org);
      return c.json({ count: results.length, results });
    },
  }),
  route({
    method: 'POST',
    path: '/api/v1/organisations/:org/notifications/:notification/read',
    operationId: 'markNotificationRead',
    summary: 'Mark a notification read, for every member of the organisation (its members)',
    tags: ['Organisations'],
    auth: 'token',
    parameters: [
      'org',
      { name: 'notification', in: 'path', required: true, description: 'The notification’s id, as listed.', schema: { type: 'string', maxLength: 100 } },
    ],
    responses: {
      200: jsonResponse('The notification, marked read (marking it again keeps the first reading).', ref('Notification')),
      ...errors(401, 403, 404),
    },
    handler: async (c, { params }) => c.json(await markNotificationRead(c.var.domain, c.var.caller, params.org, params.notification)),
  }),
];

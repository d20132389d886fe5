import { MAX_PAGE_SIZE } from '../../domain/dataset-listing';
import { listSchemaEvents } from '../../standards/events/feed';
import { errors, jsonResponse, ref } from '../openapi/builders';
import { route } from './declare';

/** Page size of the events feed when none is asked for. */
const DEFAULT_EVENTS_PAGE = 50;

/** A standard's events (a version proposed or published) as a feed anyone can poll. */
export const schemaEventRoutes = [
  route({
    method: 'GET',
    path: '/api/v1/schemas/:schema/events',
    operationId: 'listSchemaEvents',
    summary: 'The events of a standard: each version proposed or published, oldest first',
    description: `The same events the exchange puts on its EventBridge bus (source \`london-data-exchange\`, detail-types \`Schema version proposed\` and \`Schema version published\`), for systems that poll instead: keep the \`next\` link and follow it later for what came since. Each event names only the declaring datasets the caller may see. Up to ${MAX_PAGE_SIZE} a page.`,
    tags: ['Schemas'],
    auth: 'optional',
    parameters: ['schema', 'limit', 'cursor'],
    responses: { 200: jsonResponse('One page of events, oldest first.', ref('SchemaEventList')), ...errors(400, 404) },
    handler: async (c, { params, query }) => {
      const limit = query.limit === undefined ? DEFAULT_EVENTS_PAGE : Number(query.limit);
      const page = await listSchemaEvents(c.var.domain, c.var.caller, params.schema, { limit, cursor: query.cursor as string | undefined });
      const path = `/schemas/${encodeURIComponent(params.schema)}/events`;
      const next = page.next ? c.var.urls.api(`${path}?limit=${limit}&cursor=${encodeURIComponent(page.next)}`) : null;
      return c.json({ count: page.results.length, results: page.results, next });
    },
  }),
];

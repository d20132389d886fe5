import { requestSchemas } from '../../domain/request-schemas';
import { type Json, ref } from './builders';

/** Components for harvest sources (schemas/requests/harvest-source.schema.json) and their runs. */
const dateTime = { type: 'string', format: 'date-time' };
const count = { type: 'integer', minimum: 0 };
const inputSchema = requestSchemas['harvest-source'];
const page = (item: string): Json => ({
  type: 'object',
  required: ['count', 'results'],
  properties: { count, results: { type: 'array', items: ref(item) } },
});

export const harvestComponents: Record<string, Json> = {
  HarvestSourceInput: inputSchema,
  HarvestSourcePatch: {
    type: 'object',
    title: 'HarvestSourcePatch',
    description: 'JSON Merge Patch of a harvest source: send only the fields to change; null removes title or filters (filters are replaced whole).',
    additionalProperties: false,
    minProperties: 1,
    properties: Object.fromEntries(Object.entries(inputSchema.properties).map(([name, property]) => [name, { anyOf: [property, { type: 'null' }] }])),
  },
  HarvestSource: {
    type: 'object',
    required: ['id', 'organisation', 'kind', 'url', 'schedule', 'mode', 'created', 'modified'],
    properties: {
      ...inputSchema.properties,
      id: { type: 'string', format: 'uuid' },
      organisation: { type: 'string' },
      created: dateTime,
      modified: dateTime,
    },
  },
  HarvestSourceList: page('HarvestSource'),
  HarvestRun: {
    type: 'object',
    description: 'One harvest of a source: what it saw and wrote. A record the exchange could not take is an entry of `errors`, not a failed run.',
    required: ['id', 'source', 'organisation', 'status', 'started', 'pages', 'seen', 'created', 'updated', 'unchanged', 'withdrawn', 'errors'],
    properties: {
      id: { type: 'string', format: 'uuid' },
      source: { type: 'string', format: 'uuid' },
      organisation: { type: 'string' },
      status: {
        type: 'string',
        enum: ['running', 'completed', 'incomplete'],
        description:
          '`running` until its last page is taken (`finished` and `durationMs` are set then); `incomplete` when paging stopped early (a page could not be read, a page repeated, the page cap): nothing is withdrawn then.',
      },
      started: dateTime,
      finished: dateTime,
      durationMs: count,
      pages: count,
      seen: count,
      created: count,
      updated: count,
      unchanged: count,
      withdrawn: count,
      mirror: {
        type: 'object',
        description:
          'Mirror mode only: what happened to the source’s files. `copied` went through the upload pipeline (of them `published`, `failed` validation, or still `validating` when the run ended); `unchanged` files (304, or the same bytes) were not ingested again; `notCopied` stayed links (too large, unreachable, refused, licence not recognised); `withdrawn` copies were marked in this run because the source record no longer lists their file (kept, with `mirroredFrom.withdrawnAt`). Failures are also entries of `errors`.',
        required: ['copied', 'unchanged', 'published', 'failed', 'validating', 'notCopied'],
        properties: { copied: count, unchanged: count, published: count, failed: count, validating: count, notCopied: count, withdrawn: count },
      },
      errors: {
        type: 'array',
        description: 'The first 100 errors of the run; any more are counted in `errorsOmitted`.',
        items: { type: 'object', required: ['message'], properties: { identifier: { type: 'string' }, message: { type: 'string' } } },
      },
      errorsOmitted: {
        ...count,
        description: 'Errors beyond the 100 listed in `errors`: counted, not stored (a source of many bad records cannot blow up its report).',
      },
    },
  },
  HarvestRunList: page('HarvestRun'),
};

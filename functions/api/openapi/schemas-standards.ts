import { requestSchemas } from '../../domain/request-schemas';
import { type Json, ref } from './builders';

/** Components for the versions and governance of the common data schemas. */
const dateTime = { type: 'string', format: 'date-time' };
const count = { type: 'integer', minimum: 0 };
/** A listing: how many, and the items. */
const listOf = (items: Json): Json => ({ type: 'object', required: ['count', 'results'], properties: { count, results: { type: 'array', items } } });
const actor: Json = {
  type: 'object',
  required: ['kind'],
  properties: { kind: { type: 'string', enum: ['platform-admin', 'member'] }, organisation: { type: 'string' }, tokenId: { type: 'string' } },
};
const difference: Json = {
  type: 'object',
  required: ['field', 'breaking', 'message'],
  properties: { field: { type: 'string' }, breaking: { type: 'boolean' }, message: { type: 'string' } },
};
/** The first problems of a validation report, in the standard's field names. */
const problems: Json = {
  type: 'array',
  items: {
    type: 'object',
    required: ['code', 'message'],
    properties: { code: { type: 'string' }, field: { type: 'string' }, row: { type: 'integer' }, message: { type: 'string' } },
  },
};
const impactEntry: Json = {
  type: 'object',
  required: ['datasetId', 'dataset', 'organisation', 'resource', 'outcome'],
  properties: {
    datasetId: { type: 'string' },
    dataset: { type: 'string' },
    organisation: { type: 'string' },
    resource: { type: 'string' },
    version: { type: 'integer' },
    outcome: { type: 'string', enum: ['conforms', 'fails', 'no-data'] },
    errorCount: count,
    errors: problems,
  },
};
const versionProperties: Record<string, Json> = {
  schema: { type: 'string' },
  version: { type: 'string' },
  status: { type: 'string', enum: ['proposed', 'published', 'withdrawn'] },
  shipped: { type: 'boolean', description: 'True for the version shipped with the exchange.' },
  reason: { type: 'string' },
  basedOn: { type: 'string', description: 'The published version this one was compared with.' },
  change: { type: 'string', enum: ['none', 'compatible', 'breaking'] },
  differences: { type: 'array', items: difference },
  proposedBy: actor,
  proposedAt: dateTime,
  publishedBy: actor,
  publishedAt: dateTime,
  impactSummary: {
    type: 'object',
    description: 'How many declaring datasets (that you may see) conform, fail, or have no data, checked when it was proposed.',
    required: ['checkedAt', 'conforms', 'fails', 'noData'],
    properties: { checkedAt: dateTime, conforms: count, fails: count, noData: count },
  },
  links: { type: 'object', required: ['self'], properties: { self: { type: 'string', format: 'uri' } } },
};
const versionRequired = ['schema', 'version', 'status', 'shipped', 'reason', 'basedOn', 'change', 'differences', 'links'];

export const standardsComponents: Record<string, Json> = {
  SchemaVersionProposal: requestSchemas['schema-version-proposal'],
  StewardsInput: requestSchemas['stewards-input'],
  SchemaVersion: {
    type: 'object',
    required: [...versionRequired, 'schemaDocument'],
    properties: {
      ...versionProperties,
      schemaDocument: ref('JsonSchemaDocument'),
      impact: { type: 'object', required: ['checkedAt', 'datasets'], properties: { checkedAt: dateTime, datasets: { type: 'array', items: impactEntry } } },
    },
  },
  SchemaVersionList: listOf({ type: 'object', required: versionRequired, properties: versionProperties }),
  SchemaConformance: {
    type: 'object',
    required: ['schema', 'title', 'summary', 'organisations'],
    properties: {
      schema: { type: 'string' },
      title: { type: 'string' },
      expectedFrequency: {
        type: 'object',
        description: 'How often the standard expects its data to be updated (ISO 8601 duration), and the rule that says so.',
        required: ['every', 'rule'],
        properties: { every: { type: 'string' }, rule: { type: 'string' } },
      },
      summary: {
        type: 'object',
        required: ['boroughs', 'boroughsPublishing', 'boroughsConforming', 'boroughsOverdue', 'organisationsPublishing'],
        properties: { boroughs: count, boroughsPublishing: count, boroughsConforming: count, boroughsOverdue: count, organisationsPublishing: count },
      },
      organisations: {
        type: 'array',
        items: {
          type: 'object',
          required: ['organisation', 'name', 'type', 'publishes', 'conforms', 'overdue', 'datasets'],
          properties: {
            organisation: { type: 'string' },
            name: { type: 'string' },
            type: { type: 'string' },
            gssCode: { type: 'string' },
            publishes: { type: 'boolean' },
            conforms: { type: 'boolean' },
            overdue: { type: 'boolean' },
            datasets: {
              type: 'array',
              items: {
                type: 'object',
                required: ['name', 'title', 'status', 'overdue'],
                properties: {
                  name: { type: 'string' },
                  title: { type: 'string' },
                  status: { type: 'string', enum: ['conforms', 'unverified', 'no-data'] },
                  lastUpdated: dateTime,
                  overdue: { type: 'boolean' },
                },
              },
            },
          },
        },
      },
    },
  },
  SchemaSuggestionList: listOf({
    type: 'object',
    required: [
      'schema',
      'title',
      'version',
      'score',
      'matchedFields',
      'headerRenames',
      'missingRequiredFields',
      'extraColumns',
      'wouldConform',
      'errorCount',
      'errors',
    ],
    properties: {
      schema: { type: 'string' },
      title: { type: 'string' },
      version: { type: 'string' },
      score: { type: 'number', minimum: 0, maximum: 1, description: 'Share of the standard’s fields found among the headers.' },
      matchedFields: { type: 'array', items: { type: 'string' } },
      headerRenames: {
        type: 'array',
        description: 'Headers that match a field once case, spaces and punctuation are set aside: rename them to declare the standard.',
        items: { type: 'object', required: ['column', 'field'], properties: { column: { type: 'string' }, field: { type: 'string' } } },
      },
      missingRequiredFields: { type: 'array', items: { type: 'string' } },
      extraColumns: { type: 'array', items: { type: 'string' } },
      wouldConform: { type: 'boolean' },
      errorCount: count,
      errors: problems,
    },
  }),
  SchemaStewards: {
    type: 'object',
    required: ['schema', 'organisations'],
    properties: { schema: { type: 'string' }, organisations: { type: 'array', items: { type: 'string' } } },
  },
  SchemaEventList: {
    type: 'object',
    required: ['count', 'results', 'next'],
    properties: {
      count,
      next: { type: ['string', 'null'], format: 'uri', description: 'The next page; null on the last page (follow it later for newer events).' },
      results: {
        type: 'array',
        items: {
          type: 'object',
          required: ['source', 'detailType', 'time', 'detail', 'delivery'],
          properties: {
            source: { const: 'london-data-exchange' },
            detailType: { type: 'string', enum: ['Schema version proposed', 'Schema version published'] },
            time: dateTime,
            delivery: { type: 'string', enum: ['pending', 'delivered'], description: 'Whether the event bus has accepted it yet.' },
            detail: {
              type: 'object',
              required: ['eventId', 'schema', 'version', 'status', 'change', 'basedOn', 'reason', 'at', 'affected', 'links'],
              properties: {
                eventId: { type: 'string', description: 'The same on every delivery of this event.' },
                schema: { type: 'string' },
                version: { type: 'string' },
                status: { type: 'string', enum: ['proposed', 'published'] },
                change: { type: 'string', enum: ['none', 'compatible', 'breaking'] },
                basedOn: { type: 'string' },
                reason: { type: 'string' },
                at: dateTime,
                affected: {
                  type: 'object',
                  description: 'Declaring datasets anyone may see (and that you may see), with their outcome against the version.',
                  required: ['datasets', 'organisations', 'more'],
                  properties: {
                    datasets: {
                      type: 'array',
                      items: {
                        type: 'object',
                        required: ['datasetId', 'dataset', 'organisation', 'outcome'],
                        properties: {
                          datasetId: { type: 'string' },
                          dataset: { type: 'string' },
                          organisation: { type: 'string' },
                          outcome: { type: 'string', enum: ['conforms', 'fails', 'no-data'] },
                        },
                      },
                    },
                    organisations: { type: 'array', items: { type: 'string' } },
                    more: { ...count, description: 'Public declaring datasets left out of the event for its size.' },
                  },
                },
                links: {
                  type: 'object',
                  required: ['version', 'versions', 'schemaPage', 'events'],
                  properties: {
                    version: { type: 'string', format: 'uri' },
                    versions: { type: 'string', format: 'uri' },
                    schemaPage: { type: 'string', format: 'uri' },
                    events: { type: 'string', format: 'uri' },
                  },
                },
              },
            },
          },
        },
      },
    },
  },
  TableReferenceReport: {
    type: 'object',
    required: ['dataset', 'valid', 'checks', 'errorCount', 'errors'],
    properties: {
      dataset: { type: 'string' },
      valid: { type: 'boolean', description: 'No broken reference among the checks made.' },
      checks: {
        type: 'array',
        items: {
          type: 'object',
          required: ['resource', 'schema', 'fields', 'reference', 'status', 'errorCount'],
          properties: {
            resource: { type: 'string' },
            schema: { type: 'string' },
            fields: { type: 'array', items: { type: 'string' } },
            reference: {
              type: 'object',
              required: ['schema', 'fields', 'resources'],
              properties: {
                schema: { type: 'string' },
                fields: { type: 'array', items: { type: 'string' } },
                resources: { type: 'array', items: { type: 'string' } },
              },
            },
            status: {
              type: 'string',
              enum: ['checked', 'no-referenced-table', 'no-data'],
              description: 'Not checked when no resource of the dataset declares the referenced table, or a table has no data yet.',
            },
            errorCount: count,
          },
        },
      },
      errorCount: count,
      errors: {
        type: 'array',
        description: 'The first 100 broken references.',
        items: {
          type: 'object',
          required: ['code', 'resource', 'schema', 'row', 'field', 'value', 'reference', 'message'],
          properties: {
            code: { const: 'foreign-key-error' },
            resource: { type: 'string' },
            schema: { type: 'string' },
            row: { type: 'integer', minimum: 2 },
            field: { type: 'string' },
            value: { type: 'string' },
            reference: {
              type: 'object',
              required: ['schema', 'fields'],
              properties: { schema: { type: 'string' }, fields: { type: 'array', items: { type: 'string' } } },
            },
            message: { type: 'string' },
          },
        },
      },
    },
  },
  NotificationList: listOf(ref('Notification')),
  Notification: {
    type: 'object',
    required: ['id', 'organisation', 'at', 'kind', 'schema', 'version', 'change', 'message', 'failingDatasets'],
    properties: {
      id: { type: 'string' },
      organisation: { type: 'string' },
      at: dateTime,
      kind: { const: 'schema-version-published' },
      schema: { type: 'string' },
      version: { type: 'string' },
      change: { type: 'string', enum: ['compatible', 'breaking'] },
      message: { type: 'string' },
      failingDatasets: { type: 'array', items: { type: 'string' } },
      readAt: { ...dateTime, description: 'When a member marked it read; absent while unread.' },
      readBy: { type: 'string', description: 'Who marked it read (organisation and token or person).' },
    },
  },
};

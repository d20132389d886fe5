import { type Json, ref } from './builders';

/** Components for the catalogue-wide reads: health, schemas, the register, rows and the interoperability formats. */
const dateTime = { type: 'string', format: 'date-time' };
const uri = { type: 'string', format: 'uri' };

export const catalogueComponents: Record<string, Json> = {
  Health: {
    type: 'object',
    required: ['status', 'time'],
    properties: { status: { const: 'ok' }, time: dateTime },
  },
  SchemaList: {
    type: 'object',
    required: ['count', 'results'],
    properties: {
      count: { type: 'integer' },
      results: {
        type: 'array',
        items: {
          type: 'object',
          required: ['kind', 'id', '$id', 'title', 'version', 'links'],
          properties: {
            kind: {
              type: 'string',
              enum: ['data', 'document', 'metadata'],
              description: 'data: one row per record; document: one nested JSON document (360Giving); metadata: the exchange’s own records.',
            },
            id: { type: 'string' },
            $id: uri,
            title: { type: 'string' },
            description: { type: 'string' },
            version: { type: 'string' },
            fields: {
              type: 'array',
              description: 'The columns of one row (data schemas only).',
              items: {
                type: 'object',
                required: ['name', 'type'],
                properties: {
                  name: { type: 'string' },
                  title: { type: 'string' },
                  description: { type: 'string' },
                  type: { type: 'string' },
                  required: { type: 'boolean' },
                },
              },
            },
            links: { type: 'object', required: ['self'], properties: { self: uri } },
          },
        },
      },
    },
  },
  JsonSchemaDocument: {
    type: 'object',
    description: 'A JSON Schema (draft 2020-12) document with its `$id`.',
    required: ['$id'],
    properties: { $schema: { type: 'string' }, $id: uri, title: { type: 'string' } },
  },
  SharingRegister: {
    type: 'object',
    required: ['description', 'generatedAt', 'active', 'recent'],
    properties: {
      description: { type: 'string' },
      generatedAt: dateTime,
      active: { type: 'array', items: ref('RegisterEntry') },
      recent: { type: 'array', items: ref('RegisterEntry'), description: 'Grants that expired or were revoked recently.' },
    },
  },
  RowsPage: {
    type: 'object',
    required: ['dataset', 'resource', 'version', 'fields', 'records', 'total', 'limit', 'next'],
    properties: {
      dataset: { type: 'string' },
      resource: { type: 'string' },
      version: { type: 'integer', minimum: 1, description: 'The version the rows come from (a cursor stays on it).' },
      fields: {
        type: 'array',
        items: {
          type: 'object',
          required: ['name', 'type'],
          properties: { name: { type: 'string' }, type: { type: 'string', enum: ['integer', 'number', 'boolean', 'date', 'datetime', 'string'] } },
        },
      },
      records: { type: 'array', items: { type: 'object', additionalProperties: { type: ['string', 'number', 'boolean', 'null'] } } },
      total: { type: ['integer', 'null'], minimum: 0, description: 'Rows matching the filters; null with total=none.' },
      total_estimated: { const: true, description: 'Present when `total` is an estimate (a filtered count over a very large version).' },
      limit: { type: 'integer', minimum: 1 },
      next: { type: ['string', 'null'], format: 'uri', description: 'The next page (a keyset cursor that stays on the same version), or null.' },
    },
  },
  DataPackage: {
    type: 'object',
    description:
      'A Frictionless Data Package (https://datapackage.org/standard/data-package/): one resource per published file, each with its Table Schema and the URL of its normalised CSV. The full rules are the Data Package profile.',
    required: ['name', 'resources'],
    properties: {
      $schema: uri,
      name: { type: 'string' },
      id: uri,
      title: { type: 'string' },
      description: { type: 'string' },
      homepage: uri,
      created: dateTime,
      keywords: { type: 'array', items: { type: 'string' } },
      licenses: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' }, path: uri, title: { type: 'string' } } } },
      contributors: { type: 'array', items: { type: 'object' } },
      resources: {
        type: 'array',
        minItems: 1,
        items: {
          type: 'object',
          required: ['name', 'path'],
          properties: {
            name: { type: 'string' },
            title: { type: 'string' },
            description: { type: 'string' },
            path: { ...uri, description: 'The CSV download: redirects to a short-lived link; send the same bearer token.' },
            type: { const: 'table' },
            format: { const: 'csv' },
            mediatype: { const: 'text/csv' },
            encoding: { const: 'utf-8' },
            schema: ref('TableSchema'),
          },
        },
      },
    },
  },
  DcatUsCatalog: {
    type: 'object',
    description: 'A DCAT-US 1.1 catalogue (Project Open Data data.json, non-federal schema: https://project-open-data.cio.gov/v1.1/schema/catalog.json).',
    required: ['conformsTo', 'dataset'],
    properties: {
      '@context': uri,
      '@id': uri,
      '@type': { const: 'dcat:Catalog' },
      conformsTo: { const: 'https://project-open-data.cio.gov/v1.1/schema' },
      describedBy: uri,
      dataset: { type: 'array', items: { type: 'object', required: ['title', 'description', 'publisher', 'contactPoint', 'identifier', 'accessLevel'] } },
    },
  },
  JsonLdDocument: {
    type: 'object',
    description: 'A DCAT-AP JSON-LD document (dcat:Catalog with a hydra:PartialCollectionView, or one dcat:Dataset).',
    required: ['@context', '@id', '@type'],
    properties: { '@context': { type: 'object' }, '@id': uri, '@type': { type: ['string', 'array'] } },
  },
  OpenApiDocument: {
    type: 'object',
    description: 'This document: OpenAPI 3.1.',
    required: ['openapi', 'info', 'paths'],
    properties: { openapi: { type: 'string', pattern: '^3\\.1\\.\\d+$' }, info: { type: 'object' }, paths: { type: 'object' } },
  },
};

import { notFound } from '../../domain/errors';
import { metadataSchemas } from '../../domain/metadata-schemas';
import { getDataSchema, listDataSchemas } from '../../ingest/core/data-schemas';
import { getDocumentStandard, listDocumentStandards } from '../../ingest/core/documents/registry';
import { errors, jsonResponse, ref } from '../openapi/builders';
import { route } from './declare';

/** The common data schemas (one row each) and the metadata schemas, as published JSON Schemas. */
export const schemaRoutes = [
  route({
    method: 'GET',
    path: '/api/v1/schemas',
    operationId: 'listSchemas',
    summary: 'Common data schemas and metadata schemas',
    tags: ['Schemas'],
    auth: 'public',
    responses: { 200: jsonResponse('Every published schema.', ref('SchemaList')) },
    handler: (c) => {
      const data = listDataSchemas().map((schema) => ({
        kind: 'data',
        id: schema.id,
        $id: schema.$id,
        title: schema.title,
        description: schema.description,
        version: schema.version,
        fields: schema.fields,
        links: { self: c.var.urls.api(`/schemas/${schema.id}`) },
      }));
      const metadata = Object.entries(metadataSchemas).map(([id, schema]) => ({
        kind: 'metadata',
        id,
        $id: schema.$id,
        title: schema.title,
        description: schema.description,
        version: schema.version,
        links: { self: c.var.urls.api(`/schemas/${id}`) },
      }));
      // Standards whose data is one nested JSON document (360Giving): their schema is the standard's own package schema.
      const documents = listDocumentStandards().map((standard) => ({
        kind: 'document',
        id: standard.id,
        $id: standard.schemaUri,
        title: standard.title,
        description: standard.description,
        version: standard.version,
        links: { self: c.var.urls.api(`/schemas/${standard.id}`) },
      }));
      return c.json({ count: data.length + documents.length + metadata.length, results: [...data, ...documents, ...metadata] });
    },
  }),
  route({
    method: 'GET',
    path: '/api/v1/schemas/:schema',
    operationId: 'getSchema',
    summary: 'One JSON Schema document',
    tags: ['Schemas'],
    auth: 'public',
    parameters: ['schema'],
    responses: { 200: { description: 'The schema.', content: { 'application/schema+json': { schema: ref('JsonSchemaDocument') } } }, ...errors(404) },
    handler: (c, { params }) => {
      const id = params.schema;
      const document = Object.hasOwn(metadataSchemas, id)
        ? metadataSchemas[id as keyof typeof metadataSchemas]
        : (getDataSchema(id)?.document ?? getDocumentStandard(id)?.packageSchema);
      if (!document || id.includes(':')) throw notFound('schema');
      c.header('Content-Type', 'application/schema+json');
      return c.body(JSON.stringify(document, null, 2));
    },
  }),
];

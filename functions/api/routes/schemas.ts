import { Hono } from 'hono';
import { notFound } from '../../domain/errors';
import { metadataSchemas } from '../../domain/metadata-schemas';
import { getDataSchema, listDataSchemas } from '../../ingest/core/data-schemas';
import type { AppEnv } from '../env';

/** The common data schemas (one row each) and the metadata schemas, as published JSON Schemas. */
export const schemaRoutes = new Hono<AppEnv>()
  .get('/', (c) => {
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
    return c.json({ count: data.length + metadata.length, results: [...data, ...metadata] });
  })
  .get('/:schema', (c) => {
    const id = c.req.param('schema');
    const document = Object.hasOwn(metadataSchemas, id) ? metadataSchemas[id as keyof typeof metadataSchemas] : getDataSchema(id)?.document;
    if (!document || id.includes(':')) throw notFound('schema');
    c.header('Content-Type', 'application/schema+json');
    return c.body(JSON.stringify(document, null, 2));
  });

/** A standard as pages and the conformance view name it: a common data schema (rows) or a document standard (360Giving). */
import { notFound } from '../domain/errors';
import { getDataSchema } from '../ingest/core/data-schemas';
import { getDocumentStandard } from '../ingest/core/documents/registry';

export interface StandardSummary {
  id: string;
  title: string;
  description: string;
  version: string;
  /** Row schemas have governed versions and stewards; document standards are the standard's own published schema. */
  kind: 'data' | 'document';
}

export const standardSummary = (id: string): StandardSummary => {
  const data = getDataSchema(id);
  if (data && data.id === id) return { id, title: data.title, description: data.description, version: data.version, kind: 'data' };
  const document = getDocumentStandard(id);
  if (document) return { id, title: document.title, description: document.description, version: document.version, kind: 'document' };
  throw notFound('standard');
};

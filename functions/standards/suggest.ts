/**
 * Which common standards an upload most likely follows, and what would fail if it declared them:
 * the quickest path from a council's own spreadsheet to a conforming dataset. Candidates are
 * found by header names (compared without case, spaces or punctuation), then the file is
 * validated against each of the best, from its original bytes, as an upload declaring it would be.
 */
import { auditsDataReads, recordAudit } from '../domain/audit';
import type { Caller } from '../domain/caller';
import type { DomainContext } from '../domain/context';
import { readableVersionOf } from '../domain/data-access';
import { getResource } from '../domain/resources';
import { type DataSchema, listDataSchemas } from '../ingest/core/data-schemas';
import { resolveDeclaredSchema } from './schema-versions';
import { ingestCore } from './ingest-core';

/** Candidates validated: matching headers is cheap, validating a file is not. */
const CHECKED = 3;
/** A standard is suggested only when this share of its required fields (or of all its fields, when none is required) is present. */
const MIN_REQUIRED_SHARE = 0.5;
const PROBLEMS_SHOWN = 10;

export interface SchemaSuggestion {
  schema: string;
  title: string;
  version: string;
  /** Share of the standard's fields found among the file's headers (0 to 1). */
  score: number;
  matchedFields: string[];
  /** Headers that match a field only once case, spaces and punctuation are set aside: rename them to declare the standard. */
  headerRenames: Array<{ column: string; field: string }>;
  missingRequiredFields: string[];
  /** Headers the file has that the standard does not name. */
  extraColumns: string[];
  wouldConform: boolean;
  errorCount: number;
  errors: Array<{ code: string; field?: string; row?: number; message: string }>;
}

const normalise = (name: string): string => name.toLowerCase().replace(/[^a-z0-9]/g, '');

interface Candidate {
  schema: DataSchema;
  score: number;
  matched: string[];
  renames: Array<{ column: string; field: string }>;
  missingRequired: string[];
  extra: string[];
}

export const rankByHeaders = (headers: readonly string[], schemas: readonly DataSchema[]): Candidate[] => {
  const present = new Map(headers.map((h) => [normalise(h), h]));
  return schemas
    .map((schema) => {
      const matched = schema.fields.filter((f) => present.has(normalise(f.name))).map((f) => f.name);
      const renames = matched.map((field) => ({ column: present.get(normalise(field)) as string, field })).filter(({ column, field }) => column !== field);
      const required = schema.fields.filter((f) => f.required);
      const missingRequired = required.filter((f) => !present.has(normalise(f.name))).map((f) => f.name);
      const known = new Set(schema.fields.map((f) => normalise(f.name)));
      const extra = headers.filter((h) => !known.has(normalise(h)));
      const requiredShare = required.length ? (required.length - missingRequired.length) / required.length : matched.length / schema.fields.length;
      return { schema, score: matched.length / schema.fields.length, matched, renames, missingRequired, extra, requiredShare };
    })
    .filter((c) => c.matched.length > 0 && c.requiredShare >= MIN_REQUIRED_SHARE)
    .sort((a, b) => b.requiredShare - a.requiredShare || b.score - a.score)
    .map(({ requiredShare: _share, ...candidate }) => candidate);
};

/** Suggestions for a resource's current (or given) version; its data is read through the data gate, and audited like a report. */
export const suggestSchemas = async (
  ctx: DomainContext,
  caller: Caller,
  datasetReference: string,
  resourceReference: string,
  versionNumber: number | undefined,
  route: string,
): Promise<SchemaSuggestion[]> => {
  // Read once through the policy, then the same data gate as every read (readableVersion), without reading them again.
  const { dataset: datasetRecord, resource } = await getResource(ctx, caller, datasetReference, resourceReference);
  const { dataset, resourceName, version } = await readableVersionOf(ctx, caller, datasetRecord.value, resource.value, versionNumber);
  const headers = tableHeaders(version.value.schema);
  // Each standard as an upload declaring it today would be checked: its latest compatible version.
  const resolved = await Promise.all(listDataSchemas().map((summary) => resolveDeclaredSchema(ctx, summary.id)));
  const schemas = resolved.filter((s): s is DataSchema => s !== undefined);
  const candidates = rankByHeaders(headers, schemas).slice(0, CHECKED);
  const original = version.value.objects?.original;
  const suggestions: SchemaSuggestion[] = [];
  for (const candidate of candidates) {
    const source = original ? await ctx.objects.get({ bucket: 'published', key: original.key }) : undefined;
    const report = source
      ? (await ingestCore().validateUpload({ source, filename: version.value.filename, declaredFormat: resource.value.format, dataSchema: candidate.schema }))
          .report
      : undefined;
    suggestions.push({
      schema: candidate.schema.id,
      title: candidate.schema.title,
      version: candidate.schema.version,
      score: Math.round(candidate.score * 100) / 100,
      matchedFields: candidate.matched,
      headerRenames: candidate.renames,
      missingRequiredFields: candidate.missingRequired,
      extraColumns: candidate.extra,
      wouldConform: report?.valid ?? false,
      errorCount: report?.errorCount ?? 0,
      errors: (report?.errors ?? []).slice(0, PROBLEMS_SHOWN).map((e) => ({
        code: e.code,
        ...(e.field ? { field: e.field } : {}),
        ...(e.row !== null && e.row !== undefined ? { row: e.row } : {}),
        message: e.message,
      })),
    });
  }
  if (auditsDataReads(dataset)) await recordAudit(ctx, caller, dataset, 'data.report', route, { resource: resourceName, version: version.value.version });
  return suggestions;
};

const tableHeaders = (schema: unknown): string[] => {
  const fields = (schema as { fields?: Array<{ name?: unknown }> } | undefined)?.fields;
  return Array.isArray(fields) ? fields.map((f) => f.name).filter((n): n is string => typeof n === 'string') : [];
};

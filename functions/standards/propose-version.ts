/**
 * Proposing a new version of a common standard: the exchange classifies the change, checks the
 * version number against it, and runs the proposal over every dataset that declares the standard
 * before anyone can publish it.
 */
import type { Urls } from '../api/http/urls';
import type { Caller } from '../domain/caller';
import type { DomainContext } from '../domain/context';
import { conflict, validationFailed } from '../domain/errors';
import { requestShapeProblems } from '../domain/request-schemas';
import { DATA_SCHEMA_BASE, dataSchemaFromDocument } from '../ingest/core/data-schemas';
import { RecordExistsError } from '../storage/catalogue-store';
import { governanceActor } from './actor';
import { announceSchemaVersion } from './events/delivery';
import { checkImpact } from './impact';
import { classifySchemaChange, type RowSchemaDocument } from './schema-compatibility';
import { latestPublished, shippedSchema } from './schema-versions';
import { assertGovernor } from './stewards';
import { type SchemaVersionRecord, schemaVersionKey, schemaVersionListing } from './version-records';
import { versionNumberProblem } from './version-rules';

export interface ProposalInput {
  version?: unknown;
  reason?: unknown;
  schema?: unknown;
}

export const proposeSchemaVersion = async (
  ctx: DomainContext,
  caller: Caller,
  schemaId: string,
  input: ProposalInput,
  urls: Urls,
): Promise<SchemaVersionRecord> => {
  shippedSchema(schemaId);
  await assertGovernor(ctx, caller, schemaId);
  const { version, reason, document } = parseProposal(input);
  const latest = await latestPublished(ctx, schemaId);
  const { change, differences } = classifySchemaChange(latest.document as RowSchemaDocument, document as RowSchemaDocument);
  const numberProblem = versionNumberProblem(latest.version, version, change);
  if (numberProblem) throw validationFailed([{ field: 'version', message: numberProblem }]);

  const identified = { ...document, $id: `${DATA_SCHEMA_BASE}${schemaId}/${version}`, version };
  const candidate = compileCandidate(identified);
  const record: SchemaVersionRecord = {
    schema: schemaId,
    version,
    status: 'proposed',
    document: identified,
    reason,
    basedOn: latest.version,
    change,
    differences,
    proposedBy: governanceActor(caller),
    proposedAt: ctx.now().toISOString(),
    impact: await checkImpact(ctx, schemaId, candidate),
  };
  try {
    await ctx.catalogue.create(schemaVersionKey(schemaId, version), record, schemaVersionListing(record));
  } catch (error) {
    if (error instanceof RecordExistsError) throw conflict(`Version ${version} of "${schemaId}" has already been proposed.`);
    throw error;
  }
  await announceSchemaVersion(ctx, 'proposed', record, urls);
  return record;
};

const parseProposal = (input: ProposalInput): { version: string; reason: string; document: Record<string, unknown> } => {
  const problems = requestShapeProblems('schema-version-proposal', input);
  if (problems.length > 0) throw validationFailed(problems);
  return { version: input.version as string, reason: (input.reason as string).trim(), document: input.schema as Record<string, unknown> };
};

/** Compiles the proposal once, so that a schema ajv refuses is a 422 now rather than a failed check later. */
const compileCandidate = (document: Record<string, unknown>) => {
  const candidate = dataSchemaFromDocument(document);
  try {
    void candidate.validate;
  } catch (error) {
    throw validationFailed([{ field: 'schema', message: `is not a valid row schema: ${(error as Error).message}` }]);
  }
  return candidate;
};

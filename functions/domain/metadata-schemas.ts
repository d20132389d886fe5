import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020';
import datasetSchema from '../../schemas/dataset.schema.json';
import organisationSchema from '../../schemas/organisation.schema.json';
import { type FieldProblem, validationFailed } from './errors';

/**
 * Metadata schemas (schemas/*.schema.json), each compiled once, on the first write that needs it.
 * Client input is checked in two steps: fields the exchange owns (readOnly) are refused by name,
 * then the whole record is validated.
 */
export const metadataSchemas = { dataset: datasetSchema, organisation: organisationSchema } as const;
export type MetadataKind = keyof typeof metadataSchemas;

const validators = new Map<MetadataKind, ValidateFunction>();

/**
 * The kind's compiled validator. ajv is required here rather than imported: loading it and
 * compiling the schemas is a large part of a function's start-up, and most requests only read.
 */
const validatorFor = (kind: MetadataKind): ValidateFunction => {
  let validate = validators.get(kind);
  if (!validate) {
    const { default: Ajv2020 } = require('ajv/dist/2020') as typeof import('ajv/dist/2020');
    const { default: addFormats } = require('ajv-formats') as typeof import('ajv-formats');
    const ajv = new Ajv2020({ allErrors: true, strict: true, keywords: ['version'] });
    addFormats(ajv);
    for (const [name, schema] of Object.entries(metadataSchemas) as Array<[MetadataKind, object]>) validators.set(name, ajv.compile(schema));
    validate = validators.get(kind)!;
  }
  return validate;
};

const readOnlyFields = (kind: MetadataKind): string[] =>
  Object.entries(metadataSchemas[kind].properties)
    .filter(([, property]) => (property as { readOnly?: boolean }).readOnly === true)
    .map(([name]) => name);

const fieldOf = (error: ErrorObject): string => {
  const path = error.instancePath.replace(/^\//, '').replace(/\//g, '.');
  const missing = error.keyword === 'required' ? (error.params as { missingProperty: string }).missingProperty : undefined;
  const extra = error.keyword === 'additionalProperties' ? (error.params as { additionalProperty: string }).additionalProperty : undefined;
  return [path, missing ?? extra].filter(Boolean).join('.') || '(body)';
};

const messageOf = (error: ErrorObject): string => {
  if (error.keyword === 'additionalProperties') return 'is not a known field';
  if (error.keyword === 'required') return 'is required';
  if (error.keyword === 'enum') return `must be one of: ${(error.params as { allowedValues: unknown[] }).allowedValues.join(', ')}`;
  return error.message ?? 'is invalid';
};

/** Throws validation_failed naming each client-supplied field the exchange owns. */
export const refuseServerOwnedFields = (kind: MetadataKind, input: Record<string, unknown>, alsoOwned: string[] = []): void => {
  const owned = [...readOnlyFields(kind), ...alsoOwned].filter((field) => field in input);
  if (owned.length > 0) {
    throw validationFailed(owned.map((field) => ({ field, message: 'is set by the exchange and cannot be sent' })));
  }
};

/** Throws validation_failed with one entry per failing field. */
export const assertValid = (kind: MetadataKind, record: unknown): void => {
  const validate = validatorFor(kind);
  if (validate(record)) return;
  throw validationFailed(fieldProblemsOf(validate.errors ?? []));
};

/** ajv's errors as the one error shape's field problems, once each (the API's request validation uses it too). */
export const fieldProblemsOf = (errors: ErrorObject[]): FieldProblem[] => {
  const problems: FieldProblem[] = [];
  for (const error of errors) {
    const problem = { field: fieldOf(error), message: messageOf(error) };
    if (!problems.some((p) => p.field === problem.field && p.message === problem.message)) problems.push(problem);
  }
  return problems;
};

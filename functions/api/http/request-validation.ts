import type { ValidateFunction } from 'ajv/dist/2020';
import type { Context } from 'hono';
import { validationFailed } from '../../domain/errors';
import { fieldProblemsOf } from '../../domain/metadata-schemas';
import type { AppEnv } from '../env';
import { components } from '../openapi/components';
import type { Json, RequestInput, RouteDeclaration } from '../routes/declare';
import { readJsonObject } from './json-body';

/**
 * Request validation from a route's declaration: its path and query parameters against the JSON
 * Schemas the OpenAPI document shows, by ajv, as one 400 validation_failed naming every failing
 * parameter; and its JSON body read as an object (the domain validates its fields against the
 * declared schema: routes/declare.ts says why). Schemas are compiled on a route's first request,
 * and ajv is required then, not at start-up: most cold starts serve one read.
 */
let shared: import('ajv/dist/2020').default | undefined;
const ajv = () => {
  if (!shared) {
    const { default: Ajv2020 } = require('ajv/dist/2020') as typeof import('ajv/dist/2020');
    const { default: addFormats } = require('ajv-formats') as typeof import('ajv-formats');
    // Not strict, and the schemas are not checked against the 2020-12 meta-schema here: they are the
    // document's, whose own test checks every keyword, and compiling the meta-schema would double
    // the first request's cost on a cold instance.
    shared = new Ajv2020({ allErrors: true, strict: false, validateSchema: false });
    addFormats(shared);
  }
  return shared;
};

const compile = (schema: Json): ValidateFunction => ajv().compile(schema);

const componentParameters = components.parameters as Record<string, Json>;

/** The declaration's parameters as Parameter Objects (component names resolved). */
export const resolvedParameters = (declaration: RouteDeclaration): Json[] =>
  (declaration.parameters ?? []).map((p) => {
    if (typeof p !== 'string') return p;
    if (!Object.hasOwn(componentParameters, p)) throw new Error(`${declaration.operationId}: no parameter component ${p}`);
    return componentParameters[p];
  });

/** Path and query parameter values are strings; an integer parameter is checked as the number it spells. */
const asSchemaType = (value: string | string[], schema: Json): unknown =>
  (schema.type === 'integer' || schema.type === 'number') && typeof value === 'string' && /^-?\d{1,15}$/.test(value) ? Number(value) : value;

interface Validators {
  params?: ValidateFunction;
  query?: ValidateFunction;
}

const objectSchema = (parameters: Json[]): Json | undefined => {
  if (parameters.length === 0) return undefined;
  return {
    type: 'object',
    properties: Object.fromEntries(parameters.map((p) => [p.name as string, p.schema as Json])),
    required: parameters.filter((p) => p.required === true).map((p) => p.name as string),
  };
};

/** Parameters whose values the route checks: by schema, in the path or the query (JSON-valued `content` ones are the handler's). */
const checkedParameters = (declaration: RouteDeclaration, location: 'path' | 'query'): Json[] =>
  resolvedParameters(declaration).filter(
    (p) => p.in === location && p.schema !== undefined && (location === 'path' || declaration.queryCheckedBy !== 'handler'),
  );

const validatorsOf = (declaration: RouteDeclaration): Validators => {
  const params = objectSchema(checkedParameters(declaration, 'path'));
  const query = objectSchema(checkedParameters(declaration, 'query'));
  return { params: params && compile(params), query: query && compile(query) };
};

const check = (validate: ValidateFunction | undefined, value: unknown): void => {
  if (validate && !validate(value)) throw validationFailed(fieldProblemsOf(validate.errors ?? []));
};

/** Reads and validates a request's input as its declaration says, or throws 400/415. */
export const requestReader = (declaration: RouteDeclaration) => {
  let validators: Validators | undefined;
  const pathParameters = resolvedParameters(declaration).filter((p) => p.in === 'path');
  const queryParameters = resolvedParameters(declaration).filter((p) => p.in === 'query');
  return async (c: Context<AppEnv>): Promise<RequestInput> => {
    validators ??= validatorsOf(declaration);
    // Built from the declared names only: a client's parameter names never become keys.
    const params = new Map<string, string>();
    const typedParams = new Map<string, unknown>();
    for (const p of pathParameters) {
      const name = p.name as string;
      const value = c.req.param(name) ?? '';
      params.set(name, value);
      typedParams.set(name, asSchemaType(value, (p.schema ?? {}) as Json));
    }
    const query = new Map<string, string | string[] | undefined>();
    const typedQuery = new Map<string, unknown>();
    for (const p of queryParameters) {
      const name = p.name as string;
      const schema = (p.schema ?? {}) as Json;
      const value = schema.type === 'array' ? c.req.queries(name) : c.req.query(name);
      query.set(name, value);
      if (value !== undefined) typedQuery.set(name, asSchemaType(value, schema));
    }
    check(validators.params, Object.fromEntries(typedParams));
    check(validators.query, Object.fromEntries(typedQuery));
    const body = declaration.body?.kind === 'json' ? await readJsonObject(c) : {};
    return { params: Object.fromEntries(params), query: Object.fromEntries(query), body };
  };
};

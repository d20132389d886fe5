import type { Context } from 'hono';
import type { AppEnv } from '../env';

/**
 * Each REST route is declared once, with `route({...})`: method, path, parameters, request body
 * and responses (as JSON Schema), its auth requirement and its handler. From the declarations
 * come the Hono routes and the validation of their path and query parameters
 * (http/request-validation.ts), the OpenAPI paths (openapi/paths.ts) and the 405/Allow table
 * (route-table.ts).
 *
 * Why a small layer of our own rather than hono-openapi or @hono/zod-openapi: the exchange's
 * records are defined once, as JSON Schema in schemas/ (published at /api/v1/schemas and compiled
 * by ajv in the domain). @hono/zod-openapi would need every one restated in zod, a second source
 * of truth. hono-openapi validates through Standard Schema validators, which plain JSON Schema
 * objects are not: each schema would need an ajv wrapper and its OpenAPI output re-derived from
 * it, more machinery than this module, and its generator runs over the app at start-up. Here the
 * schemas go into the document as they are, and ajv, the validator the domain already uses,
 * compiles them on first use, so the API's cold start loads no validator.
 */
export type Json = Record<string, unknown>;

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * Who may call: `public` needs no token and a token changes nothing; `optional` works
 * anonymously and a token shows what its organisation may see; `token` needs one. The domain's
 * tier policy (domain/policy.ts) enforces it, with the role checks: this is what the document says.
 */
export type Auth = 'public' | 'optional' | 'token';

/** Validated request input, as the client sent it (strings; repeatable query parameters as arrays). */
export interface RequestInput {
  params: Record<string, string>;
  query: Record<string, string | string[] | undefined>;
  /** The JSON body, when the route declares one. */
  body: Record<string, unknown>;
}

/**
 * A JSON object body. The route reads it (415 unless JSON, 400 unless an object); its fields are
 * validated by the domain against this same schema (domain/request-schemas.ts,
 * domain/metadata-schemas.ts), because the publisher pages send the same records and requests,
 * and so that what a schema cannot say (server-owned fields refused by name, a patch merged into
 * the record first, an expiry in the future) is reported with the shape's problems, at once.
 */
export interface JsonBody {
  kind: 'json';
  /** The JSON Schema the body must match: a `$ref` to a component embedding a file of schemas/. */
  schema: Json;
  example?: unknown;
  /** Media types accepted besides application/json (e.g. merge-patch); any `application/*+json` parses. */
  alsoAccepts?: string[];
}

/** A body the handler streams itself (a data file). */
export interface RawBody {
  kind: 'raw';
  contentTypes: string[];
}

export interface RouteDeclaration {
  method: Method;
  /** Hono's form: `/api/v1/datasets/:dataset`. */
  path: string;
  /** The OpenAPI path when it cannot be written from `path` (`/dataset/{name}.jsonld`). */
  documentedPath?: string;
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  auth: Auth;
  /** Names of components.parameters (openapi/components.ts), or inline Parameter Objects. */
  parameters?: Array<string | Json>;
  /** `handler`: the query is a small language with its own parser and limits (rows/native-request.ts). */
  queryCheckedBy?: 'route' | 'handler';
  body?: JsonBody | RawBody;
  /** OpenAPI Response Objects by status (openapi/builders.ts has the helpers). */
  responses: Record<number, Json>;
  handler: (c: Context<AppEnv>, input: RequestInput) => Response | Promise<Response>;
}

export const route = (declaration: RouteDeclaration): RouteDeclaration => declaration;

/** `/api/v1/datasets/:dataset` as an OpenAPI path template: `/api/v1/datasets/{dataset}`. */
export const openApiPathOf = (declaration: RouteDeclaration): string => declaration.documentedPath ?? declaration.path.replace(/:([A-Za-z]+)/g, '{$1}');

import { type Auth, openApiPathOf, type RouteDeclaration } from '../routes/declare';
import { type Json, optionalAuth, param, requiredAuth } from './builders';

/** The document's paths, generated from the route declarations (routes/declare.ts). */
const securityOf = new Map<Auth, Json[]>([
  ['public', [{}]],
  ['optional', optionalAuth],
  ['token', requiredAuth],
]);

const requestBodyOf = (body: NonNullable<RouteDeclaration['body']>): Json => {
  if (body.kind === 'raw') {
    return { required: true, content: Object.fromEntries(body.contentTypes.map((type) => [type, { schema: { type: 'string', contentMediaType: type } }])) };
  }
  const jsonEntry = { schema: body.schema, ...(body.example === undefined ? {} : { example: body.example }) };
  return {
    required: true,
    content: { 'application/json': jsonEntry, ...Object.fromEntries((body.alsoAccepts ?? []).map((type) => [type, { schema: body.schema }])) },
  };
};

const operationOf = (declaration: RouteDeclaration): Json => ({
  tags: declaration.tags,
  operationId: declaration.operationId,
  summary: declaration.summary,
  ...(declaration.description ? { description: declaration.description } : {}),
  security: securityOf.get(declaration.auth),
  ...(declaration.parameters?.length ? { parameters: declaration.parameters.map((p) => (typeof p === 'string' ? param(p) : p)) } : {}),
  ...(declaration.body ? { requestBody: requestBodyOf(declaration.body) } : {}),
  responses: Object.fromEntries(Object.entries(declaration.responses).map(([status, response]) => [status, response])),
});

export const pathsOf = (declarations: RouteDeclaration[]): Record<string, Json> => {
  const paths = new Map<string, Json>();
  for (const declaration of declarations) {
    const path = openApiPathOf(declaration);
    const item = paths.get(path) ?? {};
    const method = declaration.method.toLowerCase();
    if (Object.hasOwn(item, method)) throw new Error(`${declaration.method} ${path} is declared twice`);
    paths.set(path, { ...item, [method]: operationOf(declaration) });
  }
  return Object.fromEntries(paths);
};

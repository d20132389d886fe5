/** Small helpers that keep the path descriptions short and uniform. */
export type Json = Record<string, unknown>;

export const ref = (schema: string): Json => ({ $ref: `#/components/schemas/${schema}` });
export const param = (name: string): Json => ({ $ref: `#/components/parameters/${name}` });

export const json = (schema: Json, example?: unknown): Json => ({ 'application/json': { schema, ...(example === undefined ? {} : { example }) } });

export const jsonResponse = (description: string, schema: Json, example?: unknown, headers?: Json): Json => ({
  description,
  ...(headers ? { headers } : {}),
  content: json(schema, example),
});

export const jsonBody = (schema: Json, example?: unknown): Json => ({ required: true, content: json(schema, example) });

/** Statuses the one error shape is sent with, and the shared response component for each. */
const errorResponseNames = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  409: 'Conflict',
  412: 'PreconditionFailed',
  413: 'PayloadTooLarge',
  415: 'UnsupportedMediaType',
  428: 'PreconditionRequired',
  504: 'QueryTimeout',
} as const;
export type ErrorStatus = keyof typeof errorResponseNames;

export const errorStatuses = Object.keys(errorResponseNames).map(Number) as ErrorStatus[];
export const errorResponseName = (status: ErrorStatus): string => errorResponseNames[status];

export const errors = (...statuses: ErrorStatus[]): Json =>
  Object.fromEntries(statuses.map((status) => [String(status), { $ref: `#/components/responses/${errorResponseNames[status]}` }]));

/** Reads work without a token (anonymous = public view); a token shows what its organisation may see. */
export const optionalAuth = [{}, { bearerAuth: [] }];
export const requiredAuth = [{ bearerAuth: [] }];

export const etagHeader: Json = {
  ETag: { description: 'The record version; send it back in If-Match to update.', schema: { type: 'string', example: '"3"' } },
};

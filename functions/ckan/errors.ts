import { ExchangeError, type FieldProblem } from '../domain/errors';

/**
 * CKAN's error types and the status codes its Action API answers them with
 * (ckan/views/api.py). The body is CKAN's `error` object: `__type` plus either `message` or,
 * for validation errors, one list of messages per field.
 */
export type CkanErrorType =
  | 'Bad Request'
  | 'Not Found Error'
  | 'Authorization Error'
  | 'Validation Error'
  | 'Search Query Error'
  | 'Payload Too Large'
  | 'Internal Server Error';

type CkanStatus = 400 | 403 | 404 | 409 | 413 | 500;

/** CKAN leaves an oversized body to its web server (413); the exchange answers it in CKAN's envelope. */
const statusOf: Record<CkanErrorType, CkanStatus> = {
  'Bad Request': 400,
  'Not Found Error': 404,
  'Authorization Error': 403,
  'Validation Error': 409,
  'Search Query Error': 400,
  'Payload Too Large': 413,
  'Internal Server Error': 500,
};

export class CkanError extends Error {
  readonly status: CkanStatus;
  constructor(
    readonly type: CkanErrorType,
    readonly fields: Record<string, unknown>,
  ) {
    super(typeof fields.message === 'string' ? fields.message : type);
    this.name = 'CkanError';
    this.status = statusOf[type];
  }

  body(): Record<string, unknown> {
    return { __type: this.type, ...this.fields };
  }
}

/** CKAN: "Not found", or "Not found: <detail>". */
export const ckanNotFound = (detail?: string): CkanError => new CkanError('Not Found Error', { message: detail ? `Not found: ${detail}` : 'Not found' });

export const ckanValidationError = (fields: Record<string, string[]>): CkanError => new CkanError('Validation Error', fields);

export const ckanBadRequest = (detail: string): CkanError => new CkanError('Bad Request', { message: `Bad request - ${detail}` });

export const ckanSearchQueryError = (detail: string): CkanError =>
  new CkanError('Search Query Error', { message: `Search Query is invalid: ${JSON.stringify(detail)}` });

/** One list of messages per field. A Map, since field names can be the request's own parameter names (`constructor`). */
const validationFields = (problems: FieldProblem[]): Record<string, string[]> => {
  const fields = new Map<string, string[]>();
  for (const { field, message } of problems) fields.set(field, [...(fields.get(field) ?? []), message]);
  return Object.fromEntries(fields);
};

/**
 * A refusal of the request's content: CKAN's actions raise ValidationError for every parameter
 * they cannot use (a 409, "Validation Error", messages keyed by the parameter). CKAN keeps 400
 * for requests it cannot read at all (JSON Error, unknown action) and Solr's Search Query Error.
 */
const refusedContent = (error: ExchangeError): CkanError => {
  const field = typeof error.details?.field === 'string' ? error.details.field : 'message';
  return ckanValidationError(validationFields([{ field, message: error.message }]));
};

/** The exchange's own errors, as CKAN reports them. A hidden dataset is a 404 exactly like a missing one. */
export const toCkanError = (error: unknown): CkanError => {
  if (error instanceof CkanError) return error;
  if (!(error instanceof ExchangeError)) return new CkanError('Internal Server Error', { message: 'Internal Server Error' });
  switch (error.code) {
    case 'not_found':
      return ckanNotFound();
    case 'unauthorized':
    case 'forbidden':
      return new CkanError('Authorization Error', { message: `Access denied: ${error.message}` });
    case 'validation_failed': {
      const problems = (error.details?.fields as FieldProblem[] | undefined) ?? [{ field: 'message', message: error.message }];
      return ckanValidationError(validationFields(problems));
    }
    case 'payload_too_large':
      return new CkanError('Payload Too Large', { message: error.message });
    case 'bad_request':
    case 'conflict':
      return refusedContent(error);
    case 'query_timeout':
      // CKAN's DataStore answers a cancelled statement with ValidationError({'query': [...]}).
      return ckanValidationError({ query: [error.message] });
    case 'internal_error':
    case 'service_unavailable':
      return new CkanError('Internal Server Error', { message: 'Internal Server Error' });
    default:
      return ckanBadRequest(error.message);
  }
};

import type { ErrorObject } from 'ajv';
import type { ValidationError } from './errors';

/** Shortens a cell for a message, so a huge cell does not make a huge report. */
export function preview(value: unknown): string {
  const text = typeof value === 'string' ? value : String(value);
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 57)}...` : text);
}

function fieldOf(error: ErrorObject): string {
  if (error.keyword === 'required') return String((error.params as { missingProperty: string }).missingProperty);
  return error.instancePath.split('/')[1]?.replace(/~1/g, '/').replace(/~0/g, '~') ?? '';
}

/**
 * Turns one ajv error on a cast row into a Frictionless error: `type` is a type-error,
 * every other keyword (required, minimum, maximum, pattern, enum, maxLength...) is a
 * constraint-error. Messages quote the cell and the rule in the publisher's terms.
 */
export function fromAjvError(error: ErrorObject, row: number, record: Record<string, unknown>, fieldNumbers: ReadonlyMap<string, number>): ValidationError {
  const field = fieldOf(error);
  const value = record[field];
  const params = error.params as Record<string, unknown>;
  const at = `Row ${row}, column "${field}"`;
  let message: string;
  switch (error.keyword) {
    case 'type':
      return {
        code: 'type-error',
        row,
        field,
        fieldNumber: fieldNumbers.get(field),
        message: `${at}: ${preview(value)} is not of type ${String(params.type)}.`,
      };
    case 'required':
      message = `${at}: a value is required but the cell is empty.`;
      break;
    case 'minimum':
      message = `${at}: ${String(value)} is below the minimum of ${String(params.limit)}.`;
      break;
    case 'exclusiveMinimum':
      message = `${at}: ${String(value)} must be greater than ${String(params.limit)}.`;
      break;
    case 'maximum':
      message = `${at}: ${String(value)} is above the maximum of ${String(params.limit)}.`;
      break;
    case 'exclusiveMaximum':
      message = `${at}: ${String(value)} must be less than ${String(params.limit)}.`;
      break;
    case 'pattern': {
      const described = (error.parentSchema as { description?: string } | undefined)?.description;
      message = `${at}: ${preview(value)} is not in the expected form${described ? ` (${described.replace(/\.$/, '')})` : ''}; it must match ${String(params.pattern)}.`;
      break;
    }
    case 'enum':
      message = `${at}: ${preview(value)} is not one of the allowed values: ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}.`;
      break;
    case 'maxLength':
      message = `${at}: the text is ${String(value).length} characters long; at most ${String(params.limit)} are allowed.`;
      break;
    case 'minLength':
      message = `${at}: the text is ${String(value).length} characters long; at least ${String(params.limit)} are needed.`;
      break;
    case 'format':
      message = `${at}: ${preview(value)} is not a valid ${String(params.format)}.`;
      break;
    default:
      message = `${at}: ${preview(value)} ${error.message ?? 'breaks a rule of the schema'}.`;
  }
  return { code: 'constraint-error', row, field, fieldNumber: fieldNumbers.get(field), message };
}

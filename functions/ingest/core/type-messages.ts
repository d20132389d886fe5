import { preview } from './ajv-errors';
import type { FieldType } from './table-schema';

const EXPECTED: Record<FieldType, string> = {
  integer: 'a whole number',
  number: 'a number',
  boolean: 'true or false (yes/no and 1/0 are accepted too)',
  date: 'a date written yyyy-mm-dd or dd/mm/yyyy',
  datetime: 'a date and time written yyyy-mm-ddThh:mm:ss (with Z or an offset such as +01:00 if known)',
  string: 'text',
};

export function typeErrorMessage(row: number, field: string, cell: string, type: FieldType, inferred: boolean): string {
  const why = inferred ? ` The column was read as ${type} from the first rows of the file.` : '';
  return `Row ${row}, column "${field}": ${preview(cell)} is not ${EXPECTED[type]}.${why}`;
}

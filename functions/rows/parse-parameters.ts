import { validationFailed } from '../domain/errors';
import type { RowLimits } from './limits';
import { type Condition, rangeOperators, type SearchTerm, type SortRequest } from './query-model';

/**
 * Parsers for the query parameters both APIs share. They check shape only (column names are
 * checked against the version's columns by the planner) and refuse anything unexpected with a
 * 400 that names the parameter.
 */
const invalid = (field: string, message: string) => validationFailed([{ field, message }]);

const isScalar = (value: unknown): value is string | number | boolean => ['string', 'number', 'boolean'].includes(typeof value);

/** Parses JSON text given for a parameter; objects and arrays arrive as text in a query string. */
export const parseJsonParameter = (field: string, text: string, limits: RowLimits): unknown => {
  if (text.length > limits.maxParameterChars) throw invalid(field, `must be at most ${limits.maxParameterChars} characters`);
  try {
    return JSON.parse(text);
  } catch {
    throw invalid(field, 'is not valid JSON');
  }
};

const OPERATORS = new Set<string>(['eq', 'in', ...rangeOperators]);

/**
 * `filters`: a JSON object keyed by column. A value means equality (null: the cell is empty), an
 * array means "one of", and an object of operators combines conditions on one column:
 * `{"borough": "Camden", "value": {"gte": 40, "lt": 100}, "ward": ["A", "B"], "date": {"gte": "2024-03-01"}}`.
 */
export const parseFilters = (raw: unknown, limits: RowLimits): Condition[] => {
  if (raw === undefined) return [];
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw invalid('filters', 'must be a JSON object of column: value');
  const conditions: Condition[] = [];
  const inValues = (column: string, values: unknown[]): Condition => {
    if (values.length === 0 || values.length > limits.maxInValues) throw invalid(`filters.${column}`, `a list must hold 1 to ${limits.maxInValues} values`);
    if (!values.every((v) => v === null || isScalar(v))) throw invalid(`filters.${column}`, 'a list must hold strings, numbers, booleans or null');
    return { column, op: 'in', values };
  };
  for (const [column, value] of Object.entries(raw)) {
    if (value === null || isScalar(value)) conditions.push({ column, op: 'eq', value });
    else if (Array.isArray(value)) conditions.push(inValues(column, value));
    else {
      const operators = Object.entries(value as Record<string, unknown>);
      if (operators.length === 0) throw invalid(`filters.${column}`, 'needs at least one operator');
      for (const [op, operand] of operators) {
        if (!OPERATORS.has(op)) throw invalid(`filters.${column}`, `unknown operator; use one of ${[...OPERATORS].join(', ')}`);
        if (op === 'in') conditions.push(inValues(column, Array.isArray(operand) ? operand : [operand]));
        else if (op === 'eq' && (operand === null || isScalar(operand))) conditions.push({ column, op: 'eq', value: operand });
        else if (op !== 'eq' && isScalar(operand)) conditions.push({ column, op: op as (typeof rangeOperators)[number], value: operand });
        else throw invalid(`filters.${column}`, `${op} needs a single string, number or boolean`);
      }
    }
  }
  if (conditions.length > limits.maxConditions) throw invalid('filters', `at most ${limits.maxConditions} conditions`);
  return conditions;
};

const words = (field: string, text: string, limits: RowLimits): string[] => {
  if (text.length > limits.maxValueChars) throw invalid(field, `must be at most ${limits.maxValueChars} characters`);
  if (text.includes('\u0000')) throw invalid(field, 'must not contain NUL characters');
  return text.split(/\s+/).filter((word) => word.length > 0);
};

/**
 * `q`: words that must all appear (case-insensitive, anywhere in a cell) in some text column;
 * CKAN's `{"column": "words"}` form limits the words to one column each.
 */
export const parseSearch = (raw: unknown, limits: RowLimits): SearchTerm[] => {
  if (raw === undefined || raw === '') return [];
  let terms: SearchTerm[];
  if (typeof raw === 'string') terms = words('q', raw, limits).map((term) => ({ term }));
  else if (typeof raw === 'object' && raw !== null && !Array.isArray(raw)) {
    terms = Object.entries(raw).flatMap(([column, text]) => {
      if (typeof text !== 'string') throw invalid('q', 'each column must map to a string');
      return words('q', text, limits).map((term) => ({ column, term }));
    });
  } else throw invalid('q', 'must be a string');
  if (terms.length > limits.maxSearchWords) throw invalid('q', `at most ${limits.maxSearchWords} words`);
  return terms;
};

/** A list of column names: comma-separated text, a JSON array in text, or an array. */
export const parseNameList = (field: string, raw: unknown, limits: RowLimits): string[] | undefined => {
  if (raw === undefined) return undefined;
  let list: unknown = raw;
  if (typeof raw === 'string') list = raw.trimStart().startsWith('[') ? parseJsonParameter(field, raw, limits) : raw.split(',').map((name) => name.trim());
  if (!Array.isArray(list) || !list.every((name) => typeof name === 'string' && name.length > 0)) throw invalid(field, 'must be a list of column names');
  if (list.length === 0 || list.length > 1000) throw invalid(field, 'must name 1 to 1000 columns');
  return [...new Set(list as string[])];
};

const sortItem = (item: string, separator: RegExp): SortRequest => {
  const match = separator.exec(item);
  return match ? { column: item.slice(0, match.index).trim(), descending: match[1].toLowerCase() === 'desc' } : { column: item.trim(), descending: false };
};

const checkedSort = (keys: SortRequest[], limits: RowLimits): SortRequest[] => {
  if (keys.length > limits.maxSortKeys) throw invalid('sort', `at most ${limits.maxSortKeys} columns`);
  if (keys.some((key) => key.column.length === 0)) throw invalid('sort', 'names an empty column');
  return keys;
};

/**
 * Native `sort`: `name`, `name:asc` or `name:desc`, comma-separated (`sort=date:desc,site`), or a
 * JSON array of `{"field": "...", "order": "asc"|"desc"}` for names holding commas.
 */
export const parseNativeSort = (raw: string | undefined, limits: RowLimits): SortRequest[] => {
  if (raw === undefined || raw === '') return [];
  if (raw.length > limits.maxParameterChars) throw invalid('sort', `must be at most ${limits.maxParameterChars} characters`);
  if (!raw.trimStart().startsWith('['))
    return checkedSort(
      raw.split(',').map((item) => sortItem(item, /:(asc|desc)\s*$/i)),
      limits,
    );
  const list = parseJsonParameter('sort', raw, limits);
  if (!Array.isArray(list)) throw invalid('sort', 'must be a list');
  return checkedSort(
    list.map((item) => {
      if (typeof item === 'string') return { column: item, descending: false };
      const { field, order } = (item ?? {}) as { field?: unknown; order?: unknown };
      if (typeof field !== 'string' || (order !== undefined && order !== 'asc' && order !== 'desc'))
        throw invalid('sort', 'items must be {"field": name, "order": "asc"|"desc"}');
      return { column: field, descending: order === 'desc' };
    }),
    limits,
  );
};

/** Splits on commas that are not inside double quotes. */
const splitOutsideQuotes = (text: string): string[] => {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    if (char === ',' && !quoted) {
      parts.push(current);
      current = '';
    } else current += char;
  }
  if (quoted) throw invalid('sort', 'has an unclosed double quote');
  return [...parts, current];
};

/** CKAN `sort`: `"col desc, col2"`; a name may be double-quoted (`"a, b" desc`, `""` inside for a quote). */
export const parseCkanSort = (raw: unknown, limits: RowLimits): SortRequest[] => {
  if (raw === undefined || raw === '') return [];
  if (typeof raw !== 'string') throw invalid('sort', 'must be a string such as "date desc, site"');
  if (raw.length > limits.maxParameterChars) throw invalid('sort', `must be at most ${limits.maxParameterChars} characters`);
  const keys = splitOutsideQuotes(raw).map((part): SortRequest => {
    const item = part.trim();
    if (!item.startsWith('"')) return sortItem(item, /\s+(asc|desc)$/i);
    const quoted = /^"((?:[^"]|"")*)"\s*(asc|desc)?$/i.exec(item);
    if (!quoted) throw invalid('sort', 'must be a list such as "date desc, site"');
    return { column: quoted[1].replace(/""/g, '"'), descending: quoted[2]?.toLowerCase() === 'desc' };
  });
  return checkedSort(keys, limits);
};

/** A whole number in [min, max]: from a number or its decimal text. */
export const parseWholeNumber = (field: string, raw: unknown, min: number, max: number): number | undefined => {
  if (raw === undefined) return undefined;
  const text = typeof raw === 'number' ? String(raw) : raw;
  if (typeof text !== 'string' || !/^\d{1,10}$/.test(text) || Number(text) < min || Number(text) > max) {
    throw invalid(field, `must be a whole number from ${min} to ${max}`);
  }
  return Number(text);
};

import { overLimitMessage, type QueryLimit, withinLimit } from '../search/query-limits';
import type { CkanParams } from './action-types';
import { ckanValidationError } from './errors';

/**
 * Reading CKAN action parameters, which arrive as query strings (always text), form fields or JSON
 * (typed). Problems are CKAN Validation Errors, keyed by the parameter's name.
 */
const invalid = (name: string, message: string) => ckanValidationError({ [name]: [message] });

/** A single text value; a repeated parameter takes its first value. */
export const textParam = (params: CkanParams, name: string): string | undefined => {
  const value = Array.isArray(params[name]) ? (params[name] as unknown[])[0] : params[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw invalid(name, 'Must be a string');
};

export const requiredText = (params: CkanParams, name: string): string => {
  const value = textParam(params, name);
  if (value === undefined || value.trim() === '') throw invalid(name, 'Missing value');
  return value;
};

/** CKAN's int_validator then natural_number_validator; `max` caps silently, as CKAN's rows limit does. */
export const naturalParam = (params: CkanParams, name: string, fallback: number | undefined, max?: number): number | undefined => {
  const raw = textParam(params, name);
  if (raw === undefined || raw === '') return fallback;
  if (!/^\s*-?\d{1,15}\s*$/.test(raw)) throw invalid(name, 'Invalid integer');
  const value = Number(raw);
  if (value < 0) throw invalid(name, 'Must be a natural number');
  return max === undefined ? value : Math.min(value, max);
};

/** An integer that may be negative (facet.limit: -1 means no limit). */
export const integerParam = (params: CkanParams, name: string, fallback: number): number => {
  const raw = textParam(params, name);
  if (raw === undefined || raw === '') return fallback;
  if (!/^\s*-?\d{1,15}\s*$/.test(raw)) throw invalid(name, 'Invalid integer');
  return Number(raw);
};

/** CKAN's boolean_validator: true, yes, t, y, 1 (any case) are true; anything else false. */
export const booleanParam = (params: CkanParams, name: string, fallback: boolean): boolean => {
  const value = params[name];
  if (value === undefined || value === null || value === '') return fallback;
  const first = Array.isArray(value) ? value[0] : value;
  if (typeof first === 'boolean') return first;
  // Only text and numbers are read as words: String() of a JSON object can throw ({"toString": 1}).
  if (typeof first !== 'string' && typeof first !== 'number') throw invalid(name, 'Must be a boolean');
  return ['true', 'yes', 't', 'y', '1', 'on'].includes(String(first).toLowerCase());
};

/**
 * A list given as a JSON array, a JSON array in a string (facet.field=["tags"]) or repeated
 * parameters. With `jsonOnly` (CKAN's convert_to_json_if_string), text must be JSON. With
 * `limit`, a longer list is refused rather than cut short.
 */
export const listParam = (params: CkanParams, name: string, options: { jsonOnly?: boolean; limit?: QueryLimit } = {}): string[] | undefined => {
  const { jsonOnly = false, limit } = options;
  const value = params[name];
  if (value === undefined || value === null || value === '') return undefined;
  let list: unknown = value;
  if (typeof value === 'string') {
    if (!jsonOnly && !value.trim().startsWith('[')) return [value];
    try {
      list = JSON.parse(value);
    } catch {
      throw invalid(name, 'Could not parse as valid JSON');
    }
  }
  if (!Array.isArray(list) || list.some((item) => typeof item !== 'string')) throw invalid(name, 'Not a list of strings');
  if (limit && !withinLimit(limit, list.length)) throw invalid(name, overLimitMessage(limit, list.length));
  return list as string[];
};

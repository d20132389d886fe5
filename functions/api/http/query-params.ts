import { validationFailed } from '../../domain/errors';

/** Parses `limit`: a whole number from 1 to max, defaulting when absent. */
export const parseLimit = (raw: string | undefined, fallback: number, max: number): number => {
  if (raw === undefined) return fallback;
  if (!/^\d{1,7}$/.test(raw) || Number(raw) < 1 || Number(raw) > max) {
    throw validationFailed([{ field: 'limit', message: `must be a whole number from 1 to ${max}` }]);
  }
  return Number(raw);
};

/** Parses an optional parameter that must be one of a fixed set of values. */
export const parseChoice = <T extends string>(field: string, raw: string | undefined, choices: readonly T[]): T | undefined => {
  if (raw === undefined) return undefined;
  if (!(choices as readonly string[]).includes(raw)) throw validationFailed([{ field, message: `must be one of: ${choices.join(', ')}` }]);
  return raw as T;
};

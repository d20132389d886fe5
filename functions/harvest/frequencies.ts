import type { UpdateFrequency } from './harvested-dataset';

/**
 * How often a source says a dataset changes, to the exchange's update frequencies. Three kinds of
 * value arrive: ISO 8601 repeating durations (DCAT-US accrualPeriodicity: R/P1D), URIs of the EU
 * or Dublin Core frequency tables (DCAT-AP), and words (CKAN extras, ISO 19115 maintenance codes,
 * OpenDataSoft's free text). Anything else is left out rather than guessed.
 */

const DURATIONS: ReadonlyMap<string, UpdateFrequency> = new Map([
  ['P1D', 'daily'],
  ['P1W', 'weekly'],
  ['P7D', 'weekly'],
  ['P1M', 'monthly'],
  ['P3M', 'quarterly'],
  ['P6M', 'biannual'],
  ['P1Y', 'annual'],
  ['P12M', 'annual'],
]);

const WORDS: ReadonlyMap<string, UpdateFrequency> = new Map([
  // EU frequency table codes and Dublin Core collection frequencies (lower-cased)
  ['update_cont', 'continuous'],
  ['cont', 'continuous'],
  ['continuous', 'continuous'],
  ['continual', 'continuous'],
  ['real-time', 'continuous'],
  ['realtime', 'continuous'],
  ['hourly', 'continuous'],
  ['daily', 'daily'],
  ['weekly', 'weekly'],
  ['monthly', 'monthly'],
  ['quarterly', 'quarterly'],
  ['annual_2', 'biannual'],
  ['semiannual', 'biannual'],
  ['biannual', 'biannual'],
  ['biannually', 'biannual'],
  ['annual', 'annual'],
  ['annually', 'annual'],
  ['yearly', 'annual'],
  ['irreg', 'irregular'],
  ['irregular', 'irregular'],
  ['asneeded', 'irregular'],
  ['as needed', 'irregular'],
  ['never', 'never'],
  ['notplanned', 'never'],
  // Portuguese, French and Spanish words seen on CKAN and OpenDataSoft portals
  ['diária', 'daily'],
  ['diario', 'daily'],
  ['quotidienne', 'daily'],
  ['semanal', 'weekly'],
  ['hebdomadaire', 'weekly'],
  ['mensal', 'monthly'],
  ['mensual', 'monthly'],
  ['mensuelle', 'monthly'],
  ['trimestral', 'quarterly'],
  ['trimestrielle', 'quarterly'],
  ['semestral', 'biannual'],
  ['anual', 'annual'],
  ['annuelle', 'annual'],
]);

/** R/PT1H, R/PT10M: more often than daily is the exchange's `continuous`. */
const SUB_DAILY = /^R\/PT\d+(\.\d+)?[HMS]$/;

export const mapFrequency = (value: string | undefined | null): UpdateFrequency | undefined => {
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (text === '') return undefined;
  const iso = /^R\/(P[0-9WDMY]+)$/i.exec(text);
  if (iso) return DURATIONS.get(iso[1].toUpperCase());
  if (SUB_DAILY.test(text.toUpperCase())) return 'continuous';
  const code = /(?:\/frequency\/|\/cld\/freq\/|#)([A-Za-z_0-9]+)\/?$/.exec(text);
  const word = (code ? code[1] : text).toLowerCase();
  return WORDS.get(word);
};

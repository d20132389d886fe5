import type { Dataset } from '../domain/datasets';
import type { Tier } from '../domain/policy';

/**
 * How the exchange's own codes map onto the vocabularies that DCAT-US, DCAT-AP and Frictionless
 * consumers understand. One table per code list, so every feed says the same thing.
 */

export interface LicenceTerms {
  /** The licence's canonical URL (dct:license). */
  url: string;
  title: string;
}

/** Open Definition licence ids (as stored) to their canonical URLs. `proprietary` has none, nor `other` (a harvested record whose licence the exchange does not recognise: its words stay in provenance.licenceAtSource). */
export const licences: Record<string, LicenceTerms> = {
  'OGL-UK-3.0': { url: 'http://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/', title: 'Open Government Licence v3.0' },
  'OGL-UK-2.0': { url: 'http://www.nationalarchives.gov.uk/doc/open-government-licence/version/2/', title: 'Open Government Licence v2.0' },
  'CC-BY-4.0': { url: 'https://creativecommons.org/licenses/by/4.0/', title: 'Creative Commons Attribution 4.0' },
  'CC-BY-SA-4.0': { url: 'https://creativecommons.org/licenses/by-sa/4.0/', title: 'Creative Commons Attribution-ShareAlike 4.0' },
  'CC0-1.0': { url: 'https://creativecommons.org/publicdomain/zero/1.0/', title: 'Creative Commons CC0 1.0' },
  'ODbL-1.0': { url: 'https://opendatacommons.org/licenses/odbl/1-0/', title: 'Open Data Commons Open Database License 1.0' },
};

export const licenceOf = (dataset: Dataset): LicenceTerms | undefined => (Object.hasOwn(licences, dataset.licence) ? licences[dataset.licence] : undefined);

/** DCAT-US accessLevel: what the tier promises the public, whoever is asking. */
export const accessLevels: Record<Tier, 'public' | 'restricted public' | 'non-public'> = {
  open: 'public',
  shared: 'restricted public',
  private: 'non-public',
};

const EU_ACCESS_RIGHT = 'http://publications.europa.eu/resource/authority/access-right/';

/** DCAT-AP dct:accessRights, from the EU access-right authority table. */
export const accessRights: Record<Tier, string> = {
  open: `${EU_ACCESS_RIGHT}PUBLIC`,
  shared: `${EU_ACCESS_RIGHT}RESTRICTED`,
  private: `${EU_ACCESS_RIGHT}NON_PUBLIC`,
};

type UpdateFrequency = NonNullable<Dataset['updateFrequency']>;

/**
 * DCAT-US accrualPeriodicity: ISO 8601 repeating durations as listed by Project Open Data
 * (continuously updated is R/PT1S there). `never` has no equivalent and is left out.
 */
export const isoFrequencies: Record<UpdateFrequency, string | undefined> = {
  continuous: 'R/PT1S',
  daily: 'R/P1D',
  weekly: 'R/P1W',
  monthly: 'R/P1M',
  quarterly: 'R/P3M',
  biannual: 'R/P6M',
  annual: 'R/P1Y',
  irregular: 'irregular',
  never: undefined,
};

const EU_FREQUENCY = 'http://publications.europa.eu/resource/authority/frequency/';

/** DCAT-AP dct:accrualPeriodicity, from the EU frequency authority table. */
export const euFrequencies: Record<UpdateFrequency, string> = {
  continuous: `${EU_FREQUENCY}UPDATE_CONT`,
  daily: `${EU_FREQUENCY}DAILY`,
  weekly: `${EU_FREQUENCY}WEEKLY`,
  monthly: `${EU_FREQUENCY}MONTHLY`,
  quarterly: `${EU_FREQUENCY}QUARTERLY`,
  biannual: `${EU_FREQUENCY}ANNUAL_2`,
  annual: `${EU_FREQUENCY}ANNUAL`,
  irregular: `${EU_FREQUENCY}IRREG`,
  never: `${EU_FREQUENCY}NEVER`,
};

type Theme = NonNullable<Dataset['themes']>[number];

const EU_THEME = 'http://publications.europa.eu/resource/authority/data-theme/';

/** DCAT-AP dcat:theme: the nearest EU data theme of each of the exchange's themes. */
export const euThemes: Record<Theme, string> = {
  'arts-and-culture': `${EU_THEME}EDUC`,
  'business-and-economy': `${EU_THEME}ECON`,
  'crime-and-community-safety': `${EU_THEME}JUST`,
  demographics: `${EU_THEME}SOCI`,
  education: `${EU_THEME}EDUC`,
  'employment-and-skills': `${EU_THEME}ECON`,
  environment: `${EU_THEME}ENVI`,
  health: `${EU_THEME}HEAL`,
  housing: `${EU_THEME}SOCI`,
  'income-poverty-and-welfare': `${EU_THEME}SOCI`,
  planning: `${EU_THEME}REGI`,
  sport: `${EU_THEME}EDUC`,
  transport: `${EU_THEME}TRAN`,
  'london-government': `${EU_THEME}GOVE`,
};

/** `crime-and-community-safety` → `Crime and community safety`. */
export const themeLabel = (theme: string): string => {
  const words = theme.replace(/-/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
};

/** The ONS linked-data URI of a GSS area code, as data.gov.uk uses for dct:spatial. */
export const gssUri = (code: string): string => `http://statistics.data.gov.uk/id/statistical-geography/${code}`;

/**
 * The normalised files every published version has (ingest writes all four), with the plain
 * media types feeds advertise (DCAT-US rejects parameters such as `; charset=utf-8`).
 */
export const distributionFormats = [
  { format: 'csv', label: 'CSV', mediaType: 'text/csv', euFileType: 'CSV' },
  { format: 'json', label: 'JSON', mediaType: 'application/json', euFileType: 'JSON' },
  { format: 'ndjson', label: 'NDJSON', mediaType: 'application/x-ndjson', euFileType: 'JSON' },
  { format: 'parquet', label: 'Parquet', mediaType: 'application/vnd.apache.parquet', euFileType: 'PARQUET' },
] as const;

export const euFileType = (code: string): string => `http://publications.europa.eu/resource/authority/file-type/${code}`;
export const ianaMediaType = (mediaType: string): string => `https://www.iana.org/assignments/media-types/${mediaType}`;

import datasetSchema from '../../schemas/dataset.schema.json';

/** Words for the codes that metadata uses, taken from the dataset schema where it lists them. */
export const themeIds: string[] = datasetSchema.properties.themes.items.enum;
export const licenceIds: string[] = datasetSchema.properties.licence.enum;
export const frequencyIds: string[] = datasetSchema.properties.updateFrequency.enum;

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

export const themeLabel = (id: string): string => capitalise(id.replace(/-/g, ' '));

const LICENCES: Record<string, string> = {
  'OGL-UK-3.0': 'Open Government Licence v3.0',
  'OGL-UK-2.0': 'Open Government Licence v2.0',
  'CC-BY-4.0': 'Creative Commons Attribution 4.0',
  'CC-BY-SA-4.0': 'Creative Commons Attribution-ShareAlike 4.0',
  'CC0-1.0': 'CC0 1.0 (public domain)',
  'ODbL-1.0': 'Open Database License 1.0',
  proprietary: 'Proprietary: use only under the recorded agreement',
};
export const licenceLabel = (id: string): string => (Object.hasOwn(LICENCES, id) ? LICENCES[id] : id);

export const frequencyLabel = (id: string | undefined): string => (id ? capitalise(id) : 'Not stated');

export const TIER_TEXT: Record<string, string> = {
  open: 'Open: anyone may see and download the data.',
  shared: 'Shared: anyone may see this description; only named organisations with an agreement may use the data.',
  private: 'Private: only the publishing organisation can see this dataset.',
};

const DAY = 86_400_000;
const PERIOD_DAYS: Record<string, number> = { continuous: 1, daily: 1, weekly: 7, monthly: 31, quarterly: 92, biannual: 183, annual: 366 };

/**
 * A dataset is overdue when its last update is older than its stated frequency plus some grace
 * (a tenth of the period, at least a day). Irregular, never and unstated frequencies are never overdue.
 */
export const isOverdue = (frequency: string | undefined, lastUpdated: string, now: Date): boolean => {
  const days = frequency && Object.hasOwn(PERIOD_DAYS, frequency) ? PERIOD_DAYS[frequency] : undefined;
  if (days === undefined) return false;
  const grace = Math.max(1, days / 10);
  return now.getTime() - Date.parse(lastUpdated) > (days + grace) * DAY;
};

import type { Dataset } from '../../domain/datasets';
import type { FieldProblem } from '../../domain/errors';

/** What the dataset form shows: the text of each field, as typed. */
export interface DatasetFormValues {
  name: string;
  title: string;
  description: string;
  licence: string;
  tier: string;
  updateFrequency: string;
  keywords: string;
  themes: string[];
  dataSchema: string;
  'contactPoint.name': string;
  'contactPoint.email': string;
  'temporalCoverage.start': string;
  'temporalCoverage.end': string;
}

export const FORM_FIELDS = [
  'name',
  'title',
  'description',
  'licence',
  'tier',
  'updateFrequency',
  'keywords',
  'themes',
  'dataSchema',
  'contactPoint.name',
  'contactPoint.email',
  'temporalCoverage.start',
  'temporalCoverage.end',
] as const;

export const emptyValues = (): DatasetFormValues => ({
  name: '',
  title: '',
  description: '',
  licence: 'OGL-UK-3.0',
  tier: 'private',
  updateFrequency: '',
  keywords: '',
  themes: [],
  dataSchema: '',
  'contactPoint.name': '',
  'contactPoint.email': '',
  'temporalCoverage.start': '',
  'temporalCoverage.end': '',
});

export const valuesOf = (d: Dataset): DatasetFormValues => ({
  name: d.name,
  title: d.title,
  description: d.description ?? '',
  licence: d.licence,
  tier: d.tier,
  updateFrequency: d.updateFrequency ?? '',
  keywords: (d.keywords ?? []).join(', '),
  themes: d.themes ?? [],
  dataSchema: d.dataSchema ?? '',
  'contactPoint.name': d.contactPoint?.name ?? '',
  'contactPoint.email': d.contactPoint?.email ?? '',
  'temporalCoverage.start': d.temporalCoverage?.start ?? '',
  'temporalCoverage.end': d.temporalCoverage?.end ?? '',
});

export const readValues = (form: URLSearchParams): DatasetFormValues => {
  const values = emptyValues();
  for (const field of FORM_FIELDS) {
    if (field === 'themes') values.themes = form.getAll('themes');
    else values[field] = (form.get(field) ?? '').trim();
  }
  return values;
};

const keywordList = (text: string): string[] => [
  ...new Set(
    text
      .split(',')
      .map((k) => k.trim())
      .filter(Boolean),
  ),
];

/** A nested object from its form fields; undefined when every part is blank. */
const group = (parts: Record<string, string>): Record<string, string> | undefined => {
  const filled = Object.entries(parts).filter(([, v]) => v !== '');
  return filled.length > 0 ? Object.fromEntries(filled) : undefined;
};

/** The create request: blank optional fields are left out, so the schema's defaults apply. */
export const createInput = (v: DatasetFormValues): Record<string, unknown> => {
  // A blank required field is left out, so the schema reports it as required (not as too short).
  const input: Record<string, unknown> = { licence: v.licence, tier: v.tier };
  if (v.name) input.name = v.name;
  if (v.title) input.title = v.title;
  if (v.description) input.description = v.description;
  if (v.updateFrequency) input.updateFrequency = v.updateFrequency;
  if (v.dataSchema) input.dataSchema = v.dataSchema;
  const keywords = keywordList(v.keywords);
  if (keywords.length > 0) input.keywords = keywords;
  if (v.themes.length > 0) input.themes = v.themes;
  const contact = group({ name: v['contactPoint.name'], email: v['contactPoint.email'] });
  if (contact) input.contactPoint = contact;
  const coverage = group({ start: v['temporalCoverage.start'], end: v['temporalCoverage.end'] });
  if (coverage) input.temporalCoverage = coverage;
  return input;
};

/**
 * The update as a JSON Merge Patch: a field left blank is removed (null). Nested groups merge
 * into what is stored, so a blank part of an existing group is sent as null to remove it.
 */
export const updatePatch = (v: DatasetFormValues, current: Dataset): Record<string, unknown> => {
  const full = createInput(v);
  const cleared = ['description', 'updateFrequency', 'dataSchema', 'keywords', 'themes'].map((field) => [field, full[field] ?? null]);
  const patch: Record<string, unknown> = { title: v.title || null, licence: v.licence, tier: v.tier, ...Object.fromEntries(cleared) };
  const nested = (stored: object | undefined, parts: Record<string, string>) => {
    if (Object.values(parts).every((p) => p === '')) return null;
    return stored ? Object.fromEntries(Object.entries(parts).map(([k, p]) => [k, p === '' ? null : p])) : group(parts);
  };
  patch.contactPoint = nested(current.contactPoint, { name: v['contactPoint.name'], email: v['contactPoint.email'] });
  patch.temporalCoverage = nested(current.temporalCoverage, { start: v['temporalCoverage.start'], end: v['temporalCoverage.end'] });
  return patch;
};

/** Maps a domain field path (`keywords.2`, `contactPoint.email`) to the form field that shows it. */
export const formFieldOf = (field: string): string => {
  const exact = FORM_FIELDS.find((f) => f === field);
  if (exact) return exact;
  const prefix = FORM_FIELDS.find((f) => field.startsWith(`${f}.`) || field.startsWith(`${f}/`));
  if (prefix) return prefix;
  if (field === 'contactPoint') return 'contactPoint.email';
  if (field === 'temporalCoverage') return 'temporalCoverage.start';
  return field;
};

/** Plain words for the schema validator's messages. */
const friendlier = (field: string, message: string): string => {
  if (field === 'name' && message.startsWith('must match pattern'))
    return 'must be lower-case letters, digits and hyphens (for example camden-street-trees), at most 100 characters';
  if (field === 'keywords' && message.startsWith('must match pattern')) return 'must not contain < or >';
  if (message === 'must NOT have fewer than 1 characters') return 'is required';
  if (message === 'must match format "email"') return 'must be an email address, like team@example.org';
  if (message === 'must match format "date"') return 'must be a date';
  return message;
};

export const onFormFields = (problems: FieldProblem[]): FieldProblem[] =>
  problems.map((p) => {
    const field = formFieldOf(p.field);
    return { field, message: friendlier(field, p.message) };
  });

/** The synthetic catalogue the search benchmarks use: seeded, so every run builds the same datasets. */
import type { Tier } from '../functions/domain/policy';
import type { SearchDocument } from '../functions/search/search-document';
import { seededRandom as random } from '../test/support/seeded-random';

const SUBJECTS = [
  'air quality',
  'street trees',
  'parking permits',
  'road casualties',
  'planning applications',
  'school places',
  'council tax',
  'bus stops',
  'cycle hire',
  'noise complaints',
  'fly tipping',
  'housing waiting list',
  'libraries',
  'electric vehicle charge points',
  'recycling rates',
  'population estimates',
  'crime statistics',
  'licensed premises',
  'footfall',
  'energy use',
];
const QUALIFIERS = ['annual', 'monthly', 'ward level', 'borough', 'historic', 'live', 'summary', 'detailed', 'quarterly', 'experimental'];
const WORDS = [
  'data',
  'records',
  'counts',
  'readings',
  'locations',
  'survey',
  'register',
  'inventory',
  'returns',
  'measurements',
  'London',
  'residents',
  'services',
  'network',
  'monitoring',
  'sites',
  'areas',
  'reported',
  'published',
  'collected',
];
const THEMES = ['environment', 'transport', 'housing', 'health', 'planning', 'demographics', 'education', 'crime-and-community-safety'];
const COLUMNS = [
  'site_code',
  'ward_code',
  'borough_gss_code',
  'measured_at',
  'value',
  'unit',
  'latitude',
  'longitude',
  'category',
  'count',
  'reference',
  'status',
  'easting',
  'northing',
];
const FORMATS = ['CSV', 'JSON', 'GEOJSON', 'NDJSON'];
export const ORGANISATIONS = Array.from({ length: 40 }, (_, i) => `org-${String(i).padStart(2, '0')}`);

export const generate = (size: number): SearchDocument[] => {
  const next = random(size);
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)];
  const some = <T>(items: readonly T[], max: number) => [...new Set(Array.from({ length: 1 + Math.floor(next() * max) }, () => pick(items)))];
  return Array.from({ length: size }, (_, i) => {
    const subject = pick(SUBJECTS);
    const organisation = pick(ORGANISATIONS);
    const roll = next();
    const tier: Tier = roll < 0.7 ? 'open' : roll < 0.9 ? 'shared' : 'private';
    const modified = new Date(Date.UTC(2015, 0, 1) + Math.floor(next() * 10 * 365 * 86_400_000)).toISOString();
    return {
      id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      name: `${organisation}-${subject.replace(/ /g, '-')}-${i}`,
      title: `${subject[0].toUpperCase()}${subject.slice(1)} ${pick(QUALIFIERS)} ${i}`,
      description: Array.from({ length: 25 }, () => pick(WORDS)).join(' '),
      organisation,
      organisationName: `Organisation ${organisation}`,
      tier,
      licence: tier === 'open' ? 'OGL-UK-3.0' : 'proprietary',
      keywords: [...subject.split(' '), ...some(WORDS, 3).map((w) => w.toLowerCase())],
      themes: some(THEMES, 2),
      formats: some(FORMATS, 2),
      schemas: next() < 0.2 ? ['air-quality-readings'] : [],
      places: [],
      columns: some(COLUMNS, 8),
      resourceIds: [`r-${i}`],
      created: modified,
      modified,
      source: 'd1',
    };
  });
};

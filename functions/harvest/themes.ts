import type { HarvestedDataset } from './harvested-dataset';

type Theme = NonNullable<HarvestedDataset['themes']>[number];

/**
 * A source's groups, categories and themes (labels, slugs or EU data-theme URIs) to the
 * exchange's themes. Words are matched, not whole labels, because every catalogue names its
 * groups differently ("Housing & Development", "public-safety", ".../data-theme/TRAN").
 */

const EU_THEMES: ReadonlyMap<string, Theme> = new Map([
  ['TRAN', 'transport'],
  ['ENVI', 'environment'],
  ['ENER', 'environment'],
  ['HEAL', 'health'],
  ['EDUC', 'education'],
  ['ECON', 'business-and-economy'],
  ['JUST', 'crime-and-community-safety'],
  ['SOCI', 'demographics'],
  ['REGI', 'planning'],
  ['GOVE', 'london-government'],
]);

const WORDS: ReadonlyArray<[RegExp, Theme]> = [
  [/\b(transport\w*|traffic|mobility|highways?|roads?|cycling|parking|buses|rail)\b/, 'transport'],
  [/\b(environment\w*|climate|air quality|pollution|energy|waste|recycling|green spaces?|biodiversity)\b/, 'environment'],
  [/\b(health\w*|medic\w*|medicare|social care|nhs|wellbeing)\b/, 'health'],
  [/\b(education|schools?|learning|universit\w*)\b/, 'education'],
  [/\b(econom\w*|business\w*|finance|financial|budgets?|spending|procurement)\b/, 'business-and-economy'],
  [/\b(employment|jobs|skills|labour market|workforce)\b/, 'employment-and-skills'],
  [/\b(crime|policing|police|public safety|community safety|justice|fire and rescue|emergency services)\b/, 'crime-and-community-safety'],
  [/\b(demograph\w*|population|census|people)\b/, 'demographics'],
  [/\b(housing|homes|homelessness)\b/, 'housing'],
  [/\b(poverty|welfare|benefits|income|deprivation)\b/, 'income-poverty-and-welfare'],
  [/\b(planning|land use|development|permits?|permitting|regeneration)\b/, 'planning'],
  [/\b(sports?|leisure|recreation)\b/, 'sport'],
  [/\b(arts?|culture|cultural|heritage|museums?|libraries)\b/, 'arts-and-culture'],
  [/\b(government|council|democracy|elections?|governance)\b/, 'london-government'],
];

const themesOfLabel = (label: string): Theme[] => {
  const eu = /data-theme\/([A-Z]{4})\b/.exec(label);
  if (eu) return EU_THEMES.has(eu[1]) ? [EU_THEMES.get(eu[1]) as Theme] : [];
  const words = label.toLowerCase().replace(/[-_&/]+/g, ' ');
  return WORDS.filter(([pattern]) => pattern.test(words)).map(([, theme]) => theme);
};

/** The exchange's themes for these source labels, in the order found, without repeats (10 at most). */
export const mapThemes = (labels: ReadonlyArray<string | undefined | null>): Theme[] => {
  const found = new Set<Theme>();
  for (const label of labels) if (typeof label === 'string') for (const theme of themesOfLabel(label)) found.add(theme);
  return [...found].slice(0, 10);
};

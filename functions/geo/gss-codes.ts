/**
 * ONS GSS codes (Government Statistical Service geography codes): a letter for the country, two
 * digits for the entity (the kind of area) and six for the area, e.g. E09000007 is Camden, a
 * London borough. Recognising them tells the exchange which areas a column is keyed by, so it
 * can draw the right boundaries.
 */

/** The geographic level an entity belongs to: what a map of it is drawn from. */
export type GssLevel = 'country' | 'region' | 'county' | 'local-authority' | 'ward' | 'msoa' | 'lsoa' | 'output-area' | 'other';

export interface GssEntity {
  /** The entity prefix, e.g. E09. */
  entity: string;
  /** What the areas are called, e.g. "London borough". */
  type: string;
  level: GssLevel;
}

export interface GssCode extends GssEntity {
  code: string;
}

const ENTITIES: readonly GssEntity[] = [
  { entity: 'E09', type: 'London borough', level: 'local-authority' },
  { entity: 'E08', type: 'metropolitan district', level: 'local-authority' },
  { entity: 'E07', type: 'non-metropolitan district', level: 'local-authority' },
  { entity: 'E06', type: 'unitary authority', level: 'local-authority' },
  { entity: 'W06', type: 'Welsh unitary authority', level: 'local-authority' },
  { entity: 'S12', type: 'Scottish council area', level: 'local-authority' },
  { entity: 'N09', type: 'Northern Ireland local government district', level: 'local-authority' },
  { entity: 'E10', type: 'county', level: 'county' },
  { entity: 'E05', type: 'electoral ward', level: 'ward' },
  { entity: 'W05', type: 'Welsh electoral ward', level: 'ward' },
  { entity: 'S13', type: 'Scottish electoral ward', level: 'ward' },
  { entity: 'E02', type: 'middle layer super output area (MSOA)', level: 'msoa' },
  { entity: 'W02', type: 'middle layer super output area (MSOA)', level: 'msoa' },
  { entity: 'E01', type: 'lower layer super output area (LSOA)', level: 'lsoa' },
  { entity: 'W01', type: 'lower layer super output area (LSOA)', level: 'lsoa' },
  { entity: 'E00', type: 'output area', level: 'output-area' },
  { entity: 'W00', type: 'output area', level: 'output-area' },
  { entity: 'E12', type: 'region', level: 'region' },
  { entity: 'E13', type: 'Inner or Outer London', level: 'region' },
  { entity: 'E92', type: 'country (England)', level: 'country' },
  { entity: 'W92', type: 'country (Wales)', level: 'country' },
  { entity: 'S92', type: 'country (Scotland)', level: 'country' },
  { entity: 'N92', type: 'country (Northern Ireland)', level: 'country' },
  { entity: 'K02', type: 'United Kingdom', level: 'country' },
  { entity: 'K03', type: 'Great Britain', level: 'country' },
  { entity: 'K04', type: 'England and Wales', level: 'country' },
];

const BY_ENTITY = new Map(ENTITIES.map((e) => [e.entity, e]));

const GSS_PATTERN = /^[EWSNK]\d{8}$/;

/** The GSS code a cell holds (surrounding spaces and lower case forgiven), or undefined. */
export const parseGssCode = (value: unknown): GssCode | undefined => {
  if (typeof value !== 'string') return undefined;
  const code = value.trim().toUpperCase();
  if (!GSS_PATTERN.test(code)) return undefined;
  const entity = code.slice(0, 3);
  return { code, ...(BY_ENTITY.get(entity) ?? { entity, type: 'other GSS area', level: 'other' as const }) };
};

/** A column whose values are GSS codes, mostly of one entity. */
export interface GssColumn extends GssEntity {
  /** Cells holding a code of the column's entity. */
  matched: number;
  /** Non-empty cells read. */
  total: number;
}

/**
 * Share of non-empty cells that must be GSS codes. Aggregate rows (Inner London, London,
 * England, United Kingdom) sit beside the 33 boroughs in the GLA's files, so not all of them.
 */
const MIN_CODE_SHARE = 0.8;

/**
 * Whether a column is keyed by GSS codes, and of which entity: the entity most cells hold.
 * Undefined when too few of its non-empty cells are codes.
 */
export const recogniseGssColumn = (values: Iterable<unknown>): GssColumn | undefined => {
  let total = 0;
  let codes = 0;
  const counts = new Map<string, number>();
  for (const value of values) {
    if (value === null || value === undefined || (typeof value === 'string' && value.trim() === '')) continue;
    total += 1;
    const parsed = parseGssCode(value);
    if (!parsed) continue;
    codes += 1;
    counts.set(parsed.entity, (counts.get(parsed.entity) ?? 0) + 1);
  }
  if (total === 0 || codes / total < MIN_CODE_SHARE) return undefined;
  const [entity, matched] = [...counts].sort((a, b) => b[1] - a[1])[0];
  return { ...(BY_ENTITY.get(entity) ?? { entity, type: 'other GSS area', level: 'other' as const }), matched, total };
};

import { createHash } from 'node:crypto';

/**
 * The exchange name of a harvested dataset: `h--{source}--{slug}-{hash}`. The hash is of the
 * source's id and the record's identifier there, so two records never share a name even when
 * their slugs coincide; the slug is only for people (a readable name the source gives, such as
 * CKAN's `name`, else the identifier's last part). The same inputs always give the same name;
 * a run should still find an existing record by its provenance, not by re-deriving the name,
 * since a source may rename. The `h--` prefix keeps harvested names apart from native ones,
 * provided native names are refused that prefix (a rule for functions/domain/datasets.ts).
 */

export const HARVESTED_NAME_PREFIX = 'h--';

const NAME_MAX = 100;
const SOURCE_MAX = 24;
const HASH_LENGTH = 10;

/** Lower-case ASCII letters, digits and single hyphens; accents folded, everything else a hyphen. */
export const slugify = (value: string): string =>
  value
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');

const trimTo = (slug: string, max: number): string => slug.slice(0, max).replace(/-+$/, '');

/** The last meaningful part of an identifier that is a URL or path; the identifier otherwise. */
const readablePart = (identifier: string): string => {
  const parts = identifier.split(/[/#?=]/).filter((part) => slugify(part) !== '');
  return parts.length > 0 ? parts[parts.length - 1] : identifier;
};

export const harvestedDatasetName = (sourceId: string, identifier: string, readable?: string): string => {
  const source = trimTo(slugify(sourceId), SOURCE_MAX) || 'source';
  const hash = createHash('sha256').update(`${sourceId}\n${identifier}`).digest('hex').slice(0, HASH_LENGTH);
  const room = NAME_MAX - HARVESTED_NAME_PREFIX.length - source.length - 2 - 1 - HASH_LENGTH;
  const slug = trimTo(slugify(readable ?? readablePart(identifier)), room) || 'dataset';
  return `${HARVESTED_NAME_PREFIX}${source}--${slug}-${hash}`;
};

/** True for names only harvesting may give (the rule native names would need to be refused by). */
export const isHarvestedName = (name: string): boolean => name.startsWith(HARVESTED_NAME_PREFIX);

import { distinctWords, overLimitMessage, withinLimit } from '../search/query-limits';
import type { Condition, SortField } from '../search/search-query';
import type { FilterField } from '../search/search-index';
import { ckanSearchQueryError } from './errors';

/**
 * The part of Solr's query syntax that CKAN clients send in `q` and `fq`: `field:value`,
 * `field:"a phrase"`, `+field:value`, `-field:value`, `metadata_modified:[2024-01-01T00:00:00Z TO *]`,
 * `*:*` and free text, combined with AND (CKAN's default operator). Anything else is a Search
 * Query Error rather than a silently different answer, and so is a search over the limits every
 * search is held to (query-limits.ts).
 */
export interface ParsedQuery {
  text: string[];
  conditions: Condition[];
  modifiedSince?: string;
  modifiedUntil?: string;
  /** capacity:public */
  publicOnly?: boolean;
}

const FILTER_FIELDS: Record<string, FilterField> = {
  organization: 'organisation',
  owner_org: 'organisation',
  tags: 'keyword',
  res_format: 'format',
  license_id: 'licence',
  groups: 'theme',
  name: 'name',
  id: 'id',
  tier: 'tier',
  data_schema: 'schema',
};

const TEXT_FIELDS = new Set(['text', 'title', 'notes', 'res_name', 'res_description', 'res_url']);

/** A condition no document meets (documents always have an id). */
const NOTHING: Condition = { field: 'id', value: '' };

interface Token {
  sign: '' | '+' | '-';
  field?: string;
  value: string;
  range?: [string, string];
}

/** Sticky patterns: each matches exactly where it is set to start, so reading is one pass over the input. */
const SPACE = /\s+/y;
const FIELD = /([A-Za-z_][\w.]*|\*):/y;
const RANGE_END = /[\]}]/g;
const BARE = /\S+/y;

const matchAt = (pattern: RegExp, input: string, at: number): RegExpExecArray | null => {
  pattern.lastIndex = at;
  return pattern.exec(input);
};

const tokenise = (input: string): Token[] => {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const space = matchAt(SPACE, input, i);
    if (space) {
      i += space[0].length;
      continue;
    }
    let sign: Token['sign'] = '';
    if (input[i] === '+' || input[i] === '-') sign = input[i++] as Token['sign'];
    const field = matchAt(FIELD, input, i);
    if (field) i += field[0].length;
    let value: string;
    let range: [string, string] | undefined;
    if (input[i] === '"') {
      const end = input.indexOf('"', i + 1);
      if (end < 0) throw ckanSearchQueryError(`unterminated quote in ${input}`);
      value = input.slice(i + 1, end);
      i = end + 1;
    } else if (input[i] === '[' || input[i] === '{') {
      const end = matchAt(RANGE_END, input, i)?.index;
      if (end === undefined) throw ckanSearchQueryError(`unterminated range in ${input}`);
      const bounds = /^\s*(\S+)\s+TO\s+(\S+)\s*$/.exec(input.slice(i + 1, end));
      if (!bounds) throw ckanSearchQueryError(`cannot read the range in ${input}`);
      range = [bounds[1], bounds[2]];
      value = input.slice(i, end + 1);
      i = end + 1;
    } else if (input[i] === '(') {
      throw ckanSearchQueryError(`grouping with parentheses is not supported: ${input}`);
    } else {
      value = matchAt(BARE, input, i)?.[0] ?? '';
      i += value.length;
    }
    tokens.push({ sign, field: field?.[1], value, range });
  }
  return tokens;
};

const instant = (bound: string, input: string): string | undefined => {
  if (bound === '*') return undefined;
  const parsed = /^\d{4}-\d{2}-\d{2}(T[\d:.]+Z?)?$/.test(bound) ? new Date(bound.endsWith('Z') || !bound.includes('T') ? bound : `${bound}Z`) : undefined;
  if (!parsed || Number.isNaN(parsed.getTime())) throw ckanSearchQueryError(`cannot read the date ${bound} in ${input}`);
  return parsed.toISOString();
};

/**
 * Adds what `input` asks for to `into`. In `q`, an unknown `word:word` is text (as in Solr's
 * edismax); in `fq` it is an error.
 */
export const parseSolrQuery = (input: string, mode: 'q' | 'fq', into: ParsedQuery = { text: [], conditions: [] }): ParsedQuery => {
  for (const token of tokenise(input)) {
    const { sign, field, value, range } = token;
    if (!field) {
      if (['AND', '&&'].includes(value)) continue;
      if (['OR', '||', 'NOT', '!'].includes(value)) throw ckanSearchQueryError(`the ${value} operator is not supported: ${input}`);
      if (sign === '-') throw ckanSearchQueryError(`excluding free text is not supported: ${input}`);
      if (value !== '*') into.text.push(value);
      continue;
    }
    if (field === '*' && value === '*') continue;
    if (!range && value.includes('*')) throw ckanSearchQueryError(`wildcards are not supported: ${input}`);
    if (TEXT_FIELDS.has(field)) {
      if (sign === '-') throw ckanSearchQueryError(`excluding free text is not supported: ${input}`);
      into.text.push(value);
    } else if (field === 'metadata_modified') {
      if (!range || sign === '-') throw ckanSearchQueryError(`metadata_modified takes a range, [from TO to]: ${input}`);
      const [since, until] = [instant(range[0], input), instant(range[1], input)];
      if (since && (!into.modifiedSince || since > into.modifiedSince)) into.modifiedSince = since;
      if (until && (!into.modifiedUntil || until < into.modifiedUntil)) into.modifiedUntil = until;
    } else if (field === 'dataset_type' || field === 'type') {
      if ((value === 'dataset') === (sign === '-')) into.conditions.push(NOTHING);
    } else if (field === 'state') {
      if ((value === 'active') === (sign === '-')) into.conditions.push(NOTHING);
    } else if (field === 'capacity') {
      const wantsPublic = (value === 'public') !== (sign === '-');
      if (wantsPublic) into.publicOnly = true;
      else into.conditions.push({ field: 'tier', value: 'private' });
    } else if (Object.hasOwn(FILTER_FIELDS, field)) {
      // hasOwn: `constructor:x` or `__proto__:x` must not find Object.prototype's members.
      if (range) throw ckanSearchQueryError(`${field} does not take a range: ${input}`);
      into.conditions.push({ field: FILTER_FIELDS[field], value, ...(sign === '-' ? { negate: true } : {}) });
    } else if (mode === 'q' && sign !== '-') {
      into.text.push(`${field} ${value}`);
    } else {
      throw ckanSearchQueryError(`unknown field ${field}: ${input}`);
    }
  }
  return into;
};

/**
 * package_search's q and fq (and fq_list) read into one query. The limits are checked before
 * and after reading, so a hostile query costs one pass over text of bounded length.
 */
export const parseSolrSearch = (q: string, filterQueries: readonly string[]): ParsedQuery => {
  const syntaxLength = filterQueries.reduce((total, fq) => total + fq.length, q.length);
  if (!withinLimit('syntaxLength', syntaxLength)) throw ckanSearchQueryError(overLimitMessage('syntaxLength', syntaxLength));
  const parsed = parseSolrQuery(q, 'q');
  for (const fq of filterQueries) parseSolrQuery(fq, 'fq', parsed);
  if (!withinLimit('conditions', parsed.conditions.length)) throw ckanSearchQueryError(overLimitMessage('conditions', parsed.conditions.length));
  const text = parsed.text.join(' ');
  if (!withinLimit('textLength', text.length)) throw ckanSearchQueryError(overLimitMessage('textLength', text.length));
  const words = distinctWords(text);
  if (!withinLimit('words', words)) throw ckanSearchQueryError(overLimitMessage('words', words));
  return parsed;
};

const SORTS = new Map<string, SortField>([
  ['score', 'relevance'],
  ['metadata_modified', 'modified'],
  ['metadata_created', 'created'],
  ['title_string', 'title'],
  ['title', 'title'],
  ['name', 'name'],
  ['id', 'id'],
]);

/** The first clause of `sort` that can order the results (score needs a text query); then CKAN's own fallback. */
export const parseSolrSort = (raw: string, hasText: boolean): { by: SortField; direction: 'asc' | 'desc' } => {
  const clauses = raw
    .split(',')
    .map((c) => c.trim())
    .filter(Boolean);
  if (!withinLimit('sortKeys', clauses.length)) throw ckanSearchQueryError(overLimitMessage('sortKeys', clauses.length));
  for (const clause of clauses) {
    const match = /^([a-z_]+)(?:\s+(asc|desc))?$/i.exec(clause);
    const by = match ? SORTS.get(match[1]) : undefined;
    if (!match || !by) throw ckanSearchQueryError(`cannot sort by ${clause}`);
    if (by === 'relevance' && !hasText) continue;
    return { by, direction: (match[2]?.toLowerCase() ?? 'asc') as 'asc' | 'desc' };
  }
  return { by: 'modified', direction: 'desc' };
};

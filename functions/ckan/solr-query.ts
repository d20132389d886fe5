import type { Condition } from '../search/search-query';
import type { FilterField } from '../search/search-index';
import { ckanSearchQueryError } from './errors';

/**
 * The part of Solr's query syntax that CKAN clients send in `q` and `fq`: `field:value`,
 * `field:"a phrase"`, `+field:value`, `-field:value`, `metadata_modified:[2024-01-01T00:00:00Z TO *]`,
 * `*:*` and free text, combined with AND (CKAN's default operator). Anything else is a Search
 * Query Error rather than a silently different answer.
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

const tokenise = (input: string): Token[] => {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    if (/\s/.test(input[i])) {
      i++;
      continue;
    }
    let sign: Token['sign'] = '';
    if (input[i] === '+' || input[i] === '-') sign = input[i++] as Token['sign'];
    const field = /^([A-Za-z_][\w.]*|\*):/.exec(input.slice(i));
    if (field) i += field[0].length;
    let value: string;
    let range: [string, string] | undefined;
    if (input[i] === '"') {
      const end = input.indexOf('"', i + 1);
      if (end < 0) throw ckanSearchQueryError(`unterminated quote in ${input}`);
      value = input.slice(i + 1, end);
      i = end + 1;
    } else if (input[i] === '[' || input[i] === '{') {
      const end = input.slice(i).search(/[\]}]/);
      if (end < 0) throw ckanSearchQueryError(`unterminated range in ${input}`);
      const bounds = /^\s*(\S+)\s+TO\s+(\S+)\s*$/.exec(input.slice(i + 1, i + end));
      if (!bounds) throw ckanSearchQueryError(`cannot read the range in ${input}`);
      range = [bounds[1], bounds[2]];
      value = input.slice(i, i + end + 1);
      i += end + 1;
    } else if (input[i] === '(') {
      throw ckanSearchQueryError(`grouping with parentheses is not supported: ${input}`);
    } else {
      const end = input.slice(i).search(/\s/);
      value = end < 0 ? input.slice(i) : input.slice(i, i + end);
      i = end < 0 ? input.length : i + end;
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
    } else if (FILTER_FIELDS[field]) {
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

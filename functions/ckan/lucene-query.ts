import { distinctWords, overLimitMessage, withinLimit } from '../search/query-limits';
import type { FilterField } from '../search/search-index';
import type { Condition } from '../search/search-request';
import { ckanSearchQueryError } from './errors';

/**
 * CKAN's `q` as its Solr reads it: the standard (Lucene) query parser with CKAN's `q.op=AND` and
 * `df=text`. Terms and "phrases", `field:value` and `field:(…)`, `+`/`-`/`!`/`NOT` prefixes,
 * `AND`/`OR`/`&&`/`||` between clauses and parentheses. Clauses combine as the Lucene parser
 * combines them (there is no operator precedence): with AND as the default, a clause is required
 * unless an OR touches it, then it is optional; a group with required clauses needs all of them,
 * one with only optional clauses needs at least one, and `-` excludes (a group of exclusions alone
 * excludes from everything, as Solr answers a purely negative query).
 */
export type TextScope = 'any' | 'title';

export type QueryNode =
  | { kind: 'group'; clauses: Clause[] }
  /** Words in the text fields (or the title alone); a phrase's words must all be there. */
  | { kind: 'text'; scope: TextScope; words: string; phrase: boolean }
  | { kind: 'filter'; field: FilterField; value: string }
  | { kind: 'modified'; since?: string; until?: string }
  | { kind: 'public' }
  | { kind: 'all' }
  | { kind: 'none' };

export interface Clause {
  occur: 'must' | 'should' | 'not';
  node: QueryNode;
}

/** Solr field names and the exchange's filters behind them (a Map: the names come from the request). */
const FILTER_FIELDS = new Map<string, FilterField>([
  ['organization', 'organisation'],
  ['owner_org', 'organisation'],
  ['tags', 'keyword'],
  ['res_format', 'format'],
  ['license_id', 'licence'],
  ['groups', 'theme'],
  ['name', 'name'],
  ['id', 'id'],
  ['tier', 'tier'],
  ['data_schema', 'schema'],
]);

/**
 * Text fields. Only the title is indexed on its own; the others (notes, res_name…) are searched in
 * all the text, so they match at least what Solr would.
 */
const TEXT_SCOPES = new Map<string, TextScope>([
  ['text', 'any'],
  ['title', 'title'],
  ['notes', 'any'],
  ['res_name', 'any'],
  ['res_description', 'any'],
  ['res_url', 'any'],
]);

/** Deeper nesting than this is refused: the parser and evaluator recurse once per level. */
export const MAX_DEPTH = 16;

type Modifier = 'required' | 'prohibited' | undefined;

/** One pass over the input, by position; every loop advances, so the cost is linear in its length. */
class Reader {
  at = 0;
  leaves = 0;
  words = new Set<string>();
  textLength = 0;
  constructor(readonly input: string) {}

  fail(message: string): never {
    throw ckanSearchQueryError(`${message}: ${this.input}`);
  }

  skipSpace(): void {
    while (this.at < this.input.length && /\s/.test(this.input[this.at])) this.at++;
  }

  /** An operator word standing alone at the current position (AND, OR, NOT, &&, ||, !). */
  operator(): string | undefined {
    const match = /^(AND|OR|NOT|&&|\|\||!)(?=[\s()"]|$)/.exec(this.input.slice(this.at, this.at + 4));
    return match?.[1];
  }

  /** A bare term: up to whitespace or a parenthesis; backslash escapes the next character. */
  bare(): string {
    let value = '';
    while (this.at < this.input.length) {
      const char = this.input[this.at];
      if (/\s/.test(char) || char === '(' || char === ')') break;
      if (char === '\\' && this.at + 1 < this.input.length) {
        value += this.input[this.at + 1];
        this.at += 2;
        continue;
      }
      value += char;
      this.at++;
    }
    return value;
  }

  phrase(): string {
    const end = this.input.indexOf('"', this.at + 1);
    if (end < 0) this.fail('unterminated quote');
    const value = this.input.slice(this.at + 1, end);
    this.at = end + 1;
    return value;
  }

  range(): [string, string] {
    const close = /[\]}]/g;
    close.lastIndex = this.at;
    const end = close.exec(this.input)?.index;
    if (end === undefined) this.fail('unterminated range');
    const bounds = /^\s*(\S+)\s+TO\s+(\S+)\s*$/.exec(this.input.slice(this.at + 1, end));
    if (!bounds) this.fail('cannot read the range');
    this.at = end + 1;
    return [bounds[1], bounds[2]];
  }
}

const instant = (reader: Reader, bound: string): string | undefined => {
  if (bound === '*') return undefined;
  const parsed = /^\d{4}-\d{2}-\d{2}(T[\d:.]+Z?)?$/.test(bound) ? new Date(bound.endsWith('Z') || !bound.includes('T') ? bound : `${bound}Z`) : undefined;
  if (!parsed || Number.isNaN(parsed.getTime())) reader.fail(`cannot read the date ${bound}`);
  return parsed.toISOString();
};

/** The node one `field:value` (or bare value, or phrase, or range) stands for. */
const leaf = (reader: Reader, field: string | undefined, value: string, options: { phrase?: boolean; range?: [string, string] }): QueryNode => {
  reader.leaves++;
  const { phrase = false, range } = options;
  if (field === '*' && value === '*') return { kind: 'all' };
  if (!phrase && !range && value.includes('*')) reader.fail('wildcards are not supported');
  if (!phrase && !range && value.includes('?')) reader.fail('wildcards are not supported');
  const scope = field === undefined ? 'any' : TEXT_SCOPES.get(field);
  if (range && field !== 'metadata_modified') reader.fail(`${field ?? 'text'} does not take a range`);
  if (scope) {
    if (value.trim() === '') return { kind: 'all' };
    reader.textLength += value.length + 1;
    for (const word of value.toLowerCase().split(/\s+/)) reader.words.add(word);
    return { kind: 'text', scope, words: value, phrase };
  }
  if (field === 'metadata_modified') {
    if (!range) reader.fail('metadata_modified takes a range, [from TO to]');
    return { kind: 'modified', since: instant(reader, range[0]), until: instant(reader, range[1]) };
  }
  if (field === 'dataset_type' || field === 'type') return { kind: value === 'dataset' ? 'all' : 'none' };
  if (field === 'state') return { kind: value === 'active' ? 'all' : 'none' };
  if (field === 'capacity') return value === 'public' ? { kind: 'public' } : { kind: 'filter', field: 'tier', value: 'private' };
  const filter = field === undefined ? undefined : FILTER_FIELDS.get(field);
  if (filter) return { kind: 'filter', field: filter, value };
  // An unknown field is text, as CKAN's own search of `word:word` in free text finds it.
  reader.textLength += (field?.length ?? 0) + value.length + 2;
  return { kind: 'text', scope: 'any', words: `${field} ${value}`, phrase: false };
};

/** Lucene's addClause: the conjunction before a clause, and its modifier, decide how it and the one before must match. */
const addClause = (clauses: Clause[], conjunction: 'AND' | 'OR' | undefined, modifier: Modifier, node: QueryNode): void => {
  const previous = clauses.at(-1);
  if (previous && previous.occur !== 'not') {
    if (conjunction === 'AND') previous.occur = 'must';
    else if (conjunction === 'OR') previous.occur = 'should';
  }
  const prohibited = modifier === 'prohibited';
  clauses.push({ occur: prohibited ? 'not' : conjunction === 'OR' ? 'should' : 'must', node });
};

/** What follows a clause's modifier: a group, a field with its value or group, or a value. */
const readClauseBody = (reader: Reader, depth: number, field: string | undefined): QueryNode => {
  const { input } = reader;
  if (input[reader.at] === '(') {
    if (depth >= MAX_DEPTH) reader.fail(`more than ${MAX_DEPTH} levels of parentheses`);
    reader.at++;
    const group = readGroup(reader, depth + 1, field);
    if (input[reader.at] !== ')') reader.fail('a parenthesis is not closed');
    reader.at++;
    return group;
  }
  if (input[reader.at] === '"') return leaf(reader, field, reader.phrase(), { phrase: true });
  if (input[reader.at] === '[' || input[reader.at] === '{') return leaf(reader, field, '', { range: reader.range() });
  if (field === undefined) {
    const named = /^([A-Za-z_][\w.]*|\*):(?!\s|$)/.exec(input.slice(reader.at, reader.at + 64));
    if (named) {
      reader.at += named[0].length;
      return readClauseBody(reader, depth, named[1]);
    }
  }
  const value = reader.bare();
  if (value === '') reader.fail('a term is missing');
  return leaf(reader, field, value, {});
};

/** Clauses up to the end or a closing parenthesis; `field` applies to bare values inside `field:(…)`. */
const readGroup = (reader: Reader, depth: number, field?: string): QueryNode => {
  const clauses: Clause[] = [];
  let conjunction: 'AND' | 'OR' | undefined;
  for (;;) {
    reader.skipSpace();
    if (reader.at >= reader.input.length || reader.input[reader.at] === ')') break;
    const operator = reader.operator();
    if (operator === 'AND' || operator === '&&' || operator === 'OR' || operator === '||') {
      if (clauses.length === 0 || conjunction !== undefined) reader.fail(`${operator} needs a clause on each side`);
      conjunction = operator === 'AND' || operator === '&&' ? 'AND' : 'OR';
      reader.at += operator.length;
      continue;
    }
    let modifier: Modifier;
    if (operator === 'NOT' || operator === '!') {
      modifier = 'prohibited';
      reader.at += operator.length;
      reader.skipSpace();
    } else if (reader.input[reader.at] === '+' || reader.input[reader.at] === '-' || reader.input[reader.at] === '!') {
      modifier = reader.input[reader.at] === '+' ? 'required' : 'prohibited';
      reader.at++;
    }
    if (reader.at >= reader.input.length || reader.input[reader.at] === ')') reader.fail('a clause is missing after an operator');
    addClause(clauses, conjunction, modifier, readClauseBody(reader, depth, field));
    conjunction = undefined;
  }
  if (conjunction !== undefined) reader.fail('a clause is missing after an operator');
  return { kind: 'group', clauses };
};

/**
 * Parses `q` (an empty one matches everything), held to the search limits: its length, the number
 * of terms and filters (each a condition), the distinct words and the characters of text.
 */
export const parseLuceneQuery = (q: string, syntaxLength: number): QueryNode => {
  if (!withinLimit('syntaxLength', syntaxLength)) throw ckanSearchQueryError(overLimitMessage('syntaxLength', syntaxLength));
  const reader = new Reader(q);
  const parsed = readGroup(reader, 0);
  if (reader.at < q.length) reader.fail('a closing parenthesis has no opening one');
  if (!withinLimit('conditions', reader.leaves)) throw ckanSearchQueryError(overLimitMessage('conditions', reader.leaves));
  if (!withinLimit('textLength', reader.textLength)) throw ckanSearchQueryError(overLimitMessage('textLength', reader.textLength));
  const words = distinctWords([...reader.words].join(' '));
  if (!withinLimit('words', words)) throw ckanSearchQueryError(overLimitMessage('words', words));
  return parsed;
};

/** What the plain search takes: required words (ANDed), conditions, a modification range, public only. */
export interface FlatQuery {
  text: string[];
  conditions: Condition[];
  modifiedSince?: string;
  modifiedUntil?: string;
  publicOnly?: boolean;
}

/** A condition no document meets (documents always have an id). */
const NOTHING: Condition = { field: 'id', value: '' };

/**
 * The query as the plain search reads it, when it is only required words, required or excluded
 * filters, ranges and `*:*`: no OR, no groups, no excluded words, no phrase and no title:. Those
 * keep the plain search (prefix and typo tolerant, as before); anything else is evaluated as Solr
 * would (lucene-match.ts). Undefined when the query is not flat.
 */
export const flatQuery = (node: QueryNode): FlatQuery | undefined => {
  if (node.kind !== 'group') return undefined;
  const flat: FlatQuery = { text: [], conditions: [] };
  for (const { occur, node: child } of node.clauses) {
    if (occur === 'should' && node.clauses.length > 1) return undefined;
    const excluded = occur === 'not';
    switch (child.kind) {
      case 'text':
        if (excluded || child.scope !== 'any' || child.phrase) return undefined;
        flat.text.push(child.words);
        break;
      case 'filter':
        flat.conditions.push({ field: child.field, value: child.value, ...(excluded ? { negate: true } : {}) });
        break;
      case 'modified':
        if (excluded) return undefined;
        if (child.since && (!flat.modifiedSince || child.since > flat.modifiedSince)) flat.modifiedSince = child.since;
        if (child.until && (!flat.modifiedUntil || child.until < flat.modifiedUntil)) flat.modifiedUntil = child.until;
        break;
      case 'public':
        if (excluded) return undefined;
        flat.publicOnly = true;
        break;
      case 'all':
        if (excluded) flat.conditions.push(NOTHING);
        break;
      case 'none':
        if (!excluded) flat.conditions.push(NOTHING);
        break;
      default:
        return undefined;
    }
  }
  return flat;
};

import type { SearchIndex, ValueField } from '../search/search-index';
import { normalisePhrase } from '../search/search-index';
import type { TextMatches } from '../search/text-index';
import type { Clause, QueryNode } from './lucene-query';

/**
 * Evaluates a parsed CKAN `q` (lucene-query.ts) over the search index: every live dataset it
 * matches, with a relevance score (the text scores of the words it matched). Visibility is not
 * decided here: the search applies the caller's policy groups to these matches as to any text
 * match, so a query can never reach a dataset the caller may not see, nor count one.
 *
 * Words match as the index matches them (as a word, or as a prefix from three letters: close to
 * what Solr's stemming finds), without typo tolerance, which Solr does not have either. A phrase
 * needs all its words; in the title (the one field the index keeps whole) it must appear as written.
 */
interface Matched {
  hit: Uint8Array;
  score: Float64Array;
}

/** Matched datasets below this score still sort (they matched filters only); every match needs a positive score. */
const FILTER_SCORE = 1e-6;

const empty = (capacity: number): Matched => ({ hit: new Uint8Array(capacity), score: new Float64Array(capacity) });

const everyLive = (index: SearchIndex): Matched => {
  const result = empty(index.capacity);
  for (let slot = 0; slot < index.capacity; slot++) result.hit[slot] = index.alive[slot];
  return result;
};

const where = (index: SearchIndex, test: (slot: number) => boolean): Matched => {
  const result = empty(index.capacity);
  for (let slot = 0; slot < index.capacity; slot++) if (index.alive[slot] === 1 && test(slot)) result.hit[slot] = 1;
  return result;
};

const textLeaf = (index: SearchIndex, node: Extract<QueryNode, { kind: 'text' }>): Matched => {
  const result = empty(index.capacity);
  // The index's arrays are reused by its next search: read them out at once.
  const { slots, scores } = index.text.search(node.words, index.alive, false);
  const phrase = normalisePhrase(node.words);
  for (let i = 0; i < slots.length; i++) {
    const slot = slots[i];
    if (node.scope === 'title' && index.titleMatch(slot, phrase) === 'none') continue;
    result.hit[slot] = 1;
    result.score[slot] = scores[i];
  }
  return result;
};

const filterLeaf = (index: SearchIndex, node: Extract<QueryNode, { kind: 'filter' }>): Matched => {
  const value = node.value.toLowerCase();
  if (node.field === 'name' || node.field === 'id') {
    const target = node.field === 'name' ? index.slotOfName(value) : index.slotOfId(value);
    return where(index, (slot) => slot === target);
  }
  const values = index.fields[node.field as ValueField];
  const ids = values.matching(value);
  return where(index, (slot) => values.hasAny(slot, ids));
};

const evaluate = (index: SearchIndex, node: QueryNode): Matched => {
  switch (node.kind) {
    case 'all':
      return everyLive(index);
    case 'none':
      return empty(index.capacity);
    case 'public':
      return where(index, (slot) => index.docAt(slot).tier !== 'private');
    case 'modified':
      return where(index, (slot) => {
        const { modified } = index.docAt(slot);
        return (node.since === undefined || modified >= node.since) && (node.until === undefined || modified <= node.until);
      });
    case 'text':
      return textLeaf(index, node);
    case 'filter':
      return filterLeaf(index, node);
    case 'group':
      return evaluateGroup(index, node.clauses);
  }
};

/**
 * A group, one clause at a time: each clause's matches are folded into the required, optional
 * and excluded sets and dropped, so memory grows with the nesting depth, never with the number of
 * clauses. Required clauses must all match; with none, one optional clause must; an excluded one
 * must not (a group of exclusions alone keeps everything else, as Solr adds *:*). Scores add up.
 */
const evaluateGroup = (index: SearchIndex, clauses: Clause[]): Matched => {
  if (clauses.length === 0) return everyLive(index);
  const capacity = index.capacity;
  let required: Matched | undefined;
  let optional: Matched | undefined;
  const excluded = new Uint8Array(capacity);
  for (const clause of clauses) {
    const matched = evaluate(index, clause.node);
    if (clause.occur === 'not') {
      for (let slot = 0; slot < capacity; slot++) excluded[slot] |= matched.hit[slot];
    } else if (clause.occur === 'must') {
      if (!required) required = matched;
      else
        for (let slot = 0; slot < capacity; slot++) {
          required.hit[slot] &= matched.hit[slot];
          required.score[slot] += matched.score[slot];
        }
    } else if (!optional) optional = matched;
    else
      for (let slot = 0; slot < capacity; slot++) {
        optional.hit[slot] |= matched.hit[slot];
        optional.score[slot] += matched.score[slot];
      }
  }
  const result = required ?? (optional ? { hit: optional.hit.slice(), score: new Float64Array(capacity) } : everyLive(index));
  for (let slot = 0; slot < capacity; slot++) {
    if (index.alive[slot] !== 1 || excluded[slot] === 1) result.hit[slot] = 0;
    if (result.hit[slot] === 0) result.score[slot] = 0;
    else if (optional) result.score[slot] += optional.score[slot];
  }
  return result;
};

/** The matches of `node`, as the search takes text matches: slots and positive scores, aligned. */
export const luceneMatches = (index: SearchIndex, node: QueryNode): TextMatches => {
  const { hit, score } = evaluate(index, node);
  let count = 0;
  for (let slot = 0; slot < hit.length; slot++) count += hit[slot];
  const slots = new Int32Array(count);
  const scores = new Float64Array(count);
  for (let slot = 0, at = 0; slot < hit.length; slot++) {
    if (hit[slot] !== 1) continue;
    slots[at] = slot;
    scores[at++] = Math.max(score[slot], FILTER_SCORE);
  }
  return { slots, scores };
};

/** The words a query asks for (not those it excludes), for the search's exact-title bonus. */
export const positiveWords = (node: QueryNode): string[] => {
  if (node.kind === 'text') return [node.words];
  if (node.kind !== 'group') return [];
  return node.clauses.filter((c) => c.occur !== 'not').flatMap((c) => positiveWords(c.node));
};

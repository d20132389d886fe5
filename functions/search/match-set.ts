import type { FieldValues } from './field-values';
import type { PolicyGroup } from './policy-groups';
import type { FilterField, SearchIndex, ValueField } from './search-index';
import type { Condition, FacetField, FacetValue, SearchQuery } from './search-request';
import type { TextMatches } from './text-index';

/**
 * Finds what a query matches and counts its facets, for one caller. The policy decides per
 * policy group (organisation and tier: all it looks at; see PolicyGroups.visibleTo), and a slot
 * outside the caller's visible groups is never matched or counted, so results, counts and facets
 * only reflect what the caller may see.
 *
 * Filters on organisation and tier are decided per group too. A set restricted by nothing else
 * (browsing, by organisation or tier) is neither enumerated nor stored: its facet counts are the
 * groups' counts added up, and pages walk a kept order. Any other set (the matches; for a
 * disjunctive facet with a filter of its own, the matches without that filter) is enumerated
 * from its smallest source: the text matches, the postings of its most selective filter value,
 * or every slot.
 */
export interface Matches {
  count: number;
  facets: Partial<Record<FacetField, FacetValue[]>>;
  /** The matched slots in no particular order, with text scores aligned; absent when whole groups match. */
  slots?: Int32Array;
  scores?: Float64Array;
  /** Whether a slot is matched (used when walking a kept order). */
  member: (slot: number) => boolean;
}

/** A condition, resolved to value numbers (or slots, for name and id). */
interface Resolved {
  negate: boolean;
  has: (slot: number) => boolean;
  /** For organisation and tier: whether a policy group's documents hold the value. */
  inGroup?: (group: PolicyGroup) => boolean;
  /** Slots holding the value: a source to enumerate from (wanted values only). */
  sources: Int32Array[];
  size: number;
}

/** The conditions on one field. */
interface FieldConditions {
  field: FilterField;
  conditions: Resolved[];
}

/** A value the documents must hold (filter values compare in lower case). */
const resolveWanted = (index: SearchIndex, field: FilterField, value: string): Resolved => {
  if (field === 'name' || field === 'id') {
    const target = field === 'name' ? index.slotOfName(value) : index.slotOfId(value);
    const sources = target === undefined ? [] : [Int32Array.of(target)];
    return { negate: false, has: (slot) => slot === target, sources, size: sources.length };
  }
  const values: FieldValues = index.fields[field as ValueField];
  const ids = values.matching(value);
  const sources = ids.map((id) => values.postings[id].slots.subarray(0, values.postings[id].length));
  const inGroup =
    field === 'organisation' ? (g: PolicyGroup) => g.organisation.toLowerCase() === value : field === 'tier' ? (g: PolicyGroup) => g.tier === value : undefined;
  return { negate: false, has: (slot) => values.hasAny(slot, ids), inGroup, sources, size: sources.reduce((n, s) => n + s.length, 0) };
};

/**
 * Every excluded value of one field, as one condition (not a, and not b, is not (a or b)): each
 * value only marks its value numbers (or slot), so a candidate slot is checked once against the
 * marks however many values are excluded.
 */
class Exclusion {
  private readonly marks?: Uint8Array;
  private readonly slots = new Set<number>();

  constructor(
    private readonly index: SearchIndex,
    private readonly field: FilterField,
  ) {
    if (field !== 'name' && field !== 'id') this.marks = new Uint8Array(index.fields[field].values.length);
  }

  add(value: string): void {
    if (this.marks) for (const id of this.index.fields[this.field as ValueField].matching(value)) this.marks[id] = 1;
    else {
      const slot = this.field === 'name' ? this.index.slotOfName(value) : this.index.slotOfId(value);
      if (slot !== undefined) this.slots.add(slot);
    }
  }

  resolved(): Resolved {
    const { marks, slots, field } = this;
    if (!marks) return { negate: true, has: (slot) => slots.has(slot), sources: [], size: 0 };
    const values: FieldValues = this.index.fields[field as ValueField];
    // A group's organisation and tier are its own: the group is excluded when its value is marked.
    const marked = (value: string) => marks[values.codeOf(value) ?? -1] === 1;
    const inGroup = field === 'organisation' ? (g: PolicyGroup) => marked(g.organisation) : field === 'tier' ? (g: PolicyGroup) => marked(g.tier) : undefined;
    return { negate: true, has: (slot) => values.holdsMarked(slot, marks), inGroup, sources: [], size: 0 };
  }
}

/**
 * The conditions resolved and grouped by field, in one pass. Conditions are ANDed, so a repeated
 * value counts once, a field with a value no document holds needs no more of its values, and all
 * excluded values of a field are one condition: the work is a lookup or two per condition given,
 * and a candidate slot is checked against one condition per distinct wanted value plus one per field.
 */
const byField = (index: SearchIndex, conditions: readonly Condition[]): FieldConditions[] => {
  const wanted = new Map<FilterField, Map<string, Resolved>>();
  const unwanted = new Map<FilterField, Exclusion>();
  /** Fields with a wanted value no document holds: nothing passes them. */
  const unmet = new Set<FilterField>();
  for (const condition of conditions) {
    const { field } = condition;
    if (condition.negate) {
      let exclusion = unwanted.get(field);
      if (!exclusion) unwanted.set(field, (exclusion = new Exclusion(index, field)));
      exclusion.add(condition.value.toLowerCase());
      continue;
    }
    if (unmet.has(field)) continue;
    const value = condition.value.toLowerCase();
    let values = wanted.get(field);
    if (!values) wanted.set(field, (values = new Map()));
    if (values.has(value)) continue;
    const resolved = resolveWanted(index, field, value);
    if (resolved.size === 0) {
      unmet.add(field);
      values.clear();
    }
    values.set(value, resolved);
  }
  const fields = new Map<FilterField, Resolved[]>();
  for (const [field, values] of wanted) fields.set(field, [...values.values()]);
  for (const [field, exclusion] of unwanted) fields.set(field, [...(fields.get(field) ?? []), exclusion.resolved()]);
  return [...fields].map(([field, resolved]) => ({ field, conditions: resolved }));
};

const toFacet = (field: FieldValues, counts: Int32Array, limit: number): FacetValue[] => {
  const values: FacetValue[] = [];
  for (let id = 0; id < counts.length; id++) if (counts[id] > 0) values.push({ value: field.values[id], count: counts[id] });
  values.sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
  return limit < 0 ? values : values.slice(0, limit);
};

interface SetResult {
  counts: Int32Array[];
  total: number;
  slots?: Int32Array;
  groupMask: Uint8Array;
}

/**
 * Relevance scores of matched slots: text scores, doubled where the title holds the whole query
 * phrase. An exact title match must rank first whatever the other fields of other datasets hold
 * (many prefix matches can outweigh any fixed bonus), so those are lifted above the best of the rest.
 */
const relevance = (index: SearchIndex, slots: Int32Array, textScore: Float64Array, phrase: string): Float64Array => {
  const scores = new Float64Array(slots.length);
  const exact: number[] = [];
  let bestOther = 0;
  for (let i = 0; i < slots.length; i++) {
    const match = index.titleMatch(slots[i], phrase);
    scores[i] = textScore[slots[i]] * (match === 'none' ? 1 : 2);
    if (match === 'exact') exact.push(i);
    else bestOther = Math.max(bestOther, scores[i]);
  }
  for (const i of exact) scores[i] += bestOther;
  return scores;
};

/** `visible` marks the policy groups the caller may see (PolicyGroups.visibleTo). */
export const findMatches = (index: SearchIndex, visible: Uint8Array, query: SearchQuery, text: (TextMatches & { phrase: string }) | undefined): Matches => {
  const { alive, groupOf } = index;
  const { modifiedSince, modifiedUntil } = query;
  const ranged = modifiedSince !== undefined || modifiedUntil !== undefined;
  // Scores by slot, in the index's scratch buffer (zeroed again before returning).
  const textScore = text ? index.scoreScratch() : undefined;
  if (text && textScore) for (let i = 0; i < text.slots.length; i++) textScore[text.slots[i]] = text.scores[i];

  /** Counts `fields` over the visible slots passing `filters`, collecting the slots if asked. */
  const countSet = (fields: readonly FacetField[], filters: FieldConditions[], collect: boolean): SetResult => {
    const counters = fields.map((f) => index.fields[f]);
    const counts = counters.map((f) => new Int32Array(f.values.length));
    const groupMask = Uint8Array.from(index.groups.all, (g, id) =>
      visible[id] === 1 && filters.every((filter) => filter.conditions.every((c) => !c.inGroup || c.inGroup(g) !== c.negate)) ? 1 : 0,
    );
    // The most selective first, so that most candidates fail at the first check.
    const perSlot = filters
      .flatMap((filter) => filter.conditions.filter((c) => !c.inGroup))
      .sort((a, b) => Number(a.negate) - Number(b.negate) || a.size - b.size);
    let total = 0;
    if (!textScore && !ranged && perSlot.length === 0) {
      index.groups.all.forEach((group, id) => {
        if (groupMask[id] !== 1) return;
        total += group.size;
        fields.forEach((field, f) => {
          // A group's organisation and tier are its own: all its documents hold them.
          if (field === 'organisation' || field === 'tier') {
            const code = index.fields[field].codeOf(group[field]);
            if (code !== undefined) counts[f][code] += group.size;
          } else group.counts.get(field)?.forEach((n, code) => (counts[f][code] += n));
        });
      });
      return { counts, total, groupMask };
    }
    let best: Int32Array[] | undefined = text ? [text.slots] : undefined;
    let bestSize = text ? text.slots.length : index.capacity;
    for (const filter of filters) {
      for (const c of filter.conditions) {
        if (!c.negate && c.size < bestSize) {
          best = c.sources;
          bestSize = c.size;
        }
      }
    }
    const slots = collect ? index.slotScratch() : undefined;
    const visit = (slot: number): void => {
      if (alive[slot] !== 1 || groupMask[groupOf[slot]] !== 1) return;
      if (textScore && !(textScore[slot] > 0)) return;
      if (ranged) {
        const { modified } = index.docAt(slot);
        if ((modifiedSince !== undefined && modified < modifiedSince) || (modifiedUntil !== undefined && modified > modifiedUntil)) return;
      }
      for (let c = 0; c < perSlot.length; c++) if (perSlot[c].has(slot) === perSlot[c].negate) return;
      for (let f = 0; f < counters.length; f++) counters[f].count(slot, counts[f]);
      if (slots) slots[total] = slot;
      total++;
    };
    if (!best) for (let slot = 0; slot < index.capacity; slot++) visit(slot);
    else if (best.length === 1) {
      const source = best[0];
      for (let i = 0; i < source.length; i++) visit(source[i]);
    } else {
      // Two values differing only in case may share a slot: visit it once.
      for (const slot of new Set(best.flatMap((source) => [...source]))) visit(slot);
    }
    return { counts, total, groupMask, slots: slots?.slice(0, total) };
  };

  try {
    const filters = byField(index, query.conditions);
    const filteredFields = new Set(filters.map((f) => f.field));
    // Disjunctive: a facet with a filter of its own counts the matches without that filter.
    const own = query.facetMode === 'disjunctive' ? query.facets.filter((f) => filteredFields.has(f)) : [];
    const shared = query.facets.filter((f) => !own.includes(f));
    const facets: Matches['facets'] = {};
    const matched = countSet(shared, filters, true);
    shared.forEach((f, i) => (facets[f] = toFacet(index.fields[f], matched.counts[i], query.facetLimit)));
    for (const field of own) {
      const { counts } = countSet(
        [field],
        filters.filter((f) => f.field !== field),
        false,
      );
      facets[field] = toFacet(index.fields[field], counts[0], query.facetLimit);
    }
    const result: Matches = {
      count: matched.total,
      // Facets in the order asked for.
      facets: Object.fromEntries(query.facets.map((f) => [f, facets[f]!])),
      member: (slot) => alive[slot] === 1 && matched.groupMask[groupOf[slot]] === 1,
    };
    if (matched.slots) {
      const slots = matched.slots;
      result.slots = slots;
      if (text && textScore) result.scores = relevance(index, slots, textScore, text.phrase);
      let mark: Uint8Array | undefined;
      result.member = (slot) => {
        if (!mark) {
          mark = new Uint8Array(index.capacity);
          for (const s of slots) mark[s] = 1;
        }
        return mark[slot] === 1;
      };
    }
    return result;
  } finally {
    if (text && textScore) for (let i = 0; i < text.slots.length; i++) textScore[text.slots[i]] = 0;
  }
};

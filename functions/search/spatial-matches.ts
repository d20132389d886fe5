import type { SearchIndex } from './search-index';
import type { PrecomputedMatches } from './search-request';
import type { TextMatches } from './text-index';

/**
 * `spatial=E09000007`: datasets covering that area (their search document's places, from
 * spatialCoverage.gssCodes, which ingest fills with the boroughs a version's rows lie in or are
 * keyed by). Handed to the search as precomputed matches, so visibility, the other filters,
 * facets, sort and paging apply as to any search; with `q`, the words' matches (as typed and as
 * prefixes) among those datasets, with their text scores.
 */
export const GSS_CODE = /^[EWSNK]\d{8}$/;

export const spatialMatches = (code: string, text: string | undefined): PrecomputedMatches => {
  const words = text?.trim() ?? '';
  return {
    key: JSON.stringify(['spatial', code, words]),
    phrase: words,
    matches: (index: SearchIndex): TextMatches => {
      const covers = (slot: number) => index.alive[slot] === 1 && index.docAt(slot).places.includes(code);
      if (words !== '') {
        // The index's arrays are reused by its next search: read them out at once.
        const found = index.text.search(words, index.alive, false);
        const slots: number[] = [];
        const scores: number[] = [];
        for (let i = 0; i < found.slots.length; i++) {
          if (!covers(found.slots[i])) continue;
          slots.push(found.slots[i]);
          scores.push(found.scores[i]);
        }
        return { slots: Int32Array.from(slots), scores: Float64Array.from(scores) };
      }
      const slots: number[] = [];
      for (let slot = 0; slot < index.capacity; slot++) if (covers(slot)) slots.push(slot);
      return { slots: Int32Array.from(slots), scores: new Float64Array(slots.length).fill(1) };
    },
  };
};

import type { Caller } from '../../../functions/domain/caller';
import { SearchIndex } from '../../../functions/search/search-index';
import { facetFields, runSearch, type SearchQuery } from '../../../functions/search/search-query';
import { decodeSnapshot, encodeSnapshot } from '../../../functions/search/search-snapshot';
import { spatialMatches } from '../../../functions/search/spatial-matches';
import { doc } from '../search/documents';

/** `spatial=`: datasets covering an area, found through the search index (and kept by its snapshot). */
const anonymous: Caller = { kind: 'anonymous' };
const camdenViewer: Caller = { kind: 'member', organisationId: 'camden', role: 'viewer', tokenId: 't1' };
const CAMDEN = 'E09000007';

const catalogue = () =>
  SearchIndex.build([
    doc('camden-trees', { title: 'Street trees', places: [CAMDEN] }),
    doc('camden-air', { title: 'Air quality sites', places: [CAMDEN, 'E09000012'] }),
    doc('hackney-air', { title: 'Air quality in Hackney', places: ['E09000012'] }),
    doc('nowhere-air', { title: 'Air quality nationally', places: [] }),
    doc('camden-private', { title: 'Air quality private', tier: 'private', places: [CAMDEN] }),
  ]);

const search = (index: SearchIndex, caller: Caller, code: string, text?: string) => {
  const query: SearchQuery = {
    precomputed: spatialMatches(code, text),
    conditions: [],
    sort: { by: text ? 'relevance' : 'name', direction: text ? 'desc' : 'asc' },
    limit: 100,
    facets: facetFields,
    facetLimit: -1,
    facetMode: 'disjunctive',
  };
  const outcome = runSearch(index, caller, query);
  return { names: outcome.hits.map((h) => h.doc.name), count: outcome.count };
};

it('finds the datasets covering the area, only those the caller may see, with words among them', () => {
  const index = catalogue();
  expect(search(index, anonymous, CAMDEN)).toEqual({ names: ['camden-air', 'camden-trees'], count: 2 });
  expect(search(index, camdenViewer, CAMDEN).names).toEqual(['camden-air', 'camden-private', 'camden-trees']);
  expect(search(index, anonymous, CAMDEN, 'air').names).toEqual(['camden-air']);
  expect(search(index, anonymous, 'E09000012', 'air').names).toEqual(['camden-air', 'hackney-air'].sort());
  expect(search(index, anonymous, 'E09000001').count).toBe(0);
});

it('the snapshot keeps each dataset’s places', () => {
  const restored = decodeSnapshot(encodeSnapshot(catalogue(), 7, '2026-01-01T00:00:00.000Z')).index;
  expect(search(restored, anonymous, CAMDEN).names).toEqual(['camden-air', 'camden-trees']);
});

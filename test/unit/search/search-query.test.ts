import type { Caller } from '../../../functions/domain/caller';
import { SearchIndex } from '../../../functions/search/search-index';
import { facetFields, runSearch, type SearchQuery } from '../../../functions/search/search-query';
import { doc } from './documents';

const anonymous: Caller = { kind: 'anonymous' };
const camdenViewer: Caller = { kind: 'member', organisationId: 'camden', role: 'viewer', tokenId: 't1' };
const barnetAdmin: Caller = { kind: 'member', organisationId: 'barnet', role: 'admin', tokenId: 't2' };

const query = (overrides: Partial<SearchQuery> = {}): SearchQuery => ({
  conditions: [],
  sort: { by: overrides.text ? 'relevance' : 'name', direction: overrides.text ? 'desc' : 'asc' },
  limit: 100,
  facets: facetFields,
  facetLimit: -1,
  facetMode: 'disjunctive',
  ...overrides,
});

const names = (index: SearchIndex, caller: Caller, q: Partial<SearchQuery>) => runSearch(index, caller, query(q)).hits.map((h) => h.doc.name);

const catalogue = SearchIndex.build([
  doc('air-quality-monitoring', {
    title: 'Air quality monitoring',
    description: 'Hourly nitrogen dioxide readings from roadside monitors.',
    keywords: ['air', 'pollution'],
    themes: ['environment'],
    formats: ['CSV'],
    schemas: ['air-quality-readings'],
    columns: ['site_code', 'no2_ugm3'],
    modified: '2024-03-01T00:00:00.000Z',
  }),
  doc('air-quality-monitoring-archive', {
    title: 'Air quality monitoring archive 2010-2019',
    description: 'Older air quality readings.',
    keywords: ['air'],
    themes: ['environment'],
    formats: ['CSV', 'JSON'],
    modified: '2023-01-01T00:00:00.000Z',
  }),
  doc('quality-of-life-survey', {
    title: 'Quality of life survey',
    description: 'Residents on the air, parks and monitoring of services.',
    themes: ['health'],
    modified: '2024-06-01T00:00:00.000Z',
  }),
  doc('street-trees', {
    title: 'Street trees',
    keywords: ['trees'],
    themes: ['environment'],
    organisation: 'barnet',
    organisationName: 'London Borough of Barnet',
    formats: ['GEOJSON'],
    modified: '2022-01-01T00:00:00.000Z',
  }),
  doc('secret-air-sensors', {
    title: 'Secret air sensors',
    keywords: ['air', 'secret-keyword'],
    themes: ['environment'],
    tier: 'private',
    licence: 'proprietary',
    formats: ['PARQUETISH'],
  }),
  doc('shared-ev-chargers', {
    title: 'EV charger utilisation',
    keywords: ['ev'],
    tier: 'shared',
    licence: 'proprietary',
    organisation: 'demo-mobility',
    organisationName: 'Demo Mobility Ltd',
    modified: '2021-01-01T00:00:00.000Z',
  }),
]);

describe('relevance', () => {
  it('ranks an exact title match first, above longer titles and descriptions that contain the words', () => {
    expect(names(catalogue, anonymous, { text: 'Air quality monitoring' })[0]).toBe('air-quality-monitoring');
    expect(names(catalogue, anonymous, { text: 'air quality monitoring archive 2010-2019' })[0]).toBe('air-quality-monitoring-archive');
  });

  it('still finds a dataset through a typo, and by prefix', () => {
    expect(names(catalogue, anonymous, { text: 'polution' })).toEqual(['air-quality-monitoring']);
    expect(names(catalogue, anonymous, { text: 'monitring' })).toContain('air-quality-monitoring');
    expect(names(catalogue, anonymous, { text: 'stre tre' })).toEqual(['street-trees']);
  });

  it('searches organisation names and column names', () => {
    expect(names(catalogue, anonymous, { text: 'Barnet' })).toEqual(['street-trees']);
    expect(names(catalogue, anonymous, { text: 'no2_ugm3' })).toEqual(['air-quality-monitoring']);
    expect(names(catalogue, anonymous, { text: 'site code' })).toEqual(['air-quality-monitoring']);
  });

  it('ranks an exact title first even against a dataset stuffed with words the query is a prefix of', () => {
    const stuffing = Array.from({ length: 20 }, (_, i) => `tree${String.fromCharCode(97 + i)}x`);
    const index = SearchIndex.build([
      doc('exact', { title: 'Tree' }),
      doc('stuffed', {
        title: `Tree ${stuffing.slice(0, 5).join(' ')}`,
        keywords: ['tree', ...stuffing],
        themes: stuffing,
        columns: stuffing,
        description: stuffing.join(' '),
      }),
      ...Array.from({ length: 300 }, (_, i) => doc(`filler-${i}`, { title: `Filler ${i}`, description: i % 3 ? 'tree' : 'bush' })),
    ]);
    expect(names(index, anonymous, { text: 'tree' }).slice(0, 2)).toEqual(['exact', 'stuffed']);
  });

  it('scores as a fresh index would while removed documents still sit in the postings', () => {
    const live = Array.from({ length: 100 }, (_, i) => doc(`live-${i}`, { title: i < 10 ? 'Walrus sightings' : 'Seal counts', description: `survey ${i}` }));
    const removed = Array.from({ length: 100 }, (_, i) => doc(`gone-${i}`, { title: 'Walrus sightings' }));
    const withRemovals = SearchIndex.build([...live, ...removed]);
    for (const d of removed) withRemovals.remove(d.id);
    const scores = (index: SearchIndex) => runSearch(index, anonymous, query({ text: 'walrus survey' })).hits.map((h) => [h.doc.name, h.score]);
    const expected = scores(SearchIndex.build(live));
    const found = scores(withRemovals);
    expect(found.map(([name]) => name)).toEqual(expected.map(([name]) => name));
    found.forEach(([, score], i) => expect(score).toBeCloseTo(expected[i][1] as number, 9));
  });

  it('needs every word (stop words aside) and finds nothing for nonsense', () => {
    expect(names(catalogue, anonymous, { text: 'trees of the air' })).toEqual([]);
    expect(names(catalogue, anonymous, { text: 'zzzyqx' })).toEqual([]);
  });
});

describe('the tier policy', () => {
  it('keeps private datasets out of results, counts and facets for anonymous callers and other organisations', () => {
    for (const caller of [anonymous, barnetAdmin]) {
      const found = runSearch(catalogue, caller, query({ text: 'air' }));
      expect(found.hits.map((h) => h.doc.name)).not.toContain('secret-air-sensors');
      expect(found.count).toBe(3);
      const everyFacetValue = Object.values(found.facets).flatMap((values) => values!.map((v) => v.value));
      expect(everyFacetValue).not.toContain('secret-keyword');
      expect(everyFacetValue).not.toContain('private');
      expect(everyFacetValue).not.toContain('PARQUETISH');
      expect(everyFacetValue).not.toContain('proprietary');
    }
  });

  it('shows them to the publisher, counted', () => {
    const found = runSearch(catalogue, camdenViewer, query({ text: 'air' }));
    expect(found.hits.map((h) => h.doc.name)).toContain('secret-air-sensors');
    expect(found.count).toBe(4);
    expect(found.facets.tier).toEqual([
      { value: 'open', count: 3 },
      { value: 'private', count: 1 },
    ]);
  });

  it('gives a caller typo matches whether or not datasets it may not see hold the word as typed', () => {
    const open = doc('merged-returns', { title: 'Merged returns' });
    const secrets = Array.from({ length: 6 }, (_, i) => doc(`merger-${i}`, { title: 'Merger papers', tier: 'private', organisation: 'barnet' }));
    expect(names(SearchIndex.build([open, ...secrets]), anonymous, { text: 'merger' })).toEqual(['merged-returns']);
    expect(names(SearchIndex.build([open]), anonymous, { text: 'merger' })).toEqual(['merged-returns']);
  });

  it('leaves private datasets out when asked to, even for the publisher', () => {
    expect(names(catalogue, camdenViewer, { excludePrivate: true, text: 'air' })).not.toContain('secret-air-sensors');
  });
});

describe('facets', () => {
  it('sum to the count for single-valued facets, and count each value of multi-valued ones', () => {
    const found = runSearch(catalogue, anonymous, query());
    const sum = (facet: keyof typeof found.facets) => found.facets[facet]!.reduce((total, v) => total + v.count, 0);
    expect(found.count).toBe(5);
    expect(sum('organisation')).toBe(found.count);
    expect(sum('tier')).toBe(found.count);
    expect(sum('licence')).toBe(found.count);
    expect(found.facets.theme).toEqual([
      { value: 'environment', count: 3 },
      { value: 'health', count: 1 },
    ]);
    expect(found.facets.format).toEqual([
      { value: 'CSV', count: 2 },
      { value: 'GEOJSON', count: 1 },
      { value: 'JSON', count: 1 },
    ]);
  });

  it('count each facet within the other filters (disjunctive) or within all of them (conjunctive)', () => {
    const conditions = [
      { field: 'organisation' as const, value: 'camden' },
      { field: 'theme' as const, value: 'environment' },
    ];
    const disjunctive = runSearch(catalogue, anonymous, query({ conditions }));
    expect(disjunctive.count).toBe(2);
    expect(disjunctive.facets.organisation).toEqual([
      { value: 'camden', count: 2 },
      { value: 'barnet', count: 1 },
    ]);
    expect(disjunctive.facets.theme).toEqual([
      { value: 'environment', count: 2 },
      { value: 'health', count: 1 },
    ]);
    const conjunctive = runSearch(catalogue, anonymous, query({ conditions, facetMode: 'conjunctive' }));
    expect(conjunctive.facets.organisation).toEqual([{ value: 'camden', count: 2 }]);
    expect(conjunctive.facets.theme).toEqual([{ value: 'environment', count: 2 }]);
  });

  it('honour the facet limit', () => {
    expect(runSearch(catalogue, anonymous, query({ facetLimit: 1 })).facets.format).toEqual([{ value: 'CSV', count: 2 }]);
  });
});

describe('filters', () => {
  it('match case-insensitively, require every value, and can be negated', () => {
    expect(names(catalogue, anonymous, { conditions: [{ field: 'format', value: 'csv' }] })).toEqual([
      'air-quality-monitoring',
      'air-quality-monitoring-archive',
    ]);
    expect(
      names(catalogue, anonymous, {
        conditions: [
          { field: 'format', value: 'csv' },
          { field: 'format', value: 'json' },
        ],
      }),
    ).toEqual(['air-quality-monitoring-archive']);
    expect(names(catalogue, anonymous, { conditions: [{ field: 'keyword', value: 'air', negate: true }] })).toEqual([
      'quality-of-life-survey',
      'shared-ev-chargers',
      'street-trees',
    ]);
    expect(names(catalogue, anonymous, { conditions: [{ field: 'schema', value: 'air-quality-readings' }] })).toEqual(['air-quality-monitoring']);
    expect(names(catalogue, anonymous, { conditions: [{ field: 'tier', value: 'shared' }] })).toEqual(['shared-ev-chargers']);
  });

  it('select by modification time', () => {
    expect(names(catalogue, anonymous, { modifiedSince: '2024-01-01T00:00:00.000Z' })).toEqual(['air-quality-monitoring', 'quality-of-life-survey']);
    expect(names(catalogue, anonymous, { modifiedSince: '2023-01-01T00:00:00.000Z', modifiedUntil: '2023-12-31T00:00:00.000Z' })).toEqual([
      'air-quality-monitoring-archive',
    ]);
  });
});

describe('sorting and paging', () => {
  it('sorts by modified (newest first), title and name', () => {
    expect(names(catalogue, anonymous, { sort: { by: 'modified', direction: 'desc' } }).slice(0, 3)).toEqual([
      'quality-of-life-survey',
      'air-quality-monitoring',
      'air-quality-monitoring-archive',
    ]);
    expect(names(catalogue, anonymous, { sort: { by: 'title', direction: 'asc' } })).toEqual([
      'air-quality-monitoring',
      'air-quality-monitoring-archive',
      'shared-ev-chargers',
      'quality-of-life-survey',
      'street-trees',
    ]);
  });

  it.each([
    ['name', 'asc'],
    ['modified', 'desc'],
    ['title', 'asc'],
    ['relevance', 'desc'],
  ] as const)('pages by cursor through every match exactly once (sort %s %s)', (by, direction) => {
    const base = { sort: { by, direction }, limit: 2, ...(by === 'relevance' ? { text: 'air' } : {}) } as Partial<SearchQuery>;
    const all = names(catalogue, anonymous, { ...base, limit: 100 });
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = runSearch(catalogue, anonymous, query({ ...base, cursor }));
      seen.push(...page.hits.map((h) => h.doc.name));
      cursor = page.next;
    } while (cursor);
    expect(seen).toEqual(all);
  });

  it('breaks equal relevance by name on the first page, whatever order the documents came in', () => {
    const numbers = Array.from({ length: 40 }, (_, i) => (i * 17) % 40); // every number once, shuffled
    const index = SearchIndex.build(numbers.map((n) => doc(`tie-${String(n).padStart(2, '0')}`, { title: 'Bike counts' })));
    const page = runSearch(index, anonymous, query({ text: 'bike', limit: 3 }));
    expect(new Set(page.hits.map((h) => h.score)).size).toBe(1);
    expect(page.hits.map((h) => h.doc.name)).toEqual(['tie-00', 'tie-01', 'tie-02']);
  });

  it('pages by offset', () => {
    expect(names(catalogue, anonymous, { offset: 1, limit: 2 })).toEqual(names(catalogue, anonymous, {}).slice(1, 3));
  });

  it('refuses a cursor it did not make', () => {
    expect(() => runSearch(catalogue, anonymous, query({ cursor: 'bm9wZQ' }))).toThrow('cursor');
    const nameCursor = runSearch(catalogue, anonymous, query({ limit: 1 })).next!;
    expect(() => runSearch(catalogue, anonymous, query({ cursor: nameCursor, sort: { by: 'modified', direction: 'desc' } }))).toThrow('cursor');
  });
});

describe('the matched-set cache behind paging', () => {
  it('never answers one caller with another’s matches, and forgets everything when the index changes', () => {
    const index = SearchIndex.build([
      doc('open-a', { title: 'Alpha open' }),
      doc('open-c', { title: 'Gamma' }),
      doc('private-a', { title: 'Alpha private', tier: 'private' }),
    ]);
    const alpha = { text: 'alpha', limit: 1 };
    expect(runSearch(index, camdenViewer, query(alpha)).count).toBe(2);
    expect(runSearch(index, anonymous, query(alpha)).count).toBe(1);
    expect(runSearch(index, { ...camdenViewer, role: 'admin' }, query(alpha)).count).toBe(2);
    expect(runSearch(index, barnetAdmin, query(alpha)).count).toBe(1);
    const first = runSearch(index, anonymous, query({ limit: 1 }));
    expect(first.hits.map((h) => h.doc.name)).toEqual(['open-a']);
    index.upsert(doc('open-b', { title: 'Alpha again' }));
    expect(runSearch(index, anonymous, query(alpha)).count).toBe(2);
    expect(runSearch(index, anonymous, query({ limit: 1, cursor: first.next })).hits.map((h) => h.doc.name)).toEqual(['open-b']);
    index.remove('id-open-b');
    expect(runSearch(index, anonymous, query(alpha)).count).toBe(1);
  });
});

import type { Caller } from '../../../functions/domain/caller';
import { maySeeMetadata, type Tier } from '../../../functions/domain/policy';
import type { SearchDocument } from '../../../functions/search/search-document';
import { SearchIndex } from '../../../functions/search/search-index';
import { type Condition, facetFields, type FacetValue, runSearch, type SearchQuery, sortFields } from '../../../functions/search/search-query';
import { decodeSnapshot, encodeSnapshot } from '../../../functions/search/search-snapshot';
import { doc } from './documents';

/**
 * The index answers filters, facets and paging from posting lists, policy groups and kept orders.
 * These tests compare it with the obvious per-document computation over the same documents,
 * for several callers, including after many changes, a purge and a snapshot round trip.
 */
const ORGS = ['camden', 'barnet', 'hackney', 'Sutton'];
const TIERS: Tier[] = ['open', 'shared', 'private'];
const THEMES = ['environment', 'transport', 'Transport', 'housing'];
const FORMATS = ['CSV', 'JSON', 'csv'];

const catalogue = (size: number, seed = 1): SearchDocument[] => {
  let state = seed;
  const next = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
  const pick = <T>(items: T[]) => items[Math.floor(next() * items.length)];
  return Array.from({ length: size }, (_, i) =>
    doc(`ds-${String(i).padStart(4, '0')}`, {
      title: `${pick(['Trees', 'Parking', 'Air quality', 'Bins'])} ${pick(['annual', 'monthly'])} ${i % 7}`,
      organisation: pick(ORGS),
      tier: pick(TIERS),
      licence: pick(['OGL-UK-3.0', 'proprietary']),
      themes: [...new Set([pick(THEMES), pick(THEMES)])],
      formats: next() < 0.2 ? [] : [pick(FORMATS)],
      keywords: [pick(['roads', 'green', 'waste'])],
      modified: new Date(Date.UTC(2020, 0, 1 + Math.floor(next() * 1000))).toISOString(),
    }),
  );
};

const callers: Caller[] = [
  { kind: 'anonymous' },
  { kind: 'member', organisationId: 'camden', role: 'viewer', tokenId: 't' },
  { kind: 'member', organisationId: 'Sutton', role: 'admin', tokenId: 't' },
  { kind: 'platform-admin' },
];

const facetValues: Record<(typeof facetFields)[number], (d: SearchDocument) => string[]> = {
  organisation: (d) => [d.organisation],
  theme: (d) => d.themes,
  keyword: (d) => d.keywords,
  format: (d) => d.formats,
  tier: (d) => [d.tier],
  licence: (d) => [d.licence],
};
const filterValues = (d: SearchDocument, field: Condition['field']): string[] =>
  field === 'name'
    ? [d.name]
    : field === 'id'
      ? [d.id]
      : field === 'schema'
        ? d.schemas.map((v) => v.toLowerCase())
        : facetValues[field](d).map((v) => v.toLowerCase());
const passes = (d: SearchDocument, conditions: Condition[]) =>
  conditions.every((c) => filterValues(d, c.field).includes(c.value.toLowerCase()) !== Boolean(c.negate));

/** The reference: every document, one at a time. */
const reference = (docs: SearchDocument[], caller: Caller, q: SearchQuery) => {
  const universe = docs.filter(
    (d) => maySeeMetadata(caller, d) && !(q.excludePrivate && d.tier === 'private') && (!q.modifiedSince || d.modified >= q.modifiedSince),
  );
  const matched = universe.filter((d) => passes(d, q.conditions));
  const facets: Record<string, FacetValue[]> = {};
  for (const facet of q.facets) {
    const own = q.facetMode === 'disjunctive' && q.conditions.some((c) => c.field === facet);
    const counted = own
      ? universe.filter((d) =>
          passes(
            d,
            q.conditions.filter((c) => c.field !== facet),
          ),
        )
      : matched;
    const counts = new Map<string, number>();
    for (const d of counted) for (const v of new Set(facetValues[facet](d))) counts.set(v, (counts.get(v) ?? 0) + 1);
    facets[facet] = [...counts].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1));
  }
  const key = (d: SearchDocument) => (q.sort.by === 'title' ? d.title.toLowerCase() : q.sort.by === 'modified' ? d.modified : d.name);
  const sign = q.sort.direction === 'asc' ? 1 : -1;
  const order = matched.sort((a, b) => (key(a) !== key(b) ? (key(a) < key(b) ? -sign : sign) : a.name < b.name ? -1 : 1)).map((d) => d.name);
  return { count: matched.length, facets, order };
};

const queries: Array<Partial<SearchQuery>> = [
  {},
  { conditions: [{ field: 'organisation', value: 'CAMDEN' }] },
  {
    conditions: [
      { field: 'organisation', value: 'sutton' },
      { field: 'tier', value: 'private' },
    ],
  },
  { conditions: [{ field: 'tier', value: 'shared' }], sort: { by: 'title', direction: 'asc' } },
  {
    conditions: [
      { field: 'organisation', value: 'camden', negate: true },
      { field: 'theme', value: 'transport' },
    ],
  },
  {
    conditions: [
      { field: 'theme', value: 'transport' },
      { field: 'format', value: 'csv' },
    ],
    sort: { by: 'modified', direction: 'desc' },
  },
  {
    conditions: [
      { field: 'organisation', value: 'camden' },
      { field: 'organisation', value: 'barnet' },
    ],
  },
  { conditions: [{ field: 'keyword', value: 'green' }], facetMode: 'conjunctive' },
  { conditions: [{ field: 'name', value: 'ds-0007' }] },
  { excludePrivate: true, conditions: [{ field: 'licence', value: 'proprietary' }] },
  { modifiedSince: '2021-06-01', conditions: [{ field: 'tier', value: 'open', negate: true }] },
  // Several exclusions of one field (read as one), repeats, case variants, and an exclusion of a wanted value.
  {
    conditions: [
      { field: 'theme', value: 'TRANSPORT', negate: true },
      { field: 'theme', value: 'housing', negate: true },
      { field: 'organisation', value: 'camden', negate: true },
      { field: 'organisation', value: 'SUTTON', negate: true },
      { field: 'organisation', value: 'camden', negate: true },
      { field: 'format', value: 'csv' },
      { field: 'format', value: 'CSV' },
      { field: 'name', value: 'ds-0003', negate: true },
      { field: 'name', value: 'ds-0011', negate: true },
    ],
  },
  {
    conditions: [
      { field: 'keyword', value: 'green' },
      { field: 'keyword', value: 'green', negate: true },
    ],
  },
];

const query = (q: Partial<SearchQuery>): SearchQuery => ({
  conditions: [],
  sort: { by: 'name', direction: 'asc' },
  limit: 1000,
  facets: facetFields,
  facetLimit: -1,
  facetMode: 'disjunctive',
  ...q,
});

const expectSameAnswers = (index: SearchIndex, docs: SearchDocument[]) => {
  for (const caller of callers) {
    for (const q of queries) {
      const expected = reference(docs, caller, query(q));
      const found = runSearch(index, caller, query(q));
      expect({ caller, q, count: found.count, facets: found.facets, order: found.hits.map((h) => h.doc.name) }).toEqual({ caller, q, ...expected });
      // Walking the same result a page at a time gives the same order.
      const paged: string[] = [];
      let cursor: string | undefined;
      do {
        const page = runSearch(index, caller, query({ ...q, limit: 7, cursor }));
        paged.push(...page.hits.map((h) => h.doc.name));
        cursor = page.next;
      } while (cursor);
      expect(paged).toEqual(expected.order);
    }
  }
};

describe('filters, facets and paging against a per-document reference', () => {
  it('agree on a fresh index', () => {
    const docs = catalogue(400);
    expectSameAnswers(SearchIndex.build(docs), docs);
  });

  it('agree after many replacements and removals (dead slots purged and reused) and a snapshot round trip', () => {
    const docs = catalogue(400);
    const index = SearchIndex.build(docs);
    // Answered once before the changes, so the kept orders and lookups exist and must follow them.
    expectSameAnswers(index, docs);
    const changed = catalogue(400, 7);
    // Replace 300 documents (new text and values), remove 100: enough dead slots to purge.
    for (let i = 0; i < 300; i++) index.upsert({ ...changed[i], id: docs[i].id, name: docs[i].name, source: 'd2' });
    for (let i = 300; i < 400; i++) index.remove(docs[i].id);
    index.upsert(doc('late-arrival', { title: 'Trees late', organisation: 'hackney', themes: ['housing'] }));
    const live = [
      ...changed.slice(0, 300).map((d, i) => ({ ...d, id: docs[i].id, name: docs[i].name })),
      doc('late-arrival', { title: 'Trees late', organisation: 'hackney', themes: ['housing'] }),
    ];
    expect(index.size).toBe(301);
    expectSameAnswers(index, live);
    const loaded = decodeSnapshot(encodeSnapshot(index, 3, '2024-01-01T00:00:00.000Z')).index;
    expectSameAnswers(loaded, live);
    // A loaded index takes changes too (its postings grow out of the loaded bytes).
    loaded.upsert(doc('after-load', { title: 'Trees after load', organisation: 'barnet' }));
    loaded.remove(live[0].id);
    expectSameAnswers(loaded, [...live.slice(1), doc('after-load', { title: 'Trees after load', organisation: 'barnet' })]);
  });
});

describe('paging text matches', () => {
  it.each(sortFields.flatMap((by) => (['asc', 'desc'] as const).map((direction) => [by, direction] as const)))(
    'walks every match once, in the order of the whole list, however pages are cut (sort %s %s)',
    (by, direction) => {
      // Many datasets share a title, a modification time and a score: ties are broken by name.
      const index = SearchIndex.build(catalogue(400));
      const q = (extra: Partial<SearchQuery>) => query({ text: 'trees annual', sort: { by, direction }, ...extra });
      const whole = runSearch(index, callers[3], q({})).hits.map((h) => h.doc.name);
      expect(whole.length).toBeGreaterThan(20);
      const paged: string[] = [];
      let cursor: string | undefined;
      do {
        const page = runSearch(index, callers[3], q({ limit: 7, cursor }));
        paged.push(...page.hits.map((h) => h.doc.name));
        cursor = page.next;
      } while (cursor);
      expect(paged).toEqual(whole);
      const byOffset = [0, 7, 14].flatMap((offset) => runSearch(index, callers[3], q({ limit: 7, offset })).hits.map((h) => h.doc.name));
      expect(byOffset).toEqual(whole.slice(0, 21));
    },
  );
});

describe('text after changes', () => {
  const textNames = (index: SearchIndex, text: string) =>
    runSearch(index, { kind: 'platform-admin' }, query({ text, sort: { by: 'name', direction: 'asc' } })).hits.map((h) => h.doc.name);

  it('never finds removed documents or replaced words, before or after a purge and slot reuse', () => {
    const index = SearchIndex.build(Array.from({ length: 600 }, (_, i) => doc(`d-${i}`, { title: `Walrus sightings ${i}`, description: 'seaside' })));
    for (let i = 0; i < 500; i++) index.remove(`id-d-${i}`);
    expect(textNames(index, 'walrus')).toHaveLength(100);
    // Reused slots: the new documents must not inherit the old ones' words.
    for (let i = 0; i < 300; i++) index.upsert(doc(`n-${i}`, { title: `Penguin counts ${i}` }));
    expect(textNames(index, 'walrus')).toHaveLength(100);
    expect(textNames(index, 'seaside')).toHaveLength(100);
    expect(textNames(index, 'penguin')).toHaveLength(300);
    index.upsert(doc('d-599', { title: 'Otters', source: 'd2' }));
    expect(textNames(index, 'walrus')).toHaveLength(99);
    expect(textNames(index, 'otters')).toEqual(['d-599']);
    const loaded = decodeSnapshot(encodeSnapshot(index, 1, '2024-01-01T00:00:00.000Z')).index;
    for (const word of ['walrus', 'penguin', 'otters', 'sightngs']) expect(textNames(loaded, word)).toEqual(textNames(index, word));
  });
});

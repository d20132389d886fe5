import type { Caller } from '../../../functions/domain/caller';
import { buildSearchDocument, tableSchemaColumns } from '../../../functions/search/search-document';
import { SearchIndex } from '../../../functions/search/search-index';
import { runSearch } from '../../../functions/search/search-query';
import { decodeSnapshot, encodeSnapshot, sealed, SnapshotCutShortError, SnapshotFormatError, unsealed } from '../../../functions/search/search-snapshot';
import { doc } from './documents';

const anonymous: Caller = { kind: 'anonymous' };
const textSearch = (index: SearchIndex, text: string) =>
  runSearch(index, anonymous, {
    text,
    conditions: [],
    sort: { by: 'relevance', direction: 'desc' },
    limit: 50,
    facets: [],
    facetLimit: 0,
    facetMode: 'conjunctive',
  }).hits.map((h) => h.doc.name);

describe('the search index', () => {
  it('replaces a document only when it was built from other records (duplicates change nothing)', () => {
    const index = SearchIndex.build([doc('trees', { title: 'Street trees', source: 'd1' })]);
    expect(index.upsert(doc('trees', { title: 'Street trees', source: 'd1' }))).toBe(false);
    expect(index.upsert(doc('trees', { title: 'Park benches', source: 'd2' }))).toBe(true);
    expect(textSearch(index, 'street')).toEqual([]);
    expect(textSearch(index, 'benches')).toEqual(['trees']);
    expect(index.size).toBe(1);
  });

  it('forgets removed documents, in text and in resource lookups', () => {
    const index = SearchIndex.build([doc('trees', { title: 'Street trees', resourceIds: ['r1'] })]);
    expect(index.datasetIdOfResource('r1')).toBe('id-trees');
    expect(index.remove('id-trees')).toBe(true);
    expect(index.remove('id-trees')).toBe(false);
    expect(textSearch(index, 'trees')).toEqual([]);
    expect(index.datasetIdOfResource('r1')).toBeUndefined();
  });

  it('finds a document removed and added again once, with its new words only', () => {
    const index = SearchIndex.build([doc('planting', { title: 'Street trees' }), doc('bins', { title: 'Street bins' })]);
    index.remove('id-planting');
    expect(textSearch(index, 'street')).toEqual(['bins']);
    index.upsert(doc('planting', { title: 'Street oaks', source: 'd2' }));
    expect(textSearch(index, 'street').sort()).toEqual(['bins', 'planting']);
    expect(textSearch(index, 'trees')).toEqual([]);
    expect(index.size).toBe(2);
  });

  it('keeps a name filter right when one dataset takes the name another has just given up', () => {
    const index = SearchIndex.build([doc('old-name', { id: 'a' })]);
    const named = (name: string) =>
      runSearch(index, anonymous, {
        conditions: [{ field: 'name', value: name }],
        sort: { by: 'name', direction: 'asc' },
        limit: 5,
        facets: [],
        facetLimit: 0,
        facetMode: 'conjunctive',
      }).hits.map((h) => h.doc.id);
    expect(named('old-name')).toEqual(['a']);
    // The changes may be applied in either order; here the name is taken before it is given up.
    index.upsert(doc('old-name', { id: 'b' }));
    index.upsert(doc('new-name', { id: 'a', source: 'd2' }));
    expect(named('old-name')).toEqual(['b']);
    expect(named('new-name')).toEqual(['a']);
  });

  it('survives a snapshot round trip (through bytes) with the same answers', () => {
    const index = SearchIndex.build([
      doc('trees', { title: 'Street trees', columns: ['species'], resourceIds: ['r1'] }),
      doc('air', { title: 'Air quality', keywords: ['pollution'] }),
    ]);
    index.upsert(doc('air', { title: 'Air quality readings', keywords: ['pollution'], source: 'd2' }));
    const snapshot = decodeSnapshot(Buffer.from(encodeSnapshot(index, 42, '2024-01-01T00:00:00.000Z')));
    expect(snapshot).toMatchObject({ seq: 42, writtenAt: '2024-01-01T00:00:00.000Z' });
    const loaded = snapshot.index;
    expect(loaded.size).toBe(2);
    for (const text of ['species', 'polution', 'readings', 'stret']) expect(textSearch(loaded, text)).toEqual(textSearch(index, text));
    expect(loaded.datasetIdOfResource('r1')).toBe('id-trees');
  });

  it('loads a snapshot whose terms are then looked up, changed and purged like a built index', () => {
    const docs = ['trees', 'air', 'bins', 'parks'].map((name, i) => doc(name, { title: `${name} survey ${i}`, keywords: [`kw${i}`] }));
    const index = SearchIndex.build(docs);
    const bytes = encodeSnapshot(index, 1, '2024-01-01T00:00:00.000Z');
    const asRead = Buffer.from(bytes);
    const loaded = decodeSnapshot(bytes).index;
    for (const text of ['survey', 'sur', 'kw2', 'survy', 'absent']) expect(textSearch(loaded, text)).toEqual(textSearch(index, text));
    for (const target of [index, loaded]) {
      target.upsert(doc('air', { title: 'Air quality', keywords: ['kw1'], source: 'd2' }));
      target.upsert(doc('ponds', { title: 'Ponds survey' }));
      target.remove('id-bins');
      target.purge();
    }
    for (const text of ['survey', 'quality', 'qual', 'ponds', 'bins', 'kw1', 'kw2']) expect(textSearch(loaded, text)).toEqual(textSearch(index, text));
    expect(loaded.text.dictionary.size).toBe(index.text.dictionary.size);
    // The loaded postings are views of the bytes read: changing the index must not write to them.
    expect(bytes.equals(asRead)).toBe(true);
  });

  it('counts facets the same whether the policy groups first count them before changes, after them, or after a snapshot load', () => {
    const barnetAdmin: Caller = { kind: 'member', organisationId: 'barnet', role: 'admin', tokenId: 't' };
    const first = [
      doc('trees', { themes: ['environment'], keywords: ['oak', 'ash'], formats: ['CSV'] }),
      doc('bins', { organisation: 'barnet', tier: 'private', themes: ['waste'], keywords: ['bins'], licence: 'other' }),
      doc('air', { organisation: 'barnet', themes: ['environment', 'health'], formats: ['CSV', 'JSON'] }),
    ];
    const change = (index: SearchIndex) => {
      index.upsert(doc('air', { organisation: 'barnet', themes: ['health'], formats: ['JSON'], source: 'd2' }));
      index.remove('id-trees');
      index.upsert(doc('ponds', { organisation: 'hackney', themes: ['environment'], keywords: ['water'] }));
      return index;
    };
    const browse = (index: SearchIndex, caller: Caller) =>
      runSearch(index, caller, {
        conditions: [],
        sort: { by: 'name', direction: 'asc' },
        limit: 10,
        facets: ['organisation', 'tier', 'theme', 'keyword', 'format', 'licence'],
        facetLimit: -1,
        facetMode: 'disjunctive',
      }).facets;
    const countedBefore = SearchIndex.build(first);
    browse(countedBefore, anonymous); // counted now, then kept up to date through the changes
    change(countedBefore);
    const countedAfter = change(SearchIndex.build(first));
    const loaded = change(decodeSnapshot(encodeSnapshot(SearchIndex.build(first), 1, '2024-01-01T00:00:00.000Z')).index);
    const reference = SearchIndex.build([
      first[1],
      doc('air', { organisation: 'barnet', themes: ['health'], formats: ['JSON'] }),
      doc('ponds', { organisation: 'hackney', themes: ['environment'], keywords: ['water'] }),
    ]);
    expect(browse(reference, anonymous).theme).toEqual([
      { value: 'environment', count: 1 },
      { value: 'health', count: 1 },
    ]);
    for (const caller of [anonymous, barnetAdmin]) {
      for (const index of [countedBefore, countedAfter, loaded]) expect(browse(index, caller)).toEqual(browse(reference, caller));
    }
  });

  it('refuses a snapshot in a format it does not know', () => {
    expect(() => decodeSnapshot(Buffer.from('{"format": "ldx-search-snapshot/1"}'))).toThrow(SnapshotFormatError);
    const bytes = encodeSnapshot(SearchIndex.build([doc('trees', { title: 'Street trees' })]), 1, '2024-01-01T00:00:00.000Z');
    expect(() => decodeSnapshot(bytes.subarray(0, bytes.length - 8))).toThrow(SnapshotCutShortError);
    // A file caught empty, or with only the magic's first bytes, while it is rewritten is cut short (read again), not of another format.
    for (const length of [0, 3]) expect(() => decodeSnapshot(bytes.subarray(0, length))).toThrow(SnapshotCutShortError);
    expect(() => decodeSnapshot(Buffer.from('{"f'))).toThrow(SnapshotFormatError);
    expect(() => decodeSnapshot(Buffer.from('{"f'))).not.toThrow(SnapshotCutShortError);
  });
});

describe('decoding damaged or forged snapshots', () => {
  const encoded = () =>
    encodeSnapshot(
      SearchIndex.build([doc('trees', { title: 'Street trees', keywords: ['oak'], resourceIds: ['r1'] }), doc('bins', { title: 'Bins', tier: 'private' })]),
      1,
      '2024-01-01T00:00:00.000Z',
    );
  const HEADER_AT = 12;
  const headerOf = (bytes: Buffer) => JSON.parse(bytes.toString('utf8', HEADER_AT, HEADER_AT + bytes.readUInt32LE(8))) as Record<string, any>;
  const sectionsAt = (bytes: Buffer) => (HEADER_AT + bytes.readUInt32LE(8) + 3) & ~3;
  /** The same snapshot with its header changed (the binary sections kept), sealed with a matching checksum so the structural checks are what refuse it. */
  const withHeader = (bytes: Buffer, change: (header: Record<string, any>) => void) => {
    const header = headerOf(bytes);
    change(header);
    const json = Buffer.from(JSON.stringify(header));
    const padding = Buffer.alloc(((HEADER_AT + json.length + 3) & ~3) - HEADER_AT - json.length);
    return sealed(
      Buffer.concat([bytes.subarray(0, 8), Buffer.from(Uint32Array.of(json.length).buffer), json, padding, unsealed(bytes).subarray(sectionsAt(bytes))]),
    );
  };

  it.each([
    ['a capacity far beyond its columns', (h: Record<string, any>) => (h.capacity = 2_000_000_000)],
    ['a tier the policy does not know', (h: Record<string, any>) => (h.strings = h.strings.map((v: string) => (v === 'private' ? 'public' : v)))],
    ['values naming strings that are not there', (h: Record<string, any>) => (h.strings = h.strings.slice(0, 2))],
    ['a negative section length', (h: Record<string, any>) => (h.sections.values = -1)],
    ['terms that are not a list', (h: Record<string, any>) => (h.terms = 5)],
    ['a term listed twice', (h: Record<string, any>) => (h.terms = [h.terms[0], ...h.terms.slice(0, -1)])],
    ['terms out of order (a loaded dictionary is searched as listed)', (h: Record<string, any>) => (h.terms = [...h.terms].reverse())],
    ['the format before terms were listed in order', (h: Record<string, any>) => (h.format = 'ldx-search-snapshot/5')],
  ])('refuses %s with the format error', (_, change) => {
    expect(() => decodeSnapshot(withHeader(encoded(), change))).toThrow(SnapshotFormatError);
  });

  it('refuses postings that name an empty or out-of-range slot', () => {
    const bytes = encoded();
    const { sections } = headerOf(bytes);
    const firstPosting = sectionsAt(bytes) + ((sections.values * 4 + 3) & ~3) + ((sections.layout * 4 + 3) & ~3);
    for (const slot of [7, -1]) {
      const forged = Buffer.from(unsealed(bytes));
      forged.writeInt32LE(slot, firstPosting);
      expect(() => decodeSnapshot(sealed(forged))).toThrow(SnapshotFormatError);
    }
  });

  it('throws only the format error for any cut or any damaged byte, and still loads the intact bytes', () => {
    const bytes = encoded();
    for (let length = 0; length < bytes.length; length++) expect(() => decodeSnapshot(bytes.subarray(0, length))).toThrow(SnapshotFormatError);
    for (let at = 0; at < bytes.length; at++) {
      const damaged = Buffer.from(bytes);
      damaged[at] ^= 0xa5;
      try {
        decodeSnapshot(damaged);
      } catch (error) {
        expect(error).toBeInstanceOf(SnapshotFormatError);
      }
    }
    expect(decodeSnapshot(bytes).index.size).toBe(2);
  });
});

describe('search documents', () => {
  const dataset = {
    version: 3,
    value: {
      id: 'd-1',
      name: 'trees',
      title: 'Trees',
      organisation: 'camden',
      tier: 'open' as const,
      licence: 'OGL-UK-3.0',
      keywords: ['trees'],
      dataSchema: 'street-trees',
      created: '2024-01-01T00:00:00.000Z',
      modified: '2024-01-02T00:00:00.000Z',
    },
  };
  const resource = (name: string, extra: Record<string, unknown>) => ({
    version: 2,
    value: {
      id: `r-${name}`,
      datasetId: 'd-1',
      name,
      status: 'published' as const,
      latestVersion: 1,
      created: '2024-01-01T00:00:00.000Z',
      modified: '2024-02-01T00:00:00.000Z',
      ...extra,
    },
  });

  it('take column names from Table Schemas, formats from declarations or media types, and the latest modification', () => {
    const built = buildSearchDocument(
      dataset,
      [
        resource('a', { format: 'csv', schema: { fields: [{ name: 'species' }, { name: 'height_m' }] } }),
        resource('b', {
          current: {
            version: 1,
            rowCount: 1,
            columnCount: 1,
            bytes: 1,
            sha256: 'x',
            mediaType: 'application/json; charset=utf-8',
            publishedAt: '2024-02-01T00:00:00.000Z',
          },
          dataSchema: 'other',
        }),
      ],
      'Camden',
    );
    expect(built).toMatchObject({
      columns: ['species', 'height_m'],
      formats: ['CSV', 'JSON'],
      schemas: ['other', 'street-trees'],
      organisationName: 'Camden',
      modified: '2024-02-01T00:00:00.000Z',
      resourceIds: ['r-a', 'r-b'],
    });
    expect(built.source).toBe('d3 a:2 b:2');
  });

  it('ignore anything that is not a Table Schema', () => {
    expect(tableSchemaColumns(undefined)).toEqual([]);
    expect(tableSchemaColumns({ fields: 'x' })).toEqual([]);
    expect(tableSchemaColumns({ fields: [{ name: 1 }, null, { name: 'ok' }] })).toEqual(['ok']);
  });
});

import type { Caller } from '../../../functions/domain/caller';
import { buildSearchDocument, tableSchemaColumns } from '../../../functions/search/search-document';
import { SearchIndex } from '../../../functions/search/search-index';
import { runSearch } from '../../../functions/search/search-query';
import { decodeSnapshot, encodeSnapshot, SnapshotFormatError } from '../../../functions/search/search-snapshot';
import { doc } from './documents';

const anonymous: Caller = { kind: 'anonymous' };
const textSearch = (index: SearchIndex, text: string) =>
  runSearch(index, anonymous, { text, conditions: [], sort: { by: 'relevance', direction: 'desc' }, limit: 50, facets: [], facetLimit: 0, facetMode: 'conjunctive' }).hits.map((h) => h.doc.name);

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

  it('refuses a snapshot in a format it does not know', () => {
    expect(() => decodeSnapshot(Buffer.from('{"format": "ldx-search-snapshot/1"}'))).toThrow(SnapshotFormatError);
    const bytes = encodeSnapshot(SearchIndex.build([doc('trees', { title: 'Street trees' })]), 1, '2024-01-01T00:00:00.000Z');
    expect(() => decodeSnapshot(bytes.subarray(0, bytes.length - 8))).toThrow('cut short');
  });
});

describe('search documents', () => {
  const dataset = {
    version: 3,
    value: {
      id: 'd-1', name: 'trees', title: 'Trees', organisation: 'camden', tier: 'open' as const, licence: 'OGL-UK-3.0',
      keywords: ['trees'], dataSchema: 'street-trees', created: '2024-01-01T00:00:00.000Z', modified: '2024-01-02T00:00:00.000Z',
    },
  };
  const resource = (name: string, extra: Record<string, unknown>) => ({
    version: 2,
    value: { id: `r-${name}`, datasetId: 'd-1', name, status: 'published' as const, latestVersion: 1, created: '2024-01-01T00:00:00.000Z', modified: '2024-02-01T00:00:00.000Z', ...extra },
  });

  it('take column names from Table Schemas, formats from declarations or media types, and the latest modification', () => {
    const built = buildSearchDocument(
      dataset,
      [
        resource('a', { format: 'csv', schema: { fields: [{ name: 'species' }, { name: 'height_m' }] } }),
        resource('b', { current: { version: 1, rowCount: 1, columnCount: 1, bytes: 1, sha256: 'x', mediaType: 'application/json; charset=utf-8', publishedAt: '2024-02-01T00:00:00.000Z' }, dataSchema: 'other' }),
      ],
      'Camden',
    );
    expect(built).toMatchObject({ columns: ['species', 'height_m'], formats: ['CSV', 'JSON'], schemas: ['other', 'street-trees'], organisationName: 'Camden', modified: '2024-02-01T00:00:00.000Z', resourceIds: ['r-a', 'r-b'] });
    expect(built.source).toBe('d3 a:2 b:2');
  });

  it('ignore anything that is not a Table Schema', () => {
    expect(tableSchemaColumns(undefined)).toEqual([]);
    expect(tableSchemaColumns({ fields: 'x' })).toEqual([]);
    expect(tableSchemaColumns({ fields: [{ name: 1 }, null, { name: 'ok' }] })).toEqual(['ok']);
  });
});

import { buildSearchDocument, resourceFormat } from '../../../functions/search/search-document';
import { SearchIndex } from '../../../functions/search/search-index';
import { decodeSnapshot, encodeSnapshot } from '../../../functions/search/search-snapshot';

/** Whatever a record holds, a search document holds only strings where strings belong. */
const dataset = (extra: Record<string, unknown> = {}) => ({
  version: 1,
  value: {
    id: 'd-1',
    name: 'trees',
    title: 'Trees',
    organisation: 'camden',
    tier: 'open',
    licence: 'OGL-UK-3.0',
    created: '2024-01-01T00:00:00.000Z',
    modified: '2024-01-02T00:00:00.000Z',
    ...extra,
  } as any,
});
const withMediaType = (mediaType: string) => ({
  version: 1,
  value: {
    id: `r-${mediaType}`,
    datasetId: 'd-1',
    name: `r-${mediaType}`,
    status: 'published',
    latestVersion: 1,
    created: '2024-01-01T00:00:00.000Z',
    modified: '2024-01-01T00:00:00.000Z',
    current: { version: 1, rowCount: 1, columnCount: 1, bytes: 1, sha256: 'x', mediaType, publishedAt: '2024-01-01T00:00:00.000Z' },
  } as any,
});

const prototypeNames = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'constructor; charset=utf-8'];

it.each(prototypeNames)('gives a file whose media type is %j no format', (mediaType) => {
  expect(resourceFormat(withMediaType(mediaType).value)).toBeUndefined();
});

it('still knows the media types it maps', () => {
  expect(resourceFormat(withMediaType('Text/CSV; charset=utf-8').value)).toBe('CSV');
  expect(resourceFormat(withMediaType('application/geo+json').value)).toBe('GEOJSON');
});

it('builds a document of strings only, which indexes and survives a snapshot round trip', () => {
  const built = buildSearchDocument(
    dataset({ keywords: ['oak', 7, null], themes: 'environment', title: 42, tier: 'constructor', dataSchema: {} }),
    prototypeNames.map(withMediaType),
    undefined,
  );
  expect(built).toMatchObject({ title: '', keywords: ['oak'], themes: [], formats: [], schemas: [], tier: 'private', organisationName: 'camden' });
  const index = SearchIndex.build([built]);
  const loaded = decodeSnapshot(encodeSnapshot(index, 1, '2024-01-01T00:00:00.000Z')).index;
  expect(loaded.get('d-1')).toMatchObject({ keywords: ['oak'], formats: [], tier: 'private' });
});

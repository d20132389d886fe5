import type { SearchDocument } from '../../../functions/search/search-document';

/** A search document with sensible defaults, for index tests that need no storage. */
export const doc = (name: string, overrides: Partial<SearchDocument> = {}): SearchDocument => ({
  id: `id-${name}`,
  name,
  title: `Dataset ${name}`,
  description: '',
  organisation: 'camden',
  organisationName: 'London Borough of Camden',
  tier: 'open',
  licence: 'OGL-UK-3.0',
  keywords: [],
  themes: [],
  formats: [],
  schemas: [],
  places: [],
  columns: [],
  resourceIds: [],
  created: '2024-01-01T00:00:00.000Z',
  modified: '2024-01-01T00:00:00.000Z',
  source: 'd1',
  ...overrides,
});

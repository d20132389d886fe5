import { DATASETS, type Dataset } from '../functions/domain/datasets';
import type { LocalExchange } from '../functions/local/local-exchange';
import { readLogHead } from '../functions/search/change-log';
import { mapWithLimit } from '../functions/search/map-limit';
import { SearchIndex } from '../functions/search/search-index';
import { encodeSnapshot } from '../functions/search/search-snapshot';
import { storeSnapshotBytes } from '../functions/search/snapshot-store';
import type { SearchDocument } from '../functions/search/search-document';

/**
 * Writes the generated datasets' records straight to the catalogue table (one put each, no name
 * claims, no change log) and stores a snapshot built in memory at the change log's head. Searching
 * then reads exactly what it would in production (snapshot, log head, records), but creation is
 * not exercised: fast enough for 100 000 datasets.
 */
export const seedCatalogueDirectly = async (exchange: LocalExchange, documents: SearchDocument[]): Promise<void> => {
  const ctx = exchange.domain;
  await mapWithLimit(documents, 16, async (d) => {
    const dataset: Dataset = {
      id: d.id,
      name: d.name,
      title: d.title,
      description: d.description,
      organisation: d.organisation,
      tier: d.tier,
      licence: d.licence,
      keywords: d.keywords,
      themes: d.themes,
      created: d.created,
      modified: d.modified,
    };
    // The layout datasets.ts uses (record by id, listed by name); name claims are skipped.
    await ctx.catalogue.create({ pk: `DATASET#${d.id}`, sk: 'DATASET' }, dataset, { list: DATASETS, order: d.name });
  });
  const indexed = documents.map((d) => ({ ...d, columns: [], formats: [], schemas: [], resourceIds: [], source: 'd1' }));
  const seq = (await readLogHead(ctx)).lastSeq;
  await storeSnapshotBytes(ctx, encodeSnapshot(SearchIndex.build(indexed), seq, new Date().toISOString()), seq);
};

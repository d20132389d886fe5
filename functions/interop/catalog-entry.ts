import type { Caller } from '../domain/caller';
import type { DomainContext } from '../domain/context';
import { mayReadDataNow } from '../domain/data-access';
import type { Dataset } from '../domain/datasets';
import { findOrganisation, type Organisation } from '../domain/organisations';
import { listResources, type Resource } from '../domain/resources';
import { getDataSchema } from '../ingest/core/data-schemas';
import { mapWithLimit } from '../search/map-limit';
import type { StoredRecord } from '../storage/catalogue-store';

/**
 * Everything the feed builders need about one dataset, gathered through the policy: the
 * dataset came from getDataset/listDatasets (so the caller may see it), and `dataReadable`
 * is permitDataRead's answer for this caller, which decides whether download links appear.
 */
export interface CatalogEntry {
  dataset: Dataset;
  publisher?: Organisation;
  /** Resources with a published version (the only ones that have data to offer). */
  published: Resource[];
  dataReadable: boolean;
  /** `$id` of the common data schema the dataset declares, if any. */
  dataSchemaUri?: string;
}

/** Reads of each dataset run this many at a time, so a page of 1 000 does not open 1 000 requests at once. */
const CONCURRENCY = 16;

/** Builds entries for datasets the caller may see, keeping their order. Organisations are read once each. */
export const loadCatalogEntries = async (ctx: DomainContext, caller: Caller, datasets: StoredRecord<Dataset>[]): Promise<CatalogEntry[]> => {
  const organisations = new Map<string, Promise<Organisation | undefined>>();
  const organisation = (id: string) => {
    if (!organisations.has(id))
      organisations.set(
        id,
        findOrganisation(ctx, id).then((found) => found?.value),
      );
    return organisations.get(id)!;
  };
  const load = async ({ value: dataset }: StoredRecord<Dataset>): Promise<CatalogEntry> => {
    const [publisher, resources, dataReadable] = await Promise.all([
      organisation(dataset.organisation),
      listResources(ctx, dataset),
      mayReadDataNow(ctx, caller, dataset),
    ]);
    return {
      dataset,
      publisher,
      published: resources.map((r) => r.value).filter((r) => r.current !== undefined),
      dataReadable,
      dataSchemaUri: dataset.dataSchema ? getDataSchema(dataset.dataSchema)?.$id : undefined,
    };
  };
  return mapWithLimit(datasets, CONCURRENCY, load);
};

import type { DomainContext } from '../domain/context';
import type { Dataset } from '../domain/datasets';
import { listResources } from '../domain/resources';
import { resourceFormat } from '../search/search-document';

/** What a listing says about a dataset's data: how many files hold published data, and their formats. */
export interface DataSummary {
  publishedFiles: number;
  /** Upper-case formats (CSV, GEOJSON…) of the files that hold published data. */
  formats: string[];
}

const NO_DATA: DataSummary = { publishedFiles: 0, formats: [] };

/**
 * The data summary of each listed dataset. The datasets were already let through the policy by
 * the listing, and a dataset's file list is part of its metadata (its page shows it to the same
 * visitors), so no data is read here. Only files with a published version count: a file that
 * was created but never (or never successfully) uploaded is not data anyone can use.
 */
export const dataSummaries = async (ctx: DomainContext, datasets: Dataset[]): Promise<Map<string, DataSummary>> => {
  const listed = await Promise.all(datasets.map((d) => listResources(ctx, d)));
  const summaries = new Map<string, DataSummary>();
  datasets.forEach((dataset, i) => {
    const published = listed[i].map((r) => r.value).filter((r) => r.current !== undefined);
    if (published.length === 0) summaries.set(dataset.id, NO_DATA);
    else {
      const formats = [...new Set(published.map((r) => resourceFormat(r) ?? 'FILE'))].sort();
      summaries.set(dataset.id, { publishedFiles: published.length, formats });
    }
  });
  return summaries;
};

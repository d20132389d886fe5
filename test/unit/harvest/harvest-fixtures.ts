import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { HarvestedDataset, MapContext, MappedPage } from '../../../functions/harvest/harvested-dataset';

const ROOT = path.join(__dirname, '../../fixtures/harvest');

export const fixtureText = (relative: string): string => readFileSync(path.join(ROOT, relative), 'utf8');
export const fixtureJson = (relative: string): unknown => JSON.parse(fixtureText(relative));

export const context: MapContext = { sourceId: 'test-source', harvestedAt: '2026-12-04T10:00:00.000Z' };

/** The mapped datasets of a page, failing the test if any record failed. */
export const datasetsOf = (page: MappedPage): HarvestedDataset[] =>
  page.records.map((record) => {
    if (!record.ok) throw new Error(`record ${record.failure.index} (${record.failure.identifier}) failed: ${record.failure.message}`);
    return record.dataset;
  });

export const byTitle = (datasets: HarvestedDataset[], title: string): HarvestedDataset => {
  const found = datasets.find((dataset) => dataset.title === title);
  if (!found) throw new Error(`no dataset titled ${title}; have ${datasets.map((dataset) => dataset.title).join(' | ')}`);
  return found;
};

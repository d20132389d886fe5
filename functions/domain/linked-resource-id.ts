import { createHash } from 'node:crypto';

/**
 * The id of a harvested dataset's file at its source (a linked resource has no resource record of
 * its own): derived from the dataset and the URL, UUID-shaped as CKAN's resource ids are, so the
 * same file keeps its id across runs. The search index holds these beside the records' ids, so
 * CKAN's resource_show finds the dataset that lists the file.
 */
export const linkedResourceId = (datasetId: string, url: string): string => {
  const hex = createHash('sha1').update(`ldx-linked:${datasetId}:${url}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
};

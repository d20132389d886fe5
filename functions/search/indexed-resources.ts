import { isSlug } from '../domain/identifiers';
import type { SearchHit } from './search-query';

/** Per dataset id: the dataset record version a search document was built from, and the resource names it named. */
export type IndexedResources = Map<string, { datasetVersion: number; names: string[] }>;

/**
 * Which resources each hit's dataset has, as its search document says: the document records the
 * dataset version and the resource names it was built from ("d3 profiles:2 notes:1"). Only a
 * document built from the dataset record as it stands now is used (the index is brought up to
 * the change log's head for every search); for any other dataset the resources are listed.
 */
export const indexedResourceNames = (hits: SearchHit[]): IndexedResources => {
  const known: IndexedResources = new Map();
  for (const { doc } of hits) {
    const [head, ...resources] = doc.source.split(' ');
    const datasetVersion = Number(head.slice(1));
    const names = resources.map((entry) => entry.slice(0, entry.lastIndexOf(':')));
    if (head.startsWith('d') && Number.isInteger(datasetVersion) && names.every(isSlug)) known.set(doc.id, { datasetVersion, names });
  }
  return known;
};

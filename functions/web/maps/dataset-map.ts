import type { Caller } from '../../domain/caller';
import type { DomainContext } from '../../domain/context';
import type { Dataset } from '../../domain/datasets';
import { ExchangeError } from '../../domain/errors';
import type { Resource } from '../../domain/resources';
import { type ResourceMap, resourceMap } from '../../geo/resource-map';

/** The map a dataset page shows: of which resource, and the others that could be mapped instead. */
export interface DatasetMap {
  resource: Resource;
  drawn: ResourceMap;
}

/** Resources tried for a map when the visitor has not picked one: each try reads a sample of rows. */
const MAX_TRIED = 3;

/**
 * Draws the page's map: the resource the visitor picked (`map`), or the first published one that
 * has borough codes or coordinates; its points rather than its boroughs when asked (`map-kind=points`). Undefined when none has; the caller's permit was checked by
 * the page, and every row read passes the data gate again (resourceMap reads through queryRows).
 */
export const datasetMap = async (
  ctx: DomainContext,
  caller: Caller,
  dataset: Dataset,
  published: readonly Resource[],
  wanted: { resource?: string; column?: string; kind?: string },
  route: string,
): Promise<DatasetMap | undefined> => {
  const picked = published.find((r) => r.name === wanted.resource);
  const candidates = picked ? [picked] : published.slice(0, MAX_TRIED);
  for (const resource of candidates) {
    // By id, and with the records the page has just read: neither is read again (the gate still runs).
    const input = { dataset: dataset.id, resource: resource.name, route };
    try {
      // Points only when asked for by name; anything else is the resource's default map.
      const kind = wanted.kind === 'points' ? ('points' as const) : undefined;
      return { resource, drawn: await resourceMap(ctx, caller, input, { column: wanted.column, kind }, { dataset, resource }) };
    } catch (error) {
      if (!(error instanceof ExchangeError)) throw error;
      // A column that is not numeric (a hand-edited address): the resource's default map instead.
      if (error.code === 'bad_request') return { resource, drawn: await resourceMap(ctx, caller, input, {}, { dataset, resource }) };
      if (error.code !== 'not_found') throw error;
    }
  }
  return undefined;
};

import type { DomainContext } from '../domain/context';
import type { Dataset } from '../domain/datasets';
import { resourceKey, resourceListing } from '../domain/resource-keys';
import type { Resource } from '../domain/resource-record';
import { listResources } from '../domain/resources';
import { announceDatasetChange } from '../search/catalogue-changes';
import { mutate } from '../storage/catalogue-store';
import type { MirrorCounts } from './mirror-records';

/**
 * A copied file whose link the source record no longer lists (the source dropped the file, or
 * moved it to another address) is kept, as a record no longer at its source is: its versions,
 * rows and downloads stay where people and programs found them, and `mirroredFrom.withdrawnAt`
 * says since when the source stopped listing it (the dataset page and the API show it). Nothing
 * copies it again while it is unlisted; when the source lists the address again the mark goes and
 * the next copy lands in the same resource (its name comes from the URL).
 */

const markedAs = (resource: Resource, listed: boolean, now: string): Resource | undefined => {
  const from = resource.mirroredFrom;
  if (!from) return undefined;
  if (listed === (from.withdrawnAt === undefined)) return undefined;
  const { withdrawnAt: _dropped, ...kept } = from;
  return { ...resource, mirroredFrom: listed ? kept : { ...kept, withdrawnAt: now }, modified: now };
};

/** Marks (or unmarks) the dataset's copies against the links its source record lists now; counts the copies marked in this run. */
export const markWithdrawnCopies = async (ctx: DomainContext, dataset: Dataset, counts: MirrorCounts): Promise<void> => {
  const listedUrls = new Set((dataset.linkedResources ?? []).map((linked) => linked.url));
  const now = ctx.now().toISOString();
  let changed = false;
  for (const { value: resource } of await listResources(ctx, dataset)) {
    if (!resource.mirroredFrom || markedAs(resource, listedUrls.has(resource.mirroredFrom.url), now) === undefined) continue;
    const written = await mutate<Resource>(
      ctx.catalogue,
      resourceKey(dataset.id, resource.name),
      (current) => (current.mirroredFrom ? markedAs(current, listedUrls.has(current.mirroredFrom.url), now) : undefined),
      resourceListing,
    );
    if (written?.value.mirroredFrom?.withdrawnAt === now) counts.withdrawn++;
    changed = true;
  }
  if (changed) await announceDatasetChange(ctx, dataset.id);
};

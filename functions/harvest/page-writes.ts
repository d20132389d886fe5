import type { DomainContext } from '../domain/context';
import type { Dataset } from '../domain/datasets';
import { newId } from '../domain/identifiers';
import { announceBulkChange } from '../search/catalogue-changes';
import type { StoredRecord } from '../storage/catalogue-store';
import { entryFor, linkDuplicate, unlinkDuplicate } from './duplicate-links';
import { overdueSince } from './freshness';
import type { HarvestedDataset } from './harvested-dataset';
import { createHarvestedDatasets, replaceHarvestedDatasets } from './harvest-writes';
import { keepLocalAdditions } from './local-additions';
import { type ErrorReport, messageOf, recordRunError } from './run-errors';
import type { SameDatasetIndex } from './same-dataset';
import type { HarvestSource } from './sources';

/**
 * Takes a page's mapped records: each is compared with the stored record (unchanged ones are not
 * written at all) and the changed ones are written a chunk at a time, each chunk announced to
 * search as one change (see announceBulkChange) instead of one change-log append per record.
 * Then the duplicate links of the records that point at another source's dataset are kept.
 */

/** Records written (and announced) together. */
export const WRITE_CHUNK = 250;

export interface WriteReport extends ErrorReport {
  created: number;
  updated: number;
  unchanged: number;
  withdrawn: number;
}

/** The source's datasets already in the catalogue, by identifier at the source, and other sources' by match key. */
export interface CatalogueView {
  own: Map<string, StoredRecord<Dataset>>;
  sameDataset: SameDatasetIndex;
}

const datasetFrom = (source: HarvestSource, mapped: HarvestedDataset, existing: Dataset | undefined, now: string): Dataset => {
  const { name, title, description, licence, keywords, themes, updateFrequency, temporalCoverage, spatialCoverage, contactPoint } = mapped;
  const optional = { description, keywords, themes, updateFrequency, temporalCoverage, spatialCoverage, contactPoint };
  const overdue = overdueSince(updateFrequency, mapped.provenance.lastChangedAtSource, new Date(now));
  // Keywords and themes added on the exchange stay, after the source's (local-additions.ts).
  return keepLocalAdditions<Dataset>(
    {
      id: existing?.id ?? newId(),
      name: existing?.name ?? name,
      title,
      ...(Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== undefined)) as Partial<Dataset>),
      organisation: source.organisation,
      tier: 'open',
      // A licence the exchange does not recognise is shown as 'other', the source's words in provenance.licenceAtSource.
      licence: licence ?? 'other',
      created: existing?.created ?? now,
      modified: now,
      provenance: {
        ...mapped.provenance,
        ...(mapped.publisher ? { publisher: mapped.publisher.name } : {}),
        ...(!licence && !mapped.provenance.licenceAtSource ? { licenceAtSource: 'none given' } : {}),
        firstHarvested: existing?.provenance?.firstHarvested ?? mapped.provenance.firstHarvested,
        lastHarvested: now,
        ...(overdue ? { overdueSince: overdue } : {}),
        // Other sources' records of this dataset point here: their runs keep this list, this run keeps it as it is.
        ...(existing?.provenance?.alsoHarvestedFrom ? { alsoHarvestedFrom: existing.provenance.alsoHarvestedFrom } : {}),
      },
      // The link checker's last visit stays with a URL that is still linked.
      linkedResources: mapped.resources.map((resource) => {
        const check = existing?.linkedResources?.find((r) => r.url === resource.url)?.check;
        return check ? { ...resource, check } : resource;
      }),
    },
    existing,
  );
};

/** A record to write: the dataset as it will be, what is stored now, and the dataset it duplicates. */
interface Change {
  dataset: Dataset;
  stored?: StoredRecord<Dataset>;
  standing?: NonNullable<ReturnType<SameDatasetIndex['standingFor']>>;
}

/** The change a mapped record makes, or undefined when it changes nothing (content, withdrawal, which dataset stands for it). */
const changeOf = (source: HarvestSource, now: string, view: CatalogueView, mapped: HarvestedDataset): Change | undefined => {
  const stored = view.own.get(mapped.provenance.identifier);
  const dataset = datasetFrom(source, mapped, stored?.value, now);
  const standing = view.sameDataset.standingFor(dataset);
  if (standing) dataset.provenance!.duplicateOf = standing.dataset.name;
  const was = stored?.value.provenance;
  if (was && was.contentHash === mapped.provenance.contentHash && !was.withdrawnAt && was.duplicateOf === dataset.provenance!.duplicateOf) return undefined;
  return { dataset, stored, ...(standing ? { standing } : {}) };
};

/** Writes one chunk of changes, announced as one; answers the failures by dataset id. */
const writeChunk = (ctx: DomainContext, changes: readonly Change[]): Promise<Map<string, string>> => {
  const creates = changes.filter((c) => !c.stored).map((c) => c.dataset);
  const updates = changes.flatMap((c) => (c.stored ? [{ dataset: c.dataset, version: c.stored.version }] : []));
  return announceBulkChange(
    ctx,
    changes.map((c) => c.dataset.id),
    creates.map((d) => d.id),
    async () => new Map([...(await createHarvestedDatasets(ctx, creates)), ...(await replaceHarvestedDatasets(ctx, updates))]),
  );
};

/** Takes a page's records (already filtered and de-duplicated within the run), adding to the report's counts. */
export const takeRecords = async (
  ctx: DomainContext,
  source: HarvestSource,
  report: WriteReport,
  started: string,
  view: CatalogueView,
  records: readonly HarvestedDataset[],
): Promise<void> => {
  const changes: Change[] = [];
  for (const mapped of records) {
    const change = changeOf(source, started, view, mapped);
    if (change) changes.push(change);
    else report.unchanged++;
  }
  for (let i = 0; i < changes.length; i += WRITE_CHUNK) {
    const chunk = changes.slice(i, i + WRITE_CHUNK);
    let failures: Map<string, string>;
    try {
      failures = await writeChunk(ctx, chunk);
    } catch (error) {
      failures = new Map(chunk.map((c) => [c.dataset.id, messageOf(error)]));
    }
    for (const { dataset, stored, standing } of chunk) {
      const failure = failures.get(dataset.id);
      if (failure !== undefined) {
        recordRunError(report, { identifier: dataset.provenance!.identifier, message: failure });
        continue;
      }
      if (stored) report.updated++;
      else report.created++;
      try {
        const was = stored?.value.provenance?.duplicateOf;
        if (was && was !== standing?.dataset.name) await unlinkDuplicate(ctx, was, dataset.name);
        if (standing) await linkDuplicate(ctx, standing.dataset.name, entryFor(dataset, standing.matchedBy));
      } catch (error) {
        recordRunError(report, { identifier: dataset.provenance!.identifier, message: messageOf(error) });
      }
    }
  }
};

/** Marks the source's records the run did not see as withdrawn at source (a run that reached the last page). */
export const withdrawUnseen = async (
  ctx: DomainContext,
  report: WriteReport,
  started: string,
  view: CatalogueView,
  seen: ReadonlySet<string>,
): Promise<void> => {
  const gone = [...view.own].filter(([identifier, stored]) => !seen.has(identifier) && stored.value.provenance && !stored.value.provenance.withdrawnAt);
  for (let i = 0; i < gone.length; i += WRITE_CHUNK) {
    const chunk = gone.slice(i, i + WRITE_CHUNK);
    const replacements = chunk.map(([, stored]) => ({
      dataset: { ...stored.value, provenance: { ...stored.value.provenance!, withdrawnAt: started } },
      version: stored.version,
    }));
    let failures: Map<string, string>;
    try {
      failures = await announceBulkChange(
        ctx,
        replacements.map((r) => r.dataset.id),
        [],
        () => replaceHarvestedDatasets(ctx, replacements),
      );
    } catch (error) {
      failures = new Map(replacements.map((r) => [r.dataset.id, messageOf(error)]));
    }
    for (const [identifier, stored] of chunk) {
      const failure = failures.get(stored.value.id);
      if (failure !== undefined) {
        recordRunError(report, { identifier, message: `could not be withdrawn: ${failure}` });
        continue;
      }
      report.withdrawn++;
      try {
        const standing = stored.value.provenance!.duplicateOf;
        if (standing) await unlinkDuplicate(ctx, standing, stored.value.name);
      } catch (error) {
        recordRunError(report, { identifier, message: `could not be withdrawn: ${messageOf(error)}` });
      }
    }
  }
};

import type { Caller } from '../domain/caller';
import type { DomainContext } from '../domain/context';
import type { LinkedResource } from '../domain/dataset-provenance';
import { type Dataset, getDataset } from '../domain/datasets';
import { ExchangeError } from '../domain/errors';
import { newId } from '../domain/identifiers';
import { resourceKey, resourceListing } from '../domain/resource-keys';
import type { Resource } from '../domain/resource-record';
import { receiveDirectUpload } from '../domain/uploads';
import { announceDatasetChange } from '../search/catalogue-changes';
import { RecordExistsError } from '../storage/catalogue-store';
import { fetchMirrorFile } from './mirror-fetch';
import { awaitMirroredOutcomes, type PendingFile } from './mirror-outcome';
import { emptyMirrorCounts, type MirrorCounts, type MirroredFile, mirroredResourceName, mirrorKey } from './mirror-records';
import { DEFAULT_MIRROR_MAX_FILE_BYTES } from './mirror-settings';
import { markWithdrawnCopies } from './mirror-withdrawn';
import { type ErrorReport, messageOf, recordRunError } from './run-errors';
import type { HarvestSource } from './sources';

/**
 * Mirror mode: after a page's records are written, each file of theirs that the exchange can
 * read is fetched (only through the SSRF-safe fetcher, capped per file) and, when its bytes are
 * new, sent through the normal upload pipeline into a resource of the dataset, so it is detected,
 * validated, versioned and queryable like any upload. A file that cannot be copied, or whose
 * version fails validation, is an error in the run report; the dataset keeps its link either way.
 */

/** The run report the mirror adds to (the harvest run record). */
export interface MirrorReport extends ErrorReport {
  mirror?: MirrorCounts;
}

export interface MirrorOptions {
  allowHosts?: readonly string[];
  /** How long a page waits for its copied files' validation before it goes on (see mirror-outcome.ts). */
  mirrorWaitMs?: number;
  /** How long a page spends copying files; those not reached are left for the next run. */
  mirrorBudgetMs?: number;
}

/**
 * A page's time for copying: the harvester function takes one page per invocation within Lambda's
 * 15 minutes, which also hold reading and writing the page and waiting for validation.
 */
export const DEFAULT_MIRROR_BUDGET_MS = 8 * 60_000;

interface Budget {
  deadline: number;
  /** Files not reached in time. */
  deferred: number;
}

/** The harvest acts on its source's behalf: the organisation admin who registered it, or the schedule. */
const HARVEST: Caller = { kind: 'platform-admin' };

/** The upload formats (schemas/requests/resource-input.schema.json); anything else stays a link. */
const FORMATS = new Set(['csv', 'tsv', 'json', 'ndjson', 'geojson', 'xml', 'xlsx', 'ods']);
const MEDIA_TYPES: ReadonlyMap<string, string> = new Map([
  ['text/csv', 'csv'],
  ['text/tab-separated-values', 'tsv'],
  ['application/json', 'json'],
  ['application/x-ndjson', 'ndjson'],
  ['application/geo+json', 'geojson'],
  ['application/xml', 'xml'],
  ['text/xml', 'xml'],
  ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'xlsx'],
  ['application/vnd.oasis.opendocument.spreadsheet', 'ods'],
]);

const extensionOf = (url: string): string | undefined => /\.([a-z0-9]{2,7})$/i.exec(new URL(url).pathname)?.[1]?.toLowerCase();

/** The upload format a linked file declares (its format, media type or file extension), or undefined when it is not one the exchange reads. */
export const mirrorFormatOf = (linked: LinkedResource): string | undefined => {
  const declared = [linked.format?.toLowerCase(), linked.mediaType ? MEDIA_TYPES.get(linked.mediaType) : undefined, extensionOf(linked.url)];
  return declared.find((format): format is string => format !== undefined && FORMATS.has(format));
};

/** The file name an upload records: the URL's last segment, with the format's extension when it has none. */
const filenameOf = (url: string, format: string): string => {
  let last = new URL(url).pathname.split('/').pop() ?? '';
  try {
    last = decodeURIComponent(last);
  } catch {
    // Kept as written.
  }
  const plain = last.replace(/[\u0000-\u001f/\\]/g, '').slice(0, 200) || 'file';
  return extensionOf(`http://x/${plain}`) ? plain : `${plain}.${format}`;
};

/** The resource a file is copied into, made on first copy (a mirrored resource carries its source's address). */
const ensureResource = async (ctx: DomainContext, dataset: Dataset, name: string, linked: LinkedResource, format: string): Promise<void> => {
  if (await ctx.catalogue.get(resourceKey(dataset.id, name))) return;
  const timestamp = ctx.now().toISOString();
  const resource: Resource = {
    id: newId(),
    datasetId: dataset.id,
    name,
    title: linked.title.slice(0, 200),
    ...(linked.description ? { description: linked.description.slice(0, 5000) } : {}),
    format,
    // Checked against the standard the dataset declares, as a publisher's own resource would be.
    ...(dataset.dataSchema ? { dataSchema: dataset.dataSchema, ...(dataset.dataSchemaVersion ? { dataSchemaVersion: dataset.dataSchemaVersion } : {}) } : {}),
    status: 'awaiting-upload',
    latestVersion: 0,
    mirroredFrom: { url: linked.url },
    created: timestamp,
    modified: timestamp,
  };
  try {
    await ctx.catalogue.create(resourceKey(dataset.id, name), resource, resourceListing(resource));
  } catch (error) {
    if (!(error instanceof RecordExistsError)) throw error;
  }
  await announceDatasetChange(ctx, dataset.id);
};

/** Copies one file if its bytes are new; answers the upload to wait for, if one was made. */
const mirrorFile = async (
  ctx: DomainContext,
  dataset: Dataset,
  linked: LinkedResource,
  format: string,
  maxBytes: number,
  counts: MirrorCounts,
  options: MirrorOptions,
): Promise<PendingFile | undefined> => {
  const resourceName = mirroredResourceName(linked.url);
  const key = mirrorKey(dataset.id, resourceName);
  const stored = await ctx.catalogue.get<MirroredFile>(key);
  const fetched = await fetchMirrorFile(linked.url, stored?.value, { maxBytes, allowHosts: options.allowHosts });
  if (!fetched.changed) {
    counts.unchanged++;
    return undefined;
  }
  await ensureResource(ctx, dataset, resourceName, linked, format);
  const upload = await receiveDirectUpload(ctx, HARVEST, dataset.id, resourceName, fetched.body, {
    filename: filenameOf(fetched.finalUrl, format),
    contentType: fetched.contentType,
    mirrorOf: linked.url,
  });
  const record: MirroredFile = {
    url: linked.url,
    datasetId: dataset.id,
    resourceName,
    ...(fetched.etag ? { etag: fetched.etag } : {}),
    ...(fetched.lastModified ? { lastModified: fetched.lastModified } : {}),
    bytes: fetched.body.byteLength,
    sha256: fetched.sha256,
    fetched: ctx.now().toISOString(),
    uploadId: upload.uploadId,
  };
  if (stored) await ctx.catalogue.replace(key, record, stored.version);
  else await ctx.catalogue.create(key, record);
  counts.copied++;
  return {
    datasetId: dataset.id,
    datasetName: dataset.name,
    resourceName,
    uploadId: upload.uploadId,
    url: linked.url,
    identifier: dataset.provenance?.identifier,
  };
};

/** Copies the files of one harvested dataset; every failure is an entry of the report. */
const mirrorDataset = async (
  ctx: DomainContext,
  dataset: Dataset,
  maxBytes: number,
  report: MirrorReport,
  counts: MirrorCounts,
  budget: Budget,
  options: MirrorOptions,
): Promise<PendingFile[]> => {
  const identifier = dataset.provenance?.identifier;
  try {
    await markWithdrawnCopies(ctx, dataset, counts);
  } catch (error) {
    recordRunError(report, { identifier, message: `copies of files the source no longer lists could not be marked: ${messageOf(error)}` });
  }
  const files = (dataset.linkedResources ?? []).flatMap((linked) => {
    const format = mirrorFormatOf(linked);
    return format ? [{ linked, format }] : [];
  });
  if (files.length === 0) return [];
  if (dataset.licence === 'other') {
    // Republishing data under terms the exchange cannot name would mislead its users: the links stay.
    counts.notCopied += files.length;
    recordRunError(report, {
      identifier,
      message: "files not mirrored: the source's licence is not one the exchange recognises, so the data stays at the source (linked)",
    });
    return [];
  }
  const pending: PendingFile[] = [];
  for (const { linked, format } of files) {
    if (Date.now() >= budget.deadline) {
      budget.deferred++;
      continue;
    }
    try {
      const made = await mirrorFile(ctx, dataset, linked, format, maxBytes, counts, options);
      if (made) pending.push(made);
    } catch (error) {
      counts.notCopied++;
      recordRunError(report, { identifier, message: `${linked.url} not mirrored (the dataset keeps its link): ${messageOf(error)}` });
    }
  }
  return pending;
};

/**
 * The run step for a mirror-mode source: copies the files of the page's datasets (by their names
 * in the catalogue), then waits a while for their validation so failures are in this run's report.
 */
export const mirrorPageFiles = async (
  ctx: DomainContext,
  source: HarvestSource,
  report: MirrorReport,
  datasetNames: readonly string[],
  options: MirrorOptions = {},
): Promise<void> => {
  // A queued run's earlier pages may have been counted before a count was added: every count starts at 0.
  const counts: MirrorCounts = { ...emptyMirrorCounts(), ...report.mirror };
  report.mirror = counts;
  const maxBytes = source.mirror?.maxFileBytes ?? DEFAULT_MIRROR_MAX_FILE_BYTES;
  const budgetMs = options.mirrorBudgetMs ?? DEFAULT_MIRROR_BUDGET_MS;
  const budget: Budget = { deadline: Date.now() + budgetMs, deferred: 0 };
  const pending: PendingFile[] = [];
  for (const name of datasetNames) {
    let dataset: Dataset;
    try {
      dataset = (await getDataset(ctx, HARVEST, name)).value;
    } catch (error) {
      // A record the run could not write has no dataset to copy into (its error is already reported).
      if (error instanceof ExchangeError && error.code === 'not_found') continue;
      throw error;
    }
    if (dataset.provenance?.sourceId !== source.id || dataset.provenance.withdrawnAt || dataset.provenance.duplicateOf) continue;
    pending.push(...(await mirrorDataset(ctx, dataset, maxBytes, report, counts, budget, options)));
  }
  if (budget.deferred > 0) {
    counts.notCopied += budget.deferred;
    recordRunError(report, {
      message: `${budget.deferred} file${budget.deferred === 1 ? '' : 's'} not copied in this run: the page's ${Math.round(budgetMs / 1000)} seconds for copying ran out (the links stay; the next run copies them)`,
    });
  }
  await awaitMirroredOutcomes(ctx, pending, report, counts, options.mirrorWaitMs);
};

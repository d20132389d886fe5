import type { DomainContext } from './context';
import { ingestDeadlineMs, overdueMessage } from './ingest-deadline';
import { resourceKey, resourceListing } from './resource-keys';
import type { Resource } from './resource-record';
import { type Upload, uploadKey, uploadListing, UPLOADS_IN_FLIGHT } from './upload-records';
import { type ResourceVersion, versionKey, versionListing } from './version-records';
import { processingFailureReport } from '../ingest/core/report';
import { announceDatasetChange } from '../search/catalogue-changes';
import { mutate, RecordExistsError, VersionConflictError, type StoredRecord } from '../storage/catalogue-store';

/**
 * How a version ends, whoever ends it: the ingest (published, or failed with a report), or a
 * reader or the sweep once the ingest is overdue. One conditional write from `validating`
 * decides, so a late success and a deadline failure can never both win; the resource's
 * pointer moves only after that write, and only forward.
 */

export interface VersionOwner {
  datasetId: string;
  resourceName: string;
}

/** Moves the resource's pointer forward only: a late, older version never replaces a newer one. */
export const recordOutcome = async (ctx: DomainContext, owner: VersionOwner, version: ResourceVersion): Promise<void> => {
  await mutate<Resource>(
    ctx.catalogue,
    resourceKey(owner.datasetId, owner.resourceName),
    (r) => {
      const isNewer = version.state === 'published' && (!r.current || version.version > r.current.version);
      const isLatest = version.version === r.latestVersion && r.status !== version.state;
      if (!isNewer && !isLatest) return undefined;
      return {
        ...r,
        ...(isLatest ? { status: version.state } : {}),
        ...(isNewer
          ? {
              current: {
                version: version.version,
                rowCount: version.rowCount ?? 0,
                columnCount: version.columnCount ?? 0,
                bytes: version.bytes ?? 0,
                sha256: version.sha256 ?? '',
                mediaType: version.objects?.original?.mediaType ?? 'application/octet-stream',
                publishedAt: version.completedAt ?? ctx.now().toISOString(),
              },
              schema: version.schema,
            }
          : {}),
        modified: ctx.now().toISOString(),
      };
    },
    resourceListing,
  );
};

/** The upload is finished with: it leaves the in-flight listing, and later deliveries of its event change nothing. */
const markUploadDone = async (ctx: DomainContext, uploadId: string): Promise<void> => {
  if (!uploadId) return;
  await mutate<Upload>(
    ctx.catalogue,
    uploadKey(uploadId),
    (u) => (u.state === 'done' ? undefined : { ...u, state: 'done', leaseUntil: undefined }),
    uploadListing,
  );
};

export interface EndOptions {
  /** Runs after the version's record is written, before the resource's pointer moves (fault tests stop the process here). */
  afterRecord?: () => void;
}

/**
 * Writes the version's final record if it is still validating (or missing), then moves the
 * resource and finishes the upload. Returns the stored record and whether this call ended it.
 */
export const endVersion = async (
  ctx: DomainContext,
  owner: VersionOwner,
  finished: ResourceVersion,
  options: EndOptions = {},
): Promise<{ record: StoredRecord<ResourceVersion>; won: boolean }> => {
  const key = versionKey(owner.datasetId, owner.resourceName, finished.version);
  const listing = versionListing(owner.datasetId, owner.resourceName, finished.version);
  const final: ResourceVersion = { ...finished, deadline: undefined };
  for (let attempt = 0; attempt < 20; attempt++) {
    const found = await ctx.catalogue.get<ResourceVersion>(key);
    if (found && found.value.state !== 'validating') return { record: found, won: false };
    let record: StoredRecord<ResourceVersion>;
    try {
      record = found ? await ctx.catalogue.replace(key, final, found.version, listing) : await ctx.catalogue.create(key, final, listing);
    } catch (error) {
      if (error instanceof VersionConflictError || error instanceof RecordExistsError) continue;
      throw error;
    }
    options.afterRecord?.();
    await recordOutcome(ctx, owner, final);
    await announceDatasetChange(ctx, owner.datasetId);
    await markUploadDone(ctx, final.uploadId);
    return { record, won: true };
  }
  throw new Error(`gave up ending version ${finished.version} of ${owner.datasetId}/${owner.resourceName} after 20 conflicting writes`);
};

/**
 * Ends a version as failed with a report that says why (`processing-error`). The report is not
 * stored: readReport builds it from `failure`. So the read path, which may end an overdue
 * version, needs no write access to the published bucket, and a failure that loses the race
 * leaves nothing behind.
 */
export const failVersion = async (
  ctx: DomainContext,
  owner: VersionOwner,
  started: Pick<ResourceVersion, 'version' | 'uploadId' | 'filename' | 'created'>,
  message: string,
): Promise<{ record: StoredRecord<ResourceVersion>; won: boolean }> => {
  const report = processingFailureReport(message);
  const failed: ResourceVersion = {
    version: started.version,
    uploadId: started.uploadId,
    filename: started.filename,
    created: started.created,
    state: 'failed',
    completedAt: ctx.now().toISOString(),
    valid: false,
    errorCount: report.errorCount,
    errorCounts: report.errorCounts as Record<string, number>,
    failure: message,
  };
  return endVersion(ctx, owner, failed);
};

const isOverdue = (ctx: DomainContext, version: ResourceVersion): boolean => {
  const deadline = version.deadline ? Date.parse(version.deadline) : Date.parse(version.created) + ingestDeadlineMs();
  return ctx.now().getTime() >= deadline;
};

/** A version read while validating: failed first if its attempt is overdue, and answered as it now stands. */
export const settleOverdueVersion = async (
  ctx: DomainContext,
  datasetId: string,
  resourceName: string,
  record: StoredRecord<ResourceVersion>,
): Promise<StoredRecord<ResourceVersion>> => {
  if (record.value.state !== 'validating' || !isOverdue(ctx, record.value)) return record;
  return (await failVersion(ctx, { datasetId, resourceName }, record.value, overdueMessage())).record;
};

/**
 * A resource read while validating. Its latest version may be overdue; it may have ended
 * without the resource hearing of it (a stop between the two writes); or an ingest may have
 * stopped after numbering it and before recording it. Each is settled, then the resource re-read.
 */
export const settleOverdueResource = async (ctx: DomainContext, resource: StoredRecord<Resource>, uploadId = ''): Promise<StoredRecord<Resource>> => {
  const { datasetId, name, latestVersion, status, modified } = resource.value;
  if (status !== 'validating' || latestVersion < 1) return resource;
  const owner = { datasetId, resourceName: name };
  const latest = await ctx.catalogue.get<ResourceVersion>(versionKey(datasetId, name, latestVersion));
  if (!latest) {
    if (ctx.now().getTime() < Date.parse(modified) + ingestDeadlineMs()) return resource;
    await failVersion(ctx, owner, { version: latestVersion, uploadId, created: modified }, overdueMessage());
  } else if (latest.value.state === 'validating') {
    if (!isOverdue(ctx, latest.value)) return resource;
    await settleOverdueVersion(ctx, datasetId, name, latest);
  } else {
    await recordOutcome(ctx, owner, latest.value);
  }
  return (await ctx.catalogue.get<Resource>(resourceKey(datasetId, name))) ?? resource;
};

/** Settles one in-flight upload whose attempt is overdue (the sweep, and a read of the upload). */
export const settleOverdueUpload = async (ctx: DomainContext, upload: StoredRecord<Upload>): Promise<void> => {
  const { datasetId, resourceName, version, uploadId } = upload.value;
  const owner = { datasetId, resourceName };
  if (version === undefined) {
    // Stopped while numbering its version: the resource may say validating with no version behind it.
    const resource = await ctx.catalogue.get<Resource>(resourceKey(datasetId, resourceName));
    if (resource) await settleOverdueResource(ctx, resource, uploadId);
    await markUploadDone(ctx, uploadId);
    return;
  }
  const found = await ctx.catalogue.get<ResourceVersion>(versionKey(datasetId, resourceName, version));
  if (!found) {
    await failVersion(ctx, owner, { version, uploadId, filename: upload.value.filename, created: upload.value.created }, overdueMessage());
  } else if (found.value.state === 'validating') {
    await settleOverdueVersion(ctx, datasetId, resourceName, found);
  } else {
    // Ended, but the process stopped before the resource or the upload heard of it.
    await recordOutcome(ctx, owner, found.value);
    await announceDatasetChange(ctx, datasetId);
    await markUploadDone(ctx, uploadId);
  }
};

/**
 * Ends every ingest whose attempt is past its deadline: local start-up runs it, and the ingest
 * function on a schedule. Idempotent (each step is a conditional write that changes nothing
 * the second time); one upload's trouble does not stop the others. Returns how many it looked at.
 */
export const sweepOverdueIngests = async (ctx: DomainContext): Promise<number> => {
  const now = ctx.now().toISOString();
  let looked = 0;
  let after: string | undefined;
  do {
    const page = await ctx.catalogue.list<Upload>(UPLOADS_IN_FLIGHT, { limit: 100, after });
    for (const upload of page.items) {
      // The listing is ordered by deadline: the first one not yet due ends the sweep.
      if (!upload.value.deadline || upload.value.deadline > now) return looked;
      looked++;
      try {
        await settleOverdueUpload(ctx, upload);
      } catch (error) {
        console.error('could not settle an overdue ingest', { uploadId: upload.value.uploadId, error });
      }
    }
    after = page.next;
  } while (after);
  return looked;
};

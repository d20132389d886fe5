import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { athenaCopyKey, encodeLocalDatetimes, LOCAL_DATETIMES_METADATA } from '../domain/athena-copy';
import type { DomainContext } from '../domain/context';
import { type Resource, resourceKey, resourceListing } from '../domain/resources';
import { type Upload, uploadIdFromObjectKey, uploadKey } from '../domain/uploads';
import {
  type DownloadFormat,
  type ResourceVersion,
  type StoredObject,
  versionKey,
  versionListing,
  versionPrefix,
} from '../domain/versions';
import { mutate, RecordExistsError, VersionConflictError, type StoredRecord } from '../storage/catalogue-store';
import type { IngestLimits } from './core/limits';
import { processUpload, type ProcessResult } from './core/process-upload';
import { announceDatasetChange } from '../search/catalogue-changes';

/** How long one ingest may hold an upload before another delivery of its event may take it over. */
const LEASE_MS = 15 * 60 * 1000;

export type IngestOutcome = 'ignored' | 'duplicate' | 'published' | 'failed';

/**
 * Claims the upload for this delivery. Duplicate and late deliveries find it done or leased and
 * change nothing; a conditional write decides between two deliveries racing each other.
 */
const claim = async (ctx: DomainContext, uploadId: string): Promise<StoredRecord<Upload> | 'ignored' | 'duplicate'> => {
  const found = await ctx.catalogue.get<Upload>(uploadKey(uploadId));
  if (!found) return 'ignored';
  const now = ctx.now();
  const { state, leaseUntil } = found.value;
  if (state === 'done' || (state === 'processing' && leaseUntil && Date.parse(leaseUntil) > now.getTime())) return 'duplicate';
  try {
    const leased: Upload = { ...found.value, state: 'processing', leaseUntil: new Date(now.getTime() + LEASE_MS).toISOString() };
    return await ctx.catalogue.replace(uploadKey(uploadId), leased, found.version);
  } catch (error) {
    if (error instanceof VersionConflictError) return 'duplicate';
    throw error;
  }
};

/**
 * The next version number of the resource, reserved once per upload (a retried upload keeps its
 * number), and the resource as read while reserving it.
 */
const reserveVersion = async (ctx: DomainContext, upload: StoredRecord<Upload>): Promise<{ upload: StoredRecord<Upload>; resource: Resource | undefined }> => {
  const key = resourceKey(upload.value.datasetId, upload.value.resourceName);
  if (upload.value.version !== undefined) return { upload, resource: (await ctx.catalogue.get<Resource>(key))?.value };
  const resource = await mutate<Resource>(
    ctx.catalogue,
    key,
    (r) => ({ ...r, latestVersion: r.latestVersion + 1, status: 'validating', modified: ctx.now().toISOString() }),
    resourceListing,
  );
  if (!resource) throw new Error(`resource ${key.sk} of upload ${upload.value.uploadId} no longer exists`);
  const reserved = await ctx.catalogue.replace(uploadKey(upload.value.uploadId), { ...upload.value, version: resource.value.latestVersion }, upload.version);
  return { upload: reserved, resource: resource.value };
};

const outputExtension: Record<Exclude<DownloadFormat, 'original'>, string> = { csv: 'csv', json: 'json', ndjson: 'ndjson', parquet: 'parquet' };

/** Writes the version's files under their own prefix; nothing already published is touched. */
const storeFiles = async (ctx: DomainContext, upload: Upload, version: number, result: ProcessResult): Promise<Partial<Record<DownloadFormat, StoredObject>>> => {
  const prefix = versionPrefix(upload.datasetId, upload.resourceName, version);
  const originalExtension = extname(upload.filename ?? '').slice(1).toLowerCase() || result.detected.format || 'bin';
  const objects: Partial<Record<DownloadFormat, StoredObject>> = {
    original: {
      key: `${prefix}/original`,
      bytes: result.original.bytes,
      mediaType: upload.contentType ?? 'application/octet-stream',
      extension: originalExtension,
    },
  };
  await ctx.objects.copy({ bucket: 'uploads', key: upload.objectKey }, { bucket: 'published', key: objects.original!.key });
  for (const [format, output] of Object.entries(result.outputs ?? {}) as Array<[Exclude<DownloadFormat, 'original'>, { path: string; bytes: number; mediaType: string }]>) {
    const stored: StoredObject = { key: `${prefix}/data.${outputExtension[format]}`, bytes: output.bytes, mediaType: output.mediaType, extension: outputExtension[format] };
    await ctx.objects.put({ bucket: 'published', key: stored.key }, () => createReadStream(output.path), { contentType: output.mediaType, contentLength: output.bytes });
    objects[format] = stored;
  }
  if (result.athenaCopy && objects.parquet) await storeAthenaCopy(ctx, athenaCopyKey(objects.parquet.key), result.athenaCopy);
  return objects;
};

/**
 * The Athena copy of a large version, alone in its own prefix (a Glue table's location): written
 * before the version is published, so the row API never sees a published large version whose
 * copy is still missing. Not a download: it is not listed among the version's objects (the row
 * API looks for it by key).
 */
const storeAthenaCopy = async (ctx: DomainContext, key: string, copy: NonNullable<ProcessResult['athenaCopy']>): Promise<void> => {
  const localDatetimes = encodeLocalDatetimes(copy.localDatetimes);
  if (localDatetimes === undefined) return;
  await ctx.objects.put({ bucket: 'published', key }, () => createReadStream(copy.path), {
    contentType: copy.mediaType,
    contentLength: copy.bytes,
    metadata: { [LOCAL_DATETIMES_METADATA]: localDatetimes },
  });
};

/** Moves the resource's pointer forward only: a late, older version never replaces a newer one. */
const recordOutcome = async (ctx: DomainContext, upload: Upload, version: ResourceVersion): Promise<void> => {
  await mutate<Resource>(
    ctx.catalogue,
    resourceKey(upload.datasetId, upload.resourceName),
    (r) => {
      const isNewer = version.state === 'published' && (!r.current || version.version > r.current.version);
      const isLatest = version.version === r.latestVersion;
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

export interface IngestOptions {
  /** Caps and thresholds of the ingest core (defaults: DEFAULT_LIMITS); tests lower some. */
  limits?: Partial<IngestLimits>;
}

/** Ingests one object from the uploads bucket; safe to call any number of times for the same key. */
export const ingestUploadedObject = async (ctx: DomainContext, objectKey: string, options: IngestOptions = {}): Promise<IngestOutcome> => {
  const uploadId = uploadIdFromObjectKey(objectKey);
  if (!uploadId) return 'ignored';
  const claimed = await claim(ctx, uploadId);
  if (typeof claimed === 'string') return claimed;

  const { upload, resource } = await reserveVersion(ctx, claimed);
  const { datasetId, resourceName } = upload.value;
  const number = upload.value.version!;
  if (!resource) return 'ignored';

  const started: ResourceVersion = { version: number, uploadId, state: 'validating', filename: upload.value.filename, created: ctx.now().toISOString() };
  try {
    await ctx.catalogue.create(versionKey(datasetId, resourceName, number), started, versionListing(datasetId, resourceName, number));
  } catch (error) {
    if (!(error instanceof RecordExistsError)) throw error;
  }

  const workDir = await mkdtemp(join(ctx.workDir, 'ldx-ingest-'));
  try {
    const source = await ctx.objects.get({ bucket: 'uploads', key: upload.value.objectKey });
    if (!source) throw new Error(`upload object ${upload.value.objectKey} is missing`);
    const result = await processUpload({
      source,
      filename: upload.value.filename,
      declaredFormat: resource.format,
      dataSchemaId: resource.dataSchema,
      workDir,
      limits: options.limits,
    });
    const objects = await storeFiles(ctx, upload.value, number, result);
    const reportKey = `${versionPrefix(datasetId, resourceName, number)}/report.json`;
    await ctx.objects.put({ bucket: 'published', key: reportKey }, JSON.stringify(result.report), { contentType: 'application/json' });
    const finished: ResourceVersion = {
      ...started,
      state: result.ok ? 'published' : 'failed',
      completedAt: ctx.now().toISOString(),
      detected: result.detected,
      rowCount: result.report.rowCount,
      columnCount: result.report.columnCount,
      bytes: result.original.bytes,
      sha256: result.original.sha256,
      valid: result.report.valid,
      errorCount: result.report.errorCount,
      errorCounts: result.report.errorCounts as Record<string, number>,
      schema: result.schema,
      objects,
      reportKey,
    };
    await mutate<ResourceVersion>(ctx.catalogue, versionKey(datasetId, resourceName, number), () => finished, () => versionListing(datasetId, resourceName, number));
    await recordOutcome(ctx, upload.value, finished);
    await announceDatasetChange(ctx, datasetId);
    await ctx.catalogue.replace(uploadKey(uploadId), { ...upload.value, state: 'done', leaseUntil: undefined }, upload.version);
    return result.ok ? 'published' : 'failed';
  } catch (error) {
    // Transient trouble (S3, DynamoDB): release the upload so a redelivered event can try again.
    await mutate<Upload>(ctx.catalogue, uploadKey(uploadId), (u) => ({ ...u, state: 'retry', leaseUntil: undefined })).catch(() => undefined);
    throw error;
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
};

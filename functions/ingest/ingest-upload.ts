import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { athenaCopyKey, encodeLocalDatetimes, LOCAL_DATETIMES_METADATA } from '../domain/athena-copy';
import type { DomainContext } from '../domain/context';
import { ingestDeadline } from '../domain/ingest-deadline';
import { type Resource, resourceKey, resourceListing } from '../domain/resources';
import { type Upload, uploadIdFromObjectKey, uploadKey, uploadListing } from '../domain/uploads';
import { endVersion, failVersion, recordOutcome } from '../domain/version-outcome';
import { addCoveredAreas } from '../domain/datasets';
import { announceDatasetChange } from '../search/catalogue-changes';
import { type DownloadFormat, type ResourceVersion, type StoredObject, versionKey, versionListing, versionPrefix } from '../domain/versions';
import { mutate, RecordExistsError, VersionConflictError, type StoredRecord } from '../storage/catalogue-store';
import { checkDeclaredBytes, checkDeclaredDigest } from './declared-upload';
import type { IngestLimits } from './core/limits';
import { processUpload } from './core/process-upload';
import type { ProcessResult } from './core/upload-types';
import { faultPoint } from './fault-points';
import { describeIngestFailure, lastAttemptMessage } from './ingest-failure';
import { type IngestFacts, recordIngest } from '../observability/ingest-log';
import { log } from '../observability/telemetry';
import { resolveDeclaredSchema } from '../standards/schema-versions';

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
    // Listed in flight (by its deadline) from now on, so the sweep ends it if this attempt stops.
    const leased: Upload = {
      ...found.value,
      state: 'processing',
      leaseUntil: new Date(now.getTime() + LEASE_MS).toISOString(),
      deadline: ingestDeadline(now),
      attempts: (found.value.attempts ?? 0) + 1,
    };
    return await ctx.catalogue.replace(uploadKey(uploadId), leased, found.version, uploadListing(leased));
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
  const numbered: Upload = { ...upload.value, version: resource.value.latestVersion };
  const reserved = await ctx.catalogue.replace(uploadKey(upload.value.uploadId), numbered, upload.version, uploadListing(numbered));
  return { upload: reserved, resource: resource.value };
};

const outputExtension: Record<Exclude<DownloadFormat, 'original'>, string> = {
  csv: 'csv',
  json: 'json',
  ndjson: 'ndjson',
  parquet: 'parquet',
  geojson: 'geojson',
};

/** Writes the version's files under their own prefix; nothing already published is touched. */
const storeFiles = async (
  ctx: DomainContext,
  upload: Upload,
  version: number,
  result: ProcessResult,
): Promise<Partial<Record<DownloadFormat, StoredObject>>> => {
  const prefix = versionPrefix(upload.datasetId, upload.resourceName, version);
  const originalExtension =
    extname(upload.filename ?? '')
      .slice(1)
      .toLowerCase() ||
    result.detected.format ||
    'bin';
  const objects: Partial<Record<DownloadFormat, StoredObject>> = {
    original: {
      key: `${prefix}/original`,
      bytes: result.original.bytes,
      mediaType: upload.contentType ?? 'application/octet-stream',
      extension: originalExtension,
    },
  };
  await ctx.objects.copy({ bucket: 'uploads', key: upload.objectKey }, { bucket: 'published', key: objects.original!.key });
  for (const [format, output] of Object.entries(result.outputs ?? {}) as Array<
    [Exclude<DownloadFormat, 'original'>, { path: string; bytes: number; mediaType: string }]
  >) {
    const stored: StoredObject = {
      key: `${prefix}/data.${outputExtension[format]}`,
      bytes: output.bytes,
      mediaType: output.mediaType,
      extension: outputExtension[format],
    };
    await ctx.objects.put({ bucket: 'published', key: stored.key }, () => createReadStream(output.path), {
      contentType: output.mediaType,
      contentLength: output.bytes,
    });
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

export interface IngestOptions {
  /** Caps and thresholds of the ingest core (defaults: DEFAULT_LIMITS); tests lower some. */
  limits?: Partial<IngestLimits>;
  /**
   * Attempts an upload gets (default 3: the Lambda's first delivery and its two retries). An
   * error on the last one ends the version as failed; before it, the upload is released for the
   * next delivery. Local mode, where nothing redelivers, allows one.
   */
  maxAttempts?: number;
}

export const DEFAULT_MAX_ATTEMPTS = 3;

/**
 * The version's validating record, with this attempt's deadline. Undefined when an earlier
 * attempt (or the deadline) has already ended it: this delivery then has nothing to do.
 */
const startVersion = async (ctx: DomainContext, upload: Upload, number: number): Promise<ResourceVersion | undefined> => {
  const key = versionKey(upload.datasetId, upload.resourceName, number);
  const listing = versionListing(upload.datasetId, upload.resourceName, number);
  const started: ResourceVersion = {
    version: number,
    uploadId: upload.uploadId,
    state: 'validating',
    filename: upload.filename,
    created: ctx.now().toISOString(),
    deadline: upload.deadline,
  };
  try {
    await ctx.catalogue.create(key, started, listing);
    return started;
  } catch (error) {
    if (!(error instanceof RecordExistsError)) throw error;
  }
  const existing = await mutate<ResourceVersion>(
    ctx.catalogue,
    key,
    (v) => (v.state === 'validating' ? { ...v, deadline: upload.deadline } : undefined),
    () => listing,
  );
  return existing?.value.state === 'validating' ? existing.value : undefined;
};

/**
 * Ingests one object from the uploads bucket; safe to call any number of times for the same key.
 * An ingest that ends its version is logged once, with the API request that made the upload.
 */
export const ingestUploadedObject = async (ctx: DomainContext, objectKey: string, options: IngestOptions = {}): Promise<IngestOutcome> => {
  const started = performance.now();
  const facts: IngestFacts = {};
  const outcome = await ingestObject(ctx, objectKey, options, facts);
  if (outcome === 'published' || outcome === 'failed') recordIngest({ ...facts, outcome, durationMs: performance.now() - started });
  return outcome;
};

const ingestObject = async (ctx: DomainContext, objectKey: string, options: IngestOptions, facts: IngestFacts): Promise<IngestOutcome> => {
  const uploadId = uploadIdFromObjectKey(objectKey);
  if (!uploadId) return 'ignored';
  const claimed = await claim(ctx, uploadId);
  if (typeof claimed === 'string') return claimed;
  facts.uploadId = uploadId;
  facts.correlationId = claimed.value.correlationId;

  const { upload, resource } = await reserveVersion(ctx, claimed);
  const { datasetId, resourceName } = upload.value;
  const owner = { datasetId, resourceName };
  const number = upload.value.version!;
  if (!resource) return 'ignored';

  const started = await startVersion(ctx, upload.value, number);
  if (!started) {
    // Ended by an earlier attempt or the deadline: make sure the resource heard of it, and finish the upload.
    const ended = await ctx.catalogue.get<ResourceVersion>(versionKey(datasetId, resourceName, number));
    if (ended) await recordOutcome(ctx, owner, ended.value);
    await mutate<Upload>(ctx.catalogue, uploadKey(uploadId), (u) => ({ ...u, state: 'done', leaseUntil: undefined }), uploadListing);
    return 'duplicate';
  }

  const workDir = await mkdtemp(join(ctx.workDir, 'ldx-ingest-'));
  try {
    // Not what was declared: failed before a byte is processed (the size from the stored object itself).
    const head = await ctx.objects.head({ bucket: 'uploads', key: upload.value.objectKey });
    if (!head) throw new Error(`upload object ${upload.value.objectKey} is missing`);
    facts.bytes = head.bytes;
    const wrongSize = checkDeclaredBytes(upload.value, head.bytes);
    if (wrongSize) return await endAsFailed(ctx, owner, started, wrongSize);

    const source = await ctx.objects.get({ bucket: 'uploads', key: upload.value.objectKey });
    if (!source) throw new Error(`upload object ${upload.value.objectKey} is missing`);
    const result = await processUpload({
      source,
      filename: upload.value.filename,
      declaredFormat: resource.format,
      sheet: resource.sheet,
      dataSchemaId: resource.dataSchema,
      // The latest published version inside the declared range (governed versions live in the catalogue).
      dataSchema: resource.dataSchema ? await resolveDeclaredSchema(ctx, resource.dataSchema, resource.dataSchemaVersion) : undefined,
      workDir,
      limits: options.limits,
    });
    facts.rows = result.report.rowCount;
    facts.format = result.detected.format;
    facts.path = !result.fastPath ? 'js' : result.fastPath.proven ? 'fast' : 'fast-then-js';
    // The bytes actually read: the object may have been replaced between the HEAD and the GET.
    const notDeclared = checkDeclaredBytes(upload.value, result.original.bytes) ?? checkDeclaredDigest(upload.value, result.original.sha256);
    if (notDeclared) return await endAsFailed(ctx, owner, started, notDeclared);

    const objects = await storeFiles(ctx, upload.value, number, result);
    const reportKey = `${versionPrefix(datasetId, resourceName, number)}/report.json`;
    await ctx.objects.put({ bucket: 'published', key: reportKey }, JSON.stringify(result.report), { contentType: 'application/json' });
    faultPoint('after-version-files');
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
      ...(result.geography ? { geography: result.geography } : {}),
    };
    const ended = await endVersion(ctx, owner, finished, { afterRecord: () => faultPoint('after-version-record') });
    if (ended.won && finished.state === 'published' && result.geography) {
      if (await addCoveredAreas(ctx, datasetId, result.geography.boroughs)) await announceDatasetChange(ctx, datasetId);
    }
    return outcomeOf(ended.record.value);
  } catch (error) {
    // A failure that another attempt would meet again (out of memory...), or the last attempt: the version ends here.
    const known = describeIngestFailure(error);
    const lastAttempt = (upload.value.attempts ?? 1) >= (options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS);
    if (known || lastAttempt) {
      log().error('ingest failed; the version is failed with a report', { uploadId, correlationId: facts.correlationId, version: number, error });
      // If even that cannot be written (the table is unreachable), the deadline ends it later.
      return endAsFailed(ctx, owner, started, known ?? lastAttemptMessage()).catch(() => Promise.reject(error));
    }
    // Transient trouble (S3, DynamoDB): release the upload so a redelivered event can try again.
    await mutate<Upload>(ctx.catalogue, uploadKey(uploadId), (u) => ({ ...u, state: 'retry', leaseUntil: undefined }), uploadListing).catch(() => undefined);
    throw error;
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
};

const endAsFailed = async (
  ctx: DomainContext,
  owner: { datasetId: string; resourceName: string },
  started: ResourceVersion,
  message: string,
): Promise<IngestOutcome> => {
  const ended = await failVersion(ctx, owner, started, message);
  return outcomeOf(ended.record.value);
};

/** How the version ended, whoever ended it. */
const outcomeOf = (version: ResourceVersion): IngestOutcome => (version.state === 'published' ? 'published' : 'failed');

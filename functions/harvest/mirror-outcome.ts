import type { DomainContext } from '../domain/context';
import { type Upload, uploadKey } from '../domain/upload-records';
import { type ResourceVersion, versionKey } from '../domain/version-records';
import type { MirrorCounts } from './mirror-records';
import { type ErrorReport, recordRunError } from './run-errors';

/**
 * A copied file is validated by the ingest pipeline (an S3 event, as for any upload), not by the
 * run. So that a file failing validation is an error of the run that copied it, the run waits for
 * its page's files' versions to end, for a bounded time: a file still validating then is counted
 * as such, and its outcome is on the resource (its versions and their reports).
 */

export const DEFAULT_MIRROR_WAIT_MS = 120_000;
const POLL_MS = 250;

export interface PendingFile {
  datasetId: string;
  datasetName: string;
  resourceName: string;
  uploadId: string;
  url: string;
  identifier?: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The version's state once its upload is done, or undefined while ingest is still at it. */
const outcomeOf = async (ctx: DomainContext, file: PendingFile): Promise<ResourceVersion | undefined> => {
  const upload = (await ctx.catalogue.get<Upload>(uploadKey(file.uploadId)))?.value;
  if (upload?.state !== 'done' || upload.version === undefined) return undefined;
  const version = (await ctx.catalogue.get<ResourceVersion>(versionKey(file.datasetId, file.resourceName, upload.version)))?.value;
  return version && version.state !== 'validating' ? version : undefined;
};

const failureMessage = (file: PendingFile, version: ResourceVersion): string => {
  const why = version.failure ?? `${version.errorCount ?? 0} validation error${version.errorCount === 1 ? '' : 's'}`;
  return `${file.url} was copied as resource '${file.resourceName}' of ${file.datasetName}, version ${version.version}, which failed validation (${why}): the dataset keeps its link to the source; see the version's report`;
};

export const awaitMirroredOutcomes = async (
  ctx: DomainContext,
  pending: readonly PendingFile[],
  report: ErrorReport,
  counts: MirrorCounts,
  waitMs = DEFAULT_MIRROR_WAIT_MS,
): Promise<void> => {
  let waiting = [...pending];
  const deadline = Date.now() + waitMs;
  while (waiting.length > 0) {
    const still: PendingFile[] = [];
    for (const file of waiting) {
      const version = await outcomeOf(ctx, file);
      if (!version) still.push(file);
      else if (version.state === 'published') counts.published++;
      else {
        counts.failed++;
        recordRunError(report, { ...(file.identifier ? { identifier: file.identifier } : {}), message: failureMessage(file, version) });
      }
    }
    waiting = still;
    if (waiting.length === 0 || Date.now() >= deadline) break;
    await sleep(POLL_MS);
  }
  counts.validating += waiting.length;
};

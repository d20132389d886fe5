import type { DomainContext } from '../domain/context';
import { ingestUploadedObject, type IngestOptions, type IngestOutcome } from './ingest-upload';

/** The part of an S3 event notification ingest reads (AWS and s3rver send the same shape). */
export interface S3EventLike {
  Records?: Array<{ eventName: string; s3: { bucket: { name: string }; object: { key: string } } }>;
}

/** S3 event keys are URL-encoded, with spaces as '+'. */
const decodeKey = (key: string): string => decodeURIComponent(key.replace(/\+/g, ' '));

/** Runs ingest for every object created in the uploads bucket; other records are ignored. */
export const handleS3Event = async (ctx: DomainContext, event: S3EventLike, uploadsBucket: string, options: IngestOptions = {}): Promise<IngestOutcome[]> => {
  const outcomes: IngestOutcome[] = [];
  for (const record of event.Records ?? []) {
    if (!record.eventName.startsWith('ObjectCreated') || record.s3.bucket.name !== uploadsBucket) continue;
    outcomes.push(await ingestUploadedObject(ctx, decodeKey(record.s3.object.key), options));
  }
  return outcomes;
};

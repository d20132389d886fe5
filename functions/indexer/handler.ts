import { span } from '../observability/lambda-tracing';
import { log } from '../observability/telemetry';
import { readDeployedConfig } from '../config';
import { createDeployedDomainContext } from '../wiring';
import { type IndexerState, runIndexer } from './run-indexer';

/** The indexer Lambda: triggered by the catalogue-changed queue (SQS FIFO) or a schedule. */
const domain = createDeployedDomainContext(readDeployedConfig());
// Kept across invocations of this container: the next run starts from memory, not from S3.
const state: IndexerState = {};

export interface QueueEventLike {
  Records?: Array<{ messageId?: string; body?: string; messageAttributes?: Record<string, { stringValue?: string }> }>;
}

/**
 * Every message means "the catalogue changed": the run reads the change log itself, so the batch's
 * contents need no parsing. A failed run throws, and the queue delivers the batch again. The
 * schedule's invocations carry no records: those runs also read the stored snapshot back in full,
 * so one damaged where it is kept is replaced within a schedule period even if nothing changes.
 */
export const handler = async (event: QueueEventLike): Promise<{ batchItemFailures: never[]; changed: number; seq: number }> => {
  const scheduled = !Array.isArray(event.Records) || event.Records.length === 0;
  const run = await span('runIndexer', () => runIndexer(domain, state, { verifyStored: scheduled }));
  // The API requests whose changes this run folds in (event-bus-sqs.ts puts their ids on the messages).
  const correlationIds = [...new Set((event.Records ?? []).flatMap((r) => r.messageAttributes?.correlationId?.stringValue ?? []))];
  log().info('indexer run', { messages: event.Records?.length ?? 0, correlationIds, ...run });
  return { batchItemFailures: [], changed: run.changed, seq: run.seq };
};

import { SQSClient } from '@aws-sdk/client-sqs';
import { readDeployedConfig } from '../../config';
import { traced } from '../../observability/client-tracing';
import { log } from '../../observability/telemetry';
import { createDeployedDomainContext } from '../../wiring';
import { processHarvestWork } from '../queued-run';
import { HARVEST_QUEUE_URL_ENV, sqsSendWork, workFromMessage } from './harvest-queue';

/**
 * The harvester Lambda, fed by the harvest queue: takes one page of a run per message and queues
 * the next. A message that fails is reported alone (batchItemFailures) and retried by SQS, then
 * goes to the dead-letter queue, whose alarm notifies the operators.
 */
const config = readDeployedConfig();
const domain = createDeployedDomainContext(config);
const queueUrl = process.env[HARVEST_QUEUE_URL_ENV];
if (!queueUrl) throw new Error(`Missing environment variable ${HARVEST_QUEUE_URL_ENV}`);
const send = sqsSendWork(traced(new SQSClient({ region: config.region })), queueUrl);

interface QueueEventLike {
  Records?: Array<{ messageId: string; body?: string }>;
}

export const handler = async (event: QueueEventLike): Promise<{ batchItemFailures: Array<{ itemIdentifier: string }> }> => {
  const batchItemFailures: Array<{ itemIdentifier: string }> = [];
  for (const record of event.Records ?? []) {
    const work = workFromMessage(record.body);
    if (!work) {
      log().error('harvest message is not a page of work: dropped', { messageId: record.messageId });
      continue;
    }
    try {
      await processHarvestWork(domain, work, send);
      log().info('harvest page', { runId: work.runId, sourceId: work.sourceId, page: work.page });
    } catch (error) {
      log().error('harvest page failed', { runId: work.runId, page: work.page, error });
      batchItemFailures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures };
};

import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { envNames } from '../../storage/layout';
import type { HarvestWork, SendWork } from '../queued-run';

/**
 * The harvest queue in AWS (infra/constructs/harvest-jobs.ts): pages of work from the dispatch
 * function and from each page the harvester takes to the next. A standard queue: each run's pages
 * are sequential by construction (a page queues the next), and a message delivered twice is
 * harmless (processHarvestWork).
 */

export const HARVEST_QUEUE_URL_ENV = envNames.harvestQueueUrl;

export const sqsSendWork =
  (client: SQSClient, queueUrl: string): SendWork =>
  async (work) => {
    await client.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: JSON.stringify(work) }));
  };

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A message body as a page of work, or undefined when it is not one (it is then dropped, not retried). */
export const workFromMessage = (body: string | undefined): HarvestWork | undefined => {
  let value: unknown;
  try {
    value = JSON.parse(body ?? '');
  } catch {
    return undefined;
  }
  if (!isObject(value) || !isObject(value.cursor) || !isObject(value.cursor.request) || !Array.isArray(value.cursor.previousIds)) return undefined;
  if (typeof value.sourceId !== 'string' || typeof value.runId !== 'string' || !Number.isInteger(value.page) || (value.page as number) < 1) return undefined;
  return value as unknown as HarvestWork;
};

import type * as Sqs from '@aws-sdk/client-sqs';
import type { SendMessageCommandInput, SQSClient } from '@aws-sdk/client-sqs';
import { currentCorrelationId } from '../observability/correlation';
import type { CatalogueChanged, EventBus } from './event-bus';

/**
 * Every event goes to one message group: SQS FIFO delivers a group's messages one batch at a
 * time, so at most one indexer run is triggered at once (the indexer must not overlap itself).
 */
export const CATALOGUE_CHANGED_GROUP = 'catalogue';

/**
 * A change's position in the log is unique, so a retried publish of the same change is dropped by
 * SQS (within its 5-minute deduplication window) while two changes never collapse into one.
 */
export const deduplicationId = (event: CatalogueChanged): string => `${event.datasetId}:${event.seq}`;

/** The message attribute naming the API request that made the change, which the indexer logs. */
export const CORRELATION_ATTRIBUTE = 'correlationId';

/** The SendMessage request for an event on the catalogue-changed FIFO queue. */
export const catalogueChangedMessage = (queueUrl: string, event: CatalogueChanged, correlationId = currentCorrelationId()): SendMessageCommandInput => ({
  QueueUrl: queueUrl,
  MessageBody: JSON.stringify(event),
  MessageGroupId: CATALOGUE_CHANGED_GROUP,
  MessageDeduplicationId: deduplicationId(event),
  ...(correlationId ? { MessageAttributes: { [CORRELATION_ATTRIBUTE]: { DataType: 'String', StringValue: correlationId } } } : {}),
});

/**
 * The event bus in AWS: the catalogue-changed SQS FIFO queue that triggers the indexer Lambda.
 * `client` is asked for on the first event, and SQS's SDK required then: the API publishes only
 * on writes, so its cold start does not load them (storage/lazy-sqs.ts).
 */
export class SqsEventBus implements EventBus {
  constructor(
    private readonly client: () => SQSClient,
    private readonly queueUrl: string,
  ) {}

  async publish(event: CatalogueChanged): Promise<void> {
    const { SendMessageCommand } = require('@aws-sdk/client-sqs') as typeof Sqs;
    await this.client().send(new SendMessageCommand(catalogueChangedMessage(this.queueUrl, event)));
  }
}

import type { CatalogueChanged } from '../../functions/storage/event-bus';
import { CATALOGUE_CHANGED_GROUP, catalogueChangedMessage, deduplicationId, SqsEventBus } from '../../functions/storage/event-bus-sqs';
import { readDeployedConfig } from '../../functions/config';
import { envNames } from '../../functions/storage/layout';
import { createDeployedDomainContext } from '../../functions/wiring';

// The pure parts only: there is no SQS emulator here, and the SDK is not mocked. What reaches AWS
// is the SendMessage input built below; the bundled indexer's run is tested in test/infra/bundling.test.ts.
const queueUrl = 'https://sqs.eu-west-2.amazonaws.com/123456789012/LondonDataExchange-SearchIndexerCatalogueChanged.fifo';
const event = (overrides: Partial<CatalogueChanged> = {}): CatalogueChanged => ({
  type: 'catalogue.changed',
  datasetId: '6f1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f',
  datasetVersion: 3,
  seq: 41,
  at: '2026-11-22T10:00:00.000Z',
  ...overrides,
});

describe('catalogue-changed messages on the FIFO queue', () => {
  it('go to the one message group with the event as the JSON body', () => {
    expect(catalogueChangedMessage(queueUrl, event())).toEqual({
      QueueUrl: queueUrl,
      MessageBody: JSON.stringify(event()),
      MessageGroupId: 'catalogue',
      MessageDeduplicationId: '6f1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f:41',
    });
    expect(JSON.parse(catalogueChangedMessage(queueUrl, event()).MessageBody!)).toEqual(event());
    expect(catalogueChangedMessage(queueUrl, event({ datasetId: 'other', seq: 1 })).MessageGroupId).toBe(CATALOGUE_CHANGED_GROUP);
  });

  it('are deduplicated per change: the same change twice has one id, two changes of a dataset have two', () => {
    expect(deduplicationId(event())).toBe(deduplicationId(event({ at: '2026-11-22T10:00:01.000Z' })));
    expect(deduplicationId(event({ seq: 41 }))).not.toBe(deduplicationId(event({ seq: 42 })));
  });

  it('have deduplication ids SQS accepts (at most 128 characters of letters, digits and punctuation)', () => {
    // The longest dataset reference: a 100-character slug; uuids are 36.
    for (const datasetId of ['a'.repeat(100), event().datasetId]) {
      const id = deduplicationId(event({ datasetId, seq: Number.MAX_SAFE_INTEGER }));
      expect(id.length).toBeLessThanOrEqual(128);
      expect(id).toMatch(/^[A-Za-z0-9!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~]+$/);
    }
  });
});

describe('deployed wiring', () => {
  const storage = { [envNames.tableName]: 'table', [envNames.uploadsBucket]: 'uploads', [envNames.publishedBucket]: 'published' };

  it('publishes to the SQS event bus when the queue URL is bound, and to nothing without it', () => {
    const bound = createDeployedDomainContext(readDeployedConfig({ ...storage, [envNames.eventsQueueUrl]: queueUrl }));
    expect(bound.events).toBeInstanceOf(SqsEventBus);
    expect(createDeployedDomainContext(readDeployedConfig(storage)).events).toBeUndefined();
    expect(readDeployedConfig({ ...storage, [envNames.eventsQueueUrl]: '' }).eventsQueueUrl).toBeUndefined();
  });
});

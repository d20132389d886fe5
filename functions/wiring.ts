import type { DeployedConfig } from './config';
import { tmpdir } from 'node:os';
import type { DomainContext } from './domain/context';
import { type IdentityProviderConfig, providersFromEnvironment } from './identity/provider-config';
import { type AwsEndpoints, createCatalogueClient, createS3Client } from './storage/aws-clients';
import type * as DynamoStore from './storage/dynamo-catalogue-store';
import type { EventBus } from './storage/event-bus';
import type { BucketRole } from './storage/layout';
import { lazyCatalogueStore } from './storage/lazy-catalogue-store';
import { lazyObjectStore } from './storage/lazy-object-store';
import { SqsEventBus } from './storage/event-bus-sqs';
import { lazySqsClient } from './storage/lazy-sqs';
import type * as S3Store from './storage/s3-object-store';
import { EventBridgeSchemaEvents } from './standards/events/eventbridge-publisher';

export interface Wiring {
  endpoints: AwsEndpoints;
  tableName: string;
  buckets: Record<BucketRole, string>;
  adminTokenSha256?: string;
  now?: () => Date;
  workDir?: string;
  events?: EventBus;
  identityProviders?: readonly IdentityProviderConfig[];
}

/**
 * Builds the domain's ports from real AWS SDK clients (pointed at AWS or at the emulators). Each
 * store, with its client and SDK, is made on its first call (the SDK's packages are among the
 * API's lazy package groups): a cold start reads only the SDK of the storage its first request uses.
 */
export const createDomainContext = ({ endpoints, tableName, buckets, adminTokenSha256, now, workDir, events, identityProviders }: Wiring): DomainContext => ({
  catalogue: lazyCatalogueStore(
    () => new (require('./storage/dynamo-catalogue-store') as typeof DynamoStore).DynamoCatalogueStore(createCatalogueClient(endpoints), tableName),
  ),
  objects: lazyObjectStore(() => new (require('./storage/s3-object-store') as typeof S3Store).S3ObjectStore(createS3Client(endpoints), buckets)),
  now: now ?? (() => new Date()),
  adminTokenSha256,
  workDir: workDir ?? tmpdir(),
  events,
  identityProviders,
});

/**
 * The domain context of a deployed function, from the environment its CDK construct bound.
 * Writers (API, ingest) are bound the catalogue-changed queue and publish to it. Without it, writes
 * only append to the search change log (searches stay exact) and the indexer's schedule folds them in.
 * Functions bound the schema event bus (the API, the schema-event relay) send schema events to it.
 */
export const createDeployedDomainContext = (config: DeployedConfig): DomainContext => ({
  ...createDomainContext({
    endpoints: { region: config.region, forcePathStyle: config.s3ForcePathStyle },
    tableName: config.tableName,
    buckets: { uploads: config.uploadsBucket, published: config.publishedBucket },
    adminTokenSha256: config.adminTokenSha256,
    identityProviders: providersFromEnvironment(),
    events: config.eventsQueueUrl ? new SqsEventBus(lazySqsClient(config.region), config.eventsQueueUrl) : undefined,
  }),
  ...(config.schemaEventBus ? { schemaEvents: new EventBridgeSchemaEvents(config.region, config.schemaEventBus) } : {}),
});

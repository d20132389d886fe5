/**
 * The shape of the exchange's storage, shared by the CDK stack (infra/) and local mode
 * (functions/local/), so that the emulators hold exactly what AWS holds.
 */
export const catalogueTable = {
  partitionKey: 'pk',
  sortKey: 'sk',
  /**
   * One generic index: items that must be listed carry gsi1pk (the list) and gsi1sk (the order).
   * Keys only: listings re-read each record consistently from the table (the index may lag).
   */
  indexes: [{ indexName: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk', projection: 'KEYS_ONLY' }],
} as const;

/** Bucket roles; the real names come from the environment (see config.ts). */
export const bucketRoles = ['uploads', 'published'] as const;
export type BucketRole = (typeof bucketRoles)[number];

/** Environment variables through which a deployment tells the functions where things are. */
export const envNames = {
  tableName: 'LDX_TABLE_NAME',
  uploadsBucket: 'LDX_UPLOADS_BUCKET',
  publishedBucket: 'LDX_PUBLISHED_BUCKET',
  adminTokenSha256: 'LDX_ADMIN_TOKEN_SHA256',
  publicBaseUrl: 'LDX_PUBLIC_BASE_URL',
  /** URL of the catalogue-changed SQS FIFO queue; unset = no events are published (the indexer's schedule still runs). */
  eventsQueueUrl: 'LDX_EVENTS_QUEUE_URL',
  /** Name of the EventBridge bus schema events go to; unset = they wait in the outbox (functions/standards/events). */
  schemaEventBus: 'LDX_SCHEMA_EVENT_BUS',
  /** URL of the harvest pages queue; unset = "harvest now" runs in-process (functions/harvest/harvest-now.ts). */
  harvestQueueUrl: 'LDX_HARVEST_QUEUE_URL',
  /** The row API's Athena workgroup and Glue database; unset = no Athena path (DuckDB serves every version). */
  athenaWorkGroup: 'LDX_ATHENA_WORKGROUP',
  glueDatabase: 'LDX_GLUE_DATABASE',
} as const;

/** Browsers PUT files straight to presigned upload URLs; the uploads bucket's CORS rule, here and in AWS. */
export const uploadsCors = { allowedMethods: ['PUT'], allowedHeaders: ['*'], exposedHeaders: ['ETag'], maxAgeSeconds: 3600 } as const;

/**
 * Browser applications on other sites follow download redirects to presigned links in the
 * published bucket; its CORS rule, here and in AWS. The presigned signature is the authorisation,
 * so any origin may read, and no credentials are involved.
 */
export const publishedCors = {
  allowedMethods: ['GET', 'HEAD'],
  allowedHeaders: ['*'],
  exposedHeaders: ['ETag', 'Content-Length', 'Content-Type', 'Content-Disposition'],
  maxAgeSeconds: 3600,
} as const;

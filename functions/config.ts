import { envNames } from './storage/layout';

/** Settings a deployed function reads from its environment (bound by the CDK constructs). */
export interface DeployedConfig {
  region: string;
  /** Set when AWS_ENDPOINT_URL_S3 points the SDK at an S3-compatible emulator. */
  s3ForcePathStyle: boolean;
  tableName: string;
  uploadsBucket: string;
  publishedBucket: string;
  adminTokenSha256?: string;
  publicBaseUrl?: string;
  /** The catalogue-changed queue writers publish to (absent: the function publishes no events). */
  eventsQueueUrl?: string;
  /** The EventBridge bus schema events go to (absent: they wait in the outbox). */
  schemaEventBus?: string;
  /** The harvest pages queue "harvest now" queues its run on (absent: the run is taken in-process). */
  harvestQueueUrl?: string;
}

const required = (env: NodeJS.ProcessEnv, name: string): string => {
  const value = env[name];
  if (!value) throw new Error(`Missing environment variable ${name}`);
  return value;
};

export const readDeployedConfig = (env: NodeJS.ProcessEnv = process.env): DeployedConfig => ({
  region: env.AWS_REGION ?? 'eu-west-2',
  s3ForcePathStyle: Boolean(env.AWS_ENDPOINT_URL_S3),
  tableName: required(env, envNames.tableName),
  uploadsBucket: required(env, envNames.uploadsBucket),
  publishedBucket: required(env, envNames.publishedBucket),
  adminTokenSha256: env[envNames.adminTokenSha256] || undefined,
  publicBaseUrl: env[envNames.publicBaseUrl] || undefined,
  eventsQueueUrl: env[envNames.eventsQueueUrl] || undefined,
  schemaEventBus: env[envNames.schemaEventBus] || undefined,
  harvestQueueUrl: env[envNames.harvestQueueUrl] || undefined,
});

import { installLazySourceMaps } from '../observability/lazy-source-maps';
import { handle } from 'hono/aws-lambda';
import { readDeployedConfig } from '../config';
import { bindHarvestQueue } from '../harvest/harvest-now';
import type * as HarvestQueue from '../harvest/jobs/harvest-queue';
import { installClientTracing } from '../observability/client-tracing';
import type * as LambdaTracing from '../observability/lambda-tracing';
import { lazySqsClient } from '../storage/lazy-sqs';
import { envNames } from '../storage/layout';
import { createDeployedDomainContext } from '../wiring';
import { createApp } from './app';
import { shareModules } from './shared-modules';
import { sharedModules } from './shared-modules.generated';

// Stacks in source terms, the bundle's source map read when a stack is first written (not at init).
installLazySourceMaps(__filename);

// The web pages are a file of their own beside the bundle, loaded by their first request: they use the bundle's modules.
shareModules(sharedModules);

// X-Ray captures every SDK client as it is made. The API makes its clients on first use, so the
// tracer (and the X-Ray SDK under it) is loaded then too, before the first client it captures.
installClientTracing(
  (client) => (require('../observability/lambda-tracing') as typeof LambdaTracing).tracer.captureAWSv3Client(client as never) as typeof client,
);

// Built once per Lambda container, outside the handler, so clients and compiled schemas are reused.
const config = readDeployedConfig();
// Links and redirects are built from configuration, never from the request's Host header (the CDK stack sets it).
if (!config.publicBaseUrl) throw new Error(`Missing environment variable ${envNames.publicBaseUrl}: the API's public base URL`);
const domain = createDeployedDomainContext(config);
// Bound to the harvest queue, "harvest now" queues its run for the harvester function instead of running it here.
const { harvestQueueUrl } = config;
if (harvestQueueUrl) {
  const sqs = lazySqsClient(config.region);
  bindHarvestQueue(domain, (work) => (require('../harvest/jobs/harvest-queue') as typeof HarvestQueue).sqsSendWork(sqs(), harvestQueueUrl)(work));
}
const app = createApp({ domain, publicBaseUrl: config.publicBaseUrl });

export const handler = handle(app);

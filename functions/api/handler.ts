import { installLazySourceMaps } from '../observability/lazy-source-maps';
import { handle } from 'hono/aws-lambda';
import '../observability/lambda-tracing'; // before the SDK clients are made: X-Ray captures them
import { SQSClient } from '@aws-sdk/client-sqs';
import { readDeployedConfig } from '../config';
import { bindHarvestQueue } from '../harvest/harvest-now';
import { sqsSendWork } from '../harvest/jobs/harvest-queue';
import { traced } from '../observability/client-tracing';
import { envNames } from '../storage/layout';
import { createDeployedDomainContext } from '../wiring';
import { createApp } from './app';

// Stacks in source terms, the bundle's source map read when a stack is first written (not at init).
installLazySourceMaps(__filename);

// Built once per Lambda container, outside the handler, so clients and compiled schemas are reused.
const config = readDeployedConfig();
// Links and redirects are built from configuration, never from the request's Host header (the CDK stack sets it).
if (!config.publicBaseUrl) throw new Error(`Missing environment variable ${envNames.publicBaseUrl}: the API's public base URL`);
const domain = createDeployedDomainContext(config);
// Bound to the harvest queue, "harvest now" queues its run for the harvester function instead of running it here.
if (config.harvestQueueUrl) bindHarvestQueue(domain, sqsSendWork(traced(new SQSClient({ region: config.region })), config.harvestQueueUrl));
const app = createApp({ domain, publicBaseUrl: config.publicBaseUrl });

export const handler = handle(app);

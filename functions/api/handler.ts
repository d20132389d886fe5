import { installLazySourceMaps } from '../observability/lazy-source-maps';
import { handle } from 'hono/aws-lambda';
import '../observability/lambda-tracing'; // before the SDK clients are made: X-Ray captures them
import { readDeployedConfig } from '../config';
import { envNames } from '../storage/layout';
import { createDeployedDomainContext } from '../wiring';
import { createApp } from './app';

// Stacks in source terms, the bundle's source map read when a stack is first written (not at init).
installLazySourceMaps(__filename);

// Built once per Lambda container, outside the handler, so clients and compiled schemas are reused.
const config = readDeployedConfig();
// Links and redirects are built from configuration, never from the request's Host header (the CDK stack sets it).
if (!config.publicBaseUrl) throw new Error(`Missing environment variable ${envNames.publicBaseUrl}: the API's public base URL`);
const app = createApp({ domain: createDeployedDomainContext(config), publicBaseUrl: config.publicBaseUrl });

export const handler = handle(app);

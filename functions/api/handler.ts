import { handle } from 'hono/aws-lambda';
import { readDeployedConfig } from '../config';
import { createDeployedDomainContext } from '../wiring';
import { createApp } from './app';

// Built once per Lambda container, outside the handler, so clients and compiled schemas are reused.
const config = readDeployedConfig();
const app = createApp({ domain: createDeployedDomainContext(config), publicBaseUrl: config.publicBaseUrl });

export const handler = handle(app);

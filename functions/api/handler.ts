import { handle } from 'hono/aws-lambda';
import { readDeployedConfig } from '../config';
import { createDomainContext } from '../wiring';
import { createApp } from './app';

// Built once per Lambda container, outside the handler, so clients and compiled schemas are reused.
const config = readDeployedConfig();
const app = createApp({
  domain: createDomainContext({ endpoints: { region: config.region }, tableName: config.tableName, adminTokenSha256: config.adminTokenSha256 }),
  publicBaseUrl: config.publicBaseUrl,
});

export const handler = handle(app);

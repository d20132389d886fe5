import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { IDENTITY_PROVIDERS_ENV } from '../../functions/identity/provider-config';
import { envNames } from '../../functions/storage/layout';

/**
 * The API Lambda's init loads only what every request needs. DuckDB (a native library), ajv (the
 * metadata validators, compiled on the first write), the Athena and Glue clients (row queries
 * through Athena), the RDF libraries (DCAT in Turtle and RDF/XML, harvesting RDF), the map
 * libraries (proj4, d3-geo: maps and geography) and the API reference's swagger-ui assets are
 * loaded by the requests that use them; so are the sign-in libraries and Secrets Manager's client (the
 * first sign-in). So are the AWS SDK's storage and queue clients and the X-Ray tracer: each store makes its client
 * on its first call (functions/wiring.ts). Checked in a fresh node process, as a
 * Lambda instance starts, by the modules the handler's import left in require's cache.
 */
const HEAVY_MODULES = [
  '@duckdb/node-api',
  'ajv',
  'ajv-formats',
  '@aws-sdk/client-athena',
  '@aws-sdk/client-glue',
  'jsonld',
  'n3',
  'rdfxml-streaming-parser',
  '@graphy/content.xml.scribe',
  'proj4',
  'd3-geo',
  // The ingest core's parsers: standards check files (suggestions, impact reports) only when asked.
  'csv-parse',
  'saxes',
  'yauzl',
  // Sign-in: the OpenID Connect client (and the JOSE library under it) and Secrets Manager (client secrets).
  'openid-client',
  'oauth4webapi',
  'jose',
  '@aws-sdk/client-secrets-manager',
  // Storage and queues: DynamoDB, S3 (and the presigner, lib-storage), SQS; X-Ray through the Powertools tracer.
  '@aws-sdk/client-dynamodb',
  '@aws-sdk/lib-dynamodb',
  '@aws-sdk/util-dynamodb',
  '@aws-sdk/client-s3',
  '@aws-sdk/lib-storage',
  '@aws-sdk/s3-request-presigner',
  '@aws-sdk/client-sqs',
  '@aws-lambda-powertools/tracer',
  'aws-xray-sdk-core',
  // Schema version rules: semver builds its expressions when loaded.
  'semver',
];
/**
 * Files of the project itself that are large enough to matter at init: the docs assets, and the lazy groups'
 * modules (infra/constructs/lazy-groups.ts: the web pages, the ingest core) and the harvest runner, each
 * required by the first request that needs it.
 */
const HEAVY_FILES = [
  'swagger-ui/assets.generated.json',
  'functions/web/web-app.ts',
  'functions/web/public-routes.tsx',
  'functions/ingest/core/process-upload.ts',
  'functions/harvest/run-steps.ts',
  'functions/harvest/page-reader.ts',
  'functions/outbound/fetch.ts',
];
/** Node's own modules only some requests use (HTTP, TLS, DNS: the harvest runner; zlib: the docs assets; readline: reference checks). */
const HEAVY_BUILTINS = ['NativeModule https', 'NativeModule tls', 'NativeModule _tls_wrap', 'NativeModule dns', 'NativeModule zlib', 'NativeModule readline'];

const functionsDir = join(__dirname, '..', '..', 'functions');

/** Runs `script` (after `loadedPackages()` is defined) in a fresh node process, as a Lambda instance starts; its stdout parsed. */
const inFreshProcess = async <T>(script: string, extraEnv: Record<string, string> = {}): Promise<T> => {
  const preamble = `
    const loadedPackages = () => {
      const loaded = new Set();
      for (const file of Object.keys(require.cache)) {
        const match = /node_modules\\/((?:@[^/]+\\/)?[^/]+)\\//.exec(file);
        if (match) loaded.add(match[1]);
      }
      return [...loaded];
    };`;
  const env = {
    PATH: process.env.PATH ?? '',
    AWS_REGION: 'eu-west-2',
    [envNames.tableName]: 'catalogue',
    [envNames.uploadsBucket]: 'uploads',
    [envNames.publishedBucket]: 'published',
    [envNames.publicBaseUrl]: 'https://data.example.london',
    // A deployment's Athena path is configured: its clients must still wait for a row query.
    [envNames.athenaWorkGroup]: 'rows',
    [envNames.glueDatabase]: 'exchange',
    // As deployed: people sign in through a provider whose client secret is in Secrets Manager.
    [IDENTITY_PROVIDERS_ENV]: JSON.stringify([
      {
        id: 'camden',
        name: 'Camden',
        issuer: 'https://login.camden.example',
        clientId: 'ldx',
        clientSecret: { secretsManager: 'arn:aws:secretsmanager:eu-west-2:123456789012:secret:camden' },
        organisations: ['camden'],
      },
    ]),
  };
  const { stdout } = await promisify(execFile)(process.execPath, ['--require', 'tsx/cjs', '-e', preamble + script], {
    env: { ...env, ...extraEnv },
    cwd: join(__dirname, '..', '..'),
  });
  return JSON.parse(stdout) as T;
};

const loadedAtInit = (): Promise<{ packages: string[]; files: string[]; builtins: string[] }> =>
  inFreshProcess(`
    require(${JSON.stringify(join(functionsDir, 'api', 'handler.ts'))});
    process.stdout.write(JSON.stringify({ packages: loadedPackages(), files: Object.keys(require.cache), builtins: process.moduleLoadList }));`);

describe('API Lambda init', () => {
  it('leaves DuckDB, ajv, the AWS SDK clients, X-Ray, RDF, maps, sign-in, the docs assets, the web pages, the ingest core and the harvest runner to the requests that need them', async () => {
    const { packages, files, builtins } = await loadedAtInit();
    // The probe sees the packages, files and Node modules the handler does load (else an empty list would pass).
    expect(packages).toEqual(expect.arrayContaining(['hono', '@aws-lambda-powertools/logger']));
    expect(files.some((file) => file.endsWith('functions/api/app.ts'))).toBe(true);
    expect(builtins).toContain('NativeModule crypto');
    expect(HEAVY_MODULES.filter((name) => packages.includes(name))).toEqual([]);
    expect(files.filter((file) => HEAVY_FILES.some((heavy) => file.endsWith(heavy)))).toEqual([]);
    expect(builtins.filter((name) => HEAVY_BUILTINS.includes(name))).toEqual([]);
  }, 60_000);

  it('still captures each SDK client with X-Ray: the tracer is loaded when the first client is made', async () => {
    // As in Lambda with active tracing (Powertools traces only in Lambda's execution environment).
    const { atInit, afterClient, middleware } = await inFreshProcess<{ atInit: string[]; afterClient: string[]; middleware: string[] }>(
      `
      require(${JSON.stringify(join(functionsDir, 'api', 'handler.ts'))});
      const atInit = loadedPackages();
      const client = require(${JSON.stringify(join(functionsDir, 'storage', 'aws-clients.ts'))}).createDynamoClient({ region: 'eu-west-2' });
      process.stdout.write(JSON.stringify({ atInit, afterClient: loadedPackages(), middleware: client.middlewareStack.identify() }));`,
      { AWS_LAMBDA_FUNCTION_NAME: 'ldx-api', AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x', POWERTOOLS_SERVICE_NAME: 'api', POWERTOOLS_LOG_LEVEL: 'SILENT' },
    );
    expect(atInit).not.toContain('@aws-lambda-powertools/tracer');
    expect(afterClient).toEqual(expect.arrayContaining(['@aws-lambda-powertools/tracer', 'aws-xray-sdk-core', '@aws-sdk/client-dynamodb']));
    expect(middleware.some((name) => name.startsWith('XRaySDKInstrumentation'))).toBe(true);
  }, 60_000);
});

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
 * first sign-in). Checked in a fresh node process, as a
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
];
/** Files of the project itself that are large enough to matter at init. */
const HEAVY_FILES = ['swagger-ui/assets.generated.json'];

const loadedAtInit = async (): Promise<{ packages: string[]; files: string[] }> => {
  const script = `
    require(${JSON.stringify(join(__dirname, '..', '..', 'functions', 'api', 'handler.ts'))});
    const loaded = new Set();
    for (const file of Object.keys(require.cache)) {
      const match = /node_modules\\/((?:@[^/]+\\/)?[^/]+)\\//.exec(file);
      if (match) loaded.add(match[1]);
    }
    process.stdout.write(JSON.stringify({ packages: [...loaded], files: Object.keys(require.cache) }));`;
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
  const { stdout } = await promisify(execFile)(process.execPath, ['--require', 'tsx/cjs', '-e', script], { env, cwd: join(__dirname, '..', '..') });
  return JSON.parse(stdout) as { packages: string[]; files: string[] };
};

describe('API Lambda init', () => {
  it('leaves DuckDB, ajv, the Athena clients, RDF, maps, sign-in and the docs assets to the requests that need them', async () => {
    const { packages, files } = await loadedAtInit();
    // The probe sees the packages and files the handler does load (else an empty list would pass).
    expect(packages).toEqual(expect.arrayContaining(['hono', '@aws-sdk/client-dynamodb']));
    expect(files.some((file) => file.endsWith('functions/api/app.ts'))).toBe(true);
    expect(HEAVY_MODULES.filter((name) => packages.includes(name))).toEqual([]);
    expect(files.filter((file) => HEAVY_FILES.some((heavy) => file.endsWith(heavy)))).toEqual([]);
  }, 60_000);
});

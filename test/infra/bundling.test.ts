import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { envNames } from '../../functions/storage/layout';
import { buildApp } from '../../infra/build-app';
import { tempOutdir } from './helpers';

// The one test that bundles for real: NodejsFunction must build with the local esbuild,
// offline and without Docker, from the repository root and package-lock.json.
test('the API function bundles with local esbuild (no Docker) into a CommonJS file with a source map', () => {
  const outdir = tempOutdir();
  const { app, stack } = buildApp({ nag: false, outdir });
  const assembly = app.synth();

  const template = assembly.getStackByName(stack.stackName).template as {
    Resources: Record<string, { Type: string; Properties: { Code?: { S3Key?: string } } }>;
  };
  const fn = Object.values(template.Resources).find((r) => r.Type === 'AWS::Lambda::Function');
  const assetHash = fn!.Properties.Code!.S3Key!.replace(/\.zip$/, '');
  const assetDir = path.join(outdir, `asset.${assetHash}`);
  expect(readdirSync(assetDir).sort()).toEqual(['index.js', 'index.js.map']);

  const code = readFileSync(path.join(assetDir, 'index.js'), 'utf8');
  expect(code).toMatch(/exports|module\.exports/);
  expect(code).toContain('/api/v1/health');
  expect(code).toContain('sourceMappingURL=index.js.map');

  // The bundle runs on its own (no node_modules): GET /api/v1/health through an HTTP API v2 event.
  const answer = execFileSync(process.execPath, ['-e', smokeScript(path.join(assetDir, 'index.js'))], {
    env: { PATH: process.env.PATH, AWS_REGION: 'eu-west-2', ...fakeStorageEnv },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  expect(JSON.parse(answer)).toMatchObject({ statusCode: 200 });
});

const fakeStorageEnv = {
  [envNames.tableName]: 'table',
  [envNames.uploadsBucket]: 'uploads',
  [envNames.publishedBucket]: 'published',
};

function smokeScript(bundle: string): string {
  const event = {
    version: '2.0',
    routeKey: '$default',
    rawPath: '/api/v1/health',
    rawQueryString: '',
    headers: { host: 'example.execute-api.eu-west-2.amazonaws.com' },
    requestContext: {
      http: { method: 'GET', path: '/api/v1/health', protocol: 'HTTP/1.1', sourceIp: '192.0.2.1', userAgent: 'jest' },
      domainName: 'example.execute-api.eu-west-2.amazonaws.com',
      requestId: 'smoke',
      routeKey: '$default',
      stage: '$default',
      timeEpoch: 0,
    },
    isBase64Encoded: false,
  };
  return `require(${JSON.stringify(bundle)}).handler(${JSON.stringify(event)}, {})
    .then((r) => process.stdout.write(JSON.stringify(r)))`;
}

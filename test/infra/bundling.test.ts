import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { buildApp } from '../../infra/build-app';
import { tempOutdir } from './helpers';

// The one test that bundles for real: NodejsFunction must build with the local esbuild,
// offline and without Docker, from the repository root and package-lock.json.
test('the API function bundles with local esbuild (no Docker) into a CommonJS file with a source map', () => {
  const outdir = tempOutdir();
  const { app, stack } = buildApp({ nag: false, outdir });
  const assembly = app.synth();

  const template = assembly.getStackByName(stack.stackName).template as {
    Resources: Record<string, { Type: string; Metadata?: Record<string, string> }>;
  };
  const fn = Object.values(template.Resources).find((r) => r.Type === 'AWS::Lambda::Function');
  const assetDir = path.join(outdir, fn!.Metadata!['aws:asset:path']);
  expect(existsSync(assetDir)).toBe(true);
  expect(readdirSync(assetDir).sort()).toEqual(['index.js', 'index.js.map']);

  const code = readFileSync(path.join(assetDir, 'index.js'), 'utf8');
  expect(code).toMatch(/exports|module\.exports/);
  expect(code).toContain('/api/v1/health');
  expect(code).toContain('sourceMappingURL=index.js.map');
});

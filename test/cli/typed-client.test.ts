import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { join } from 'node:path';
import { createLdxClient } from '../../cli/src/client';
import { startTestExchange, type TestExchange } from '../support/test-exchange';

/**
 * The typed client (cli/src/client) is generated from the exchange's OpenAPI document and kept in
 * the repository. This fails when the committed types differ from what the live document, as a
 * running exchange serves it, generates: a route or schema changed without `npm run generate:client`.
 */
// Each command is a new process (tsx, then the exchange's answers): slow on a busy machine.
jest.setTimeout(120_000);

let t: TestExchange;
const ROOT = join(__dirname, '..', '..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');
const GENERATOR = join(ROOT, 'cli', 'scripts', 'generate-client.ts');

beforeAll(async () => {
  t = await startTestExchange();
});
afterAll(() => t.stop());

it('is what the live OpenAPI document generates', async () => {
  // In a child process (openapi-typescript's dependencies are ES modules, which this Jest cannot load),
  // run asynchronously: the exchange answering it lives in this process.
  const check = await promisify(execFile)(TSX, [GENERATOR, '--check', '--from', t.url], { cwd: ROOT, encoding: 'utf8' }).catch(
    (failed: { stdout: string; stderr: string }) => failed,
  );
  expect(check.stderr).toBe('');
  expect(check.stdout).toBe('cli/src/client/api-types.ts matches the OpenAPI document\n');
});

it('reads and writes through the typed paths, with the exchange’s errors as typed values', async () => {
  const token = await t.organisationWithToken('typed-client', 'editor');
  const ldx = createLdxClient({ baseUrl: t.url, token });
  const created = await ldx.POST('/api/v1/datasets', { body: { name: 'typed-client-dataset', title: 'Typed client', licence: 'OGL-UK-3.0', tier: 'open' } });
  expect(created.response.status).toBe(201);
  const read = await ldx.GET('/api/v1/datasets/{dataset}', { params: { path: { dataset: 'typed-client-dataset' } } });
  expect(read.data?.name).toBe('typed-client-dataset');
  expect(read.data?.organisation).toBe('typed-client');
  const missing = await createLdxClient({ baseUrl: t.url }).GET('/api/v1/datasets/{dataset}', { params: { path: { dataset: 'no-such-dataset' } } });
  expect(missing.response.status).toBe(404);
  expect(missing.error).toEqual({ error: { code: 'not_found', message: 'No such dataset.' } });
});

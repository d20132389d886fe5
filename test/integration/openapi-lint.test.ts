import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { startTestExchange, type TestExchange } from '../support/test-exchange';

/**
 * /api/v1/openapi.json through two independent OpenAPI tools (test/support/openapi-tools.mjs):
 * Redocly's linter with its recommended rules must find no errors, and swagger-parser must
 * validate it (structure, and every $ref resolving).
 */
type Json = Record<string, any>;
let t: TestExchange;
let doc: Json;

beforeAll(async () => {
  t = await startTestExchange();
  doc = (await t.request('GET', '/api/v1/openapi.json')).body;
}, 60_000);
afterAll(() => t.stop());

const checkWithTools = (document: Json): { lintErrors: string[]; swaggerParser: string } =>
  JSON.parse(execFileSync(process.execPath, [join(__dirname, '../support/openapi-tools.mjs')], { input: JSON.stringify(document), encoding: 'utf8' }));

describe('the OpenAPI document, by other tools', () => {
  it('passes redocly lint with no errors and swagger-parser validation', () => {
    expect(checkWithTools(doc)).toEqual({ lintErrors: [], swaggerParser: 'valid' });
  }, 60_000);

  it('would fail both on a broken document (the check can fail)', () => {
    const broken = structuredClone(doc);
    broken.paths['/api/v1/health'].get.responses['200'].content['application/json'].schema = { $ref: '#/components/schemas/NoSuchSchema' };
    const found = checkWithTools(broken);
    expect(found.lintErrors.length).toBeGreaterThan(0);
    expect(found.swaggerParser).not.toBe('valid');
  }, 60_000);
});

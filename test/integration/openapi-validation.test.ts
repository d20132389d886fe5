import { allowedMethods } from '../../functions/api/route-table';
import { startTestExchange, type TestExchange } from '../support/test-exchange';

/**
 * Request validation comes from the same declarations as the document: every constrained path or
 * query parameter the document declares (an enum, an integer range, a length, a format) is
 * enforced, with 400 validation_failed naming the parameter; and a JSON body is refused field by
 * field against its declared schema. The rows query (its own language, rows/native-request.ts) is left out.
 */
type Json = Record<string, any>;
let t: TestExchange;
let doc: Json;
let editor: string;

beforeAll(async () => {
  t = await startTestExchange();
  doc = (await t.request('GET', '/api/v1/openapi.json')).body;
  editor = await t.organisationWithToken('validation-org', 'editor');
}, 60_000);
afterAll(() => t.stop());

const resolve = (p: Json): Json => (p.$ref ? doc.components.parameters[p.$ref.split('/').pop()] : p);

/** A value the schema refuses, or undefined when it accepts any string. */
const invalidValueFor = (schema: Json): string | undefined => {
  if (schema.enum) return 'not-one-of-these';
  if (schema.type === 'integer') return schema.minimum === undefined ? 'x' : String(schema.minimum - 1);
  if (schema.format === 'uuid') return 'not-a-uuid';
  if (schema.maxLength) return 'x'.repeat(schema.maxLength + 1);
  return undefined;
};

/** Each (method, path, parameter, bad value) the document constrains. */
const constrainedParameters = () => {
  const cases: Array<{ method: string; path: string; name: string; where: string; url: string }> = [];
  for (const [path, item] of Object.entries<Json>(doc.paths)) {
    for (const [method, operation] of Object.entries<Json>(item)) {
      if (operation.operationId === 'queryRows') continue;
      const parameters = (operation.parameters ?? []).map(resolve);
      for (const parameter of parameters.filter((p: Json) => p.in === 'path' || p.in === 'query')) {
        const bad = parameter.schema && invalidValueFor(parameter.schema);
        if (bad === undefined) continue;
        const concrete = path.replace(/\{([^}]+)\}/g, (_, name) =>
          name === parameter.name && parameter.in === 'path' ? encodeURIComponent(bad) : name === 'version' ? '1' : 'probe',
        );
        const url = parameter.in === 'query' ? `${concrete}?${parameter.name}=${encodeURIComponent(bad)}` : concrete;
        cases.push({ method: method.toUpperCase(), path, name: parameter.name, where: parameter.in, url });
      }
    }
  }
  return cases;
};

describe('request validation from the declarations', () => {
  it('refuses every constrained parameter’s bad value with 400 validation_failed naming it', async () => {
    const cases = constrainedParameters();
    expect(cases.length).toBeGreaterThan(10);
    const wrong: string[] = [];
    for (const c of cases) {
      const response = await t.request(c.method, c.url, { token: editor, ...(c.method === 'GET' || c.method === 'DELETE' ? {} : { body: {} }) });
      const fields = (response.body?.error?.details?.fields ?? []).map((f: { field: string }) => f.field);
      if (response.status !== 400 || response.body.error.code !== 'validation_failed' || !fields.includes(c.name)) {
        wrong.push(`${c.method} ${c.url} (${c.where} ${c.name}) -> ${response.status} ${JSON.stringify(response.body?.error ?? response.text).slice(0, 160)}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('refuses a JSON body that does not match its declared schema, naming each bad and unknown field', async () => {
    await t.request('POST', '/api/v1/datasets', { token: editor, body: { name: 'validation-set', title: 'Validation', licence: 'OGL-UK-3.0' } });
    const response = await t.request('POST', '/api/v1/datasets/validation-set/resources', { token: editor, body: { name: 'Not A Slug', colour: 'red' } });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('validation_failed');
    expect(response.body.error.details.fields.map((f: { field: string }) => f.field).sort()).toEqual(['colour', 'name']);
    // The format is matched in any case, as the publisher pages always allowed.
    const upper = await t.request('POST', '/api/v1/datasets/validation-set/resources', { token: editor, body: { name: 'upper', format: 'CSV' } });
    expect({ status: upper.status, format: upper.body.format }).toEqual({ status: 201, format: 'csv' });
  });

  it('answers 405 with the declared methods in Allow', async () => {
    expect(allowedMethods).toContainEqual(['/api/v1/organisations/:org/tokens', ['GET', 'POST']]);
    const response = await t.request('PUT', '/api/v1/organisations/validation-org/tokens', { token: editor, body: {} });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, POST');
  });
});

import { datasetInput, startTestExchange, type TestExchange } from '../support/test-exchange';

let t: TestExchange;
let editor: string;

beforeAll(async () => {
  t = await startTestExchange();
  editor = await t.organisationWithToken('newham', 'editor');
  await t.request('POST', '/api/v1/datasets', { token: editor, body: datasetInput('newham-open') });
});
afterAll(() => t.stop());

const post = (rawBody: string | Uint8Array, contentType = 'application/json') =>
  t.request('POST', '/api/v1/datasets', { token: editor, rawBody, headers: { 'content-type': contentType } });

describe('malformed requests', () => {
  it('answers 400 malformed_json for broken JSON, and for JSON that is not an object', async () => {
    const broken = await post('{"name": "x",');
    expect(broken.status).toBe(400);
    expect(broken.body.error.code).toBe('malformed_json');
    for (const body of ['[]', '"text"', '42', 'null']) {
      const response = await post(body);
      expect({ body, status: response.status }).toEqual({ body, status: 400 });
    }
  });

  it('answers 400 naming the field for wrong types', async () => {
    const response = await t.request('POST', '/api/v1/datasets', { token: editor, body: datasetInput('typed', { title: 42, keywords: 'one' }) });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('validation_failed');
    expect(response.body.error.details.fields.map((f: { field: string }) => f.field).sort()).toEqual(['keywords', 'title']);
  });

  it('answers 415 for a body that is not declared as JSON', async () => {
    const response = await post(JSON.stringify(datasetInput('form')), 'application/x-www-form-urlencoded');
    expect(response.status).toBe(415);
    expect((await post('{}', 'text/plain')).status).toBe(415);
  });

  it('answers 413 for an oversized body, and stores nothing', async () => {
    const huge = JSON.stringify(datasetInput('huge', { description: 'x'.repeat(300 * 1024) }));
    const response = await post(huge);
    expect(response.status).toBe(413);
    expect(response.body.error.code).toBe('payload_too_large');
    expect((await t.request('GET', '/api/v1/datasets/huge', { token: editor })).status).toBe(404);
  });

  it('answers 400 for a body that is not UTF-8', async () => {
    const latin1 = Buffer.from('{"name":"caf\xe9","title":"x","licence":"OGL-UK-3.0"}', 'latin1');
    const response = await post(latin1);
    expect(response.status).toBe(400);
  });

  it('answers 405 with Allow for a known path and an unsupported method', async () => {
    const response = await t.request('PUT', '/api/v1/datasets/newham-open', { token: editor, body: {} });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, PATCH, DELETE');
    expect((await t.request('DELETE', '/api/v1/organisations')).status).toBe(405);
  });
});

describe('hostile identifiers', () => {
  const hostile = [
    '..%2F..%2Fetc%2Fpasswd',
    '%2e%2e%2f',
    '%2E%2E',
    'newham-open%00',
    '%00',
    '10000-characters',
    'DROP%20TABLE',
    '%F0%9F%92%A9',
    '%ZZ',
    'newham-open%2F..',
    "'%20OR%201=1",
  ];
  const segment = (id: string) => (id === '10000-characters' ? 'a'.repeat(10_000) : id);

  it.each(hostile)('GET /api/v1/datasets/%s is a 400 or 404 in the error shape, never a 500', async (id) => {
    const response = await t.request('GET', `/api/v1/datasets/${segment(id)}`, { token: editor });
    expect([400, 404]).toContain(response.status);
    expect(Object.keys(response.body)).toEqual(['error']);
    expect(response.text).not.toMatch(/at .*\.ts|127\.0\.0\.1|DATASET#|stack/i);
  });

  it.each(hostile)('organisation id %s is a 400 or 404 for reads and token requests', async (id) => {
    const read = await t.request('GET', `/api/v1/organisations/${segment(id)}`, { token: t.adminToken });
    const issue = await t.request('POST', `/api/v1/organisations/${segment(id)}/tokens`, { token: t.adminToken, body: { role: 'viewer' } });
    for (const response of [read, issue]) {
      expect([400, 404]).toContain(response.status);
      expect(response.text).not.toMatch(/ORG#|127\.0\.0\.1/);
    }
  });
});

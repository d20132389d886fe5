import { type ApiResponse, datasetInput, startTestExchange, type TestExchange } from '../support/test-exchange';

/** Every error the API can give, in one shape: {"error":{"code","message","details?"}} and nothing else. */
let t: TestExchange;
let editor: string;
beforeAll(async () => {
  t = await startTestExchange();
  editor = await t.organisationWithToken('merton', 'editor');
  await t.request('POST', '/api/v1/datasets', { token: editor, body: datasetInput('merton-open') });
});
afterAll(() => t.stop());

const cases: Array<[label: string, status: number, run: () => Promise<ApiResponse>]> = [
  ['malformed JSON', 400, () => t.request('POST', '/api/v1/datasets', { token: editor, rawBody: '{', headers: { 'content-type': 'application/json' } })],
  ['invalid field', 400, () => t.request('POST', '/api/v1/datasets', { token: editor, body: { name: 'x' } })],
  ['bad query', 400, () => t.request('GET', '/api/v1/datasets?limit=abc')],
  ['bad token', 401, () => t.request('GET', '/api/v1/datasets', { token: 'nope' })],
  ['forbidden', 403, () => t.request('POST', '/api/v1/organisations', { token: editor, body: { id: 'a', name: 'a', type: 'borough' } })],
  ['missing dataset', 404, () => t.request('GET', '/api/v1/datasets/nope')],
  // Unknown API routes answer in the error shape; unknown web paths get the HTML 404 page (web-pages tests).
  ['unknown API route', 404, () => t.request('GET', '/api/v1/no/such/route')],
  ['wrong method', 405, () => t.request('PUT', '/api/v1/organisations')],
  ['name taken', 409, () => t.request('POST', '/api/v1/datasets', { token: editor, body: datasetInput('merton-open') })],
  ['stale ETag', 412, () => t.request('PATCH', '/api/v1/datasets/merton-open', { token: editor, body: { title: 'x' }, headers: { 'if-match': '"99"' } })],
  [
    'oversized',
    413,
    () => t.request('POST', '/api/v1/datasets', { token: editor, rawBody: `{"d":"${'x'.repeat(300_000)}"}`, headers: { 'content-type': 'application/json' } }),
  ],
  [
    'not JSON',
    415,
    () => t.request('POST', '/api/v1/datasets', { token: editor, rawBody: 'name=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } }),
  ],
  ['no If-Match', 428, () => t.request('PATCH', '/api/v1/datasets/merton-open', { token: editor, body: { title: 'x' } })],
];

describe('the one error shape', () => {
  it.each(cases)('%s → %i', async (_label, status, run) => {
    const response = await run();
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(Object.keys(response.body)).toEqual(['error']);
    const { code, message, details, ...rest } = response.body.error;
    expect(rest).toEqual({});
    expect(code).toMatch(/^[a-z_]+$/);
    expect(typeof message).toBe('string');
    expect(message.length).toBeGreaterThan(5);
    if (details !== undefined) expect(typeof details).toBe('object');
  });
});

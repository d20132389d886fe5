import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { createResource, uploadAndWait } from '../support/publishing';
import { datasetInput, startTestExchange, type TestExchange } from '../support/test-exchange';

/**
 * The OpenAPI document against the running exchange: requests across the whole API, each
 * response validated against the schema the document gives for its path, method, status and
 * media type (shared error responses included). A response the document does not describe fails.
 */
type Json = Record<string, any>;
const DOC_ID = 'https://ldx.test/openapi.json';
const escapePointerPart = (part: string) => encodeURIComponent(part.replace(/~/g, '~0').replace(/\//g, '~1'));
const pointer = (...parts: string[]) => `${DOC_ID}#/${parts.map(escapePointerPart).join('/')}`;

let t: TestExchange;
let doc: Json;
let ajv: Ajv2020;

beforeAll(async () => {
  t = await startTestExchange();
  doc = (await t.request('GET', '/api/v1/openapi.json')).body;
  ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats(ajv);
  ajv.addSchema(doc, DOC_ID);
}, 60_000);
afterAll(() => t.stop());

describe('live responses', () => {
  const checked = new Set<string>();

  /** Validates a response against what the document says for its path, method, status and media type. */
  const expectDocumented = (method: string, path: string, response: { status: number; headers: Headers; body: unknown }) => {
    const operation = doc.paths[path]?.[method];
    expect({ method, path, documented: Boolean(operation) }).toEqual({ method, path, documented: true });
    let location = ['paths', path, method, 'responses', String(response.status)];
    let documented: Json | undefined = operation.responses[String(response.status)];
    expect({ method, path, status: response.status, documented: Boolean(documented) }).toMatchObject({ documented: true });
    if (documented!.$ref) {
      location = documented!.$ref.slice(2).split('/');
      documented = doc.components.responses[location[2]];
    }
    checked.add(`${method} ${path} ${response.status}`);
    if (!documented!.content) return;
    const mediaType = (response.headers.get('content-type') ?? '').split(';')[0];
    expect({ method, path, mediaType, documented: Boolean(documented!.content[mediaType]) }).toMatchObject({ documented: true });
    const validate = ajv.compile({ $ref: pointer(...location, 'content', mediaType, 'schema') });
    const valid = validate(response.body);
    expect({ method, path, status: response.status, valid, errors: validate.errors ?? null }).toEqual({
      method,
      path,
      status: response.status,
      valid: true,
      errors: null,
    });
  };

  it('match the documented schemas across the API', async () => {
    const admin = t.adminToken;
    const call = async (method: string, path: string, template: string, options: Parameters<TestExchange['request']>[2] = {}) => {
      const response = await t.request(method.toUpperCase(), path, options);
      expectDocumented(method, template, response);
      return response;
    };
    await call('get', '/api/v1/health', '/api/v1/health');
    await call('get', '/api/v1/openapi.json', '/api/v1/openapi.json');
    await call('post', '/api/v1/organisations', '/api/v1/organisations', {
      token: admin,
      body: { id: 'lambeth', name: 'London Borough of Lambeth', type: 'borough', gssCode: 'E09000022' },
    });
    const token = (await call('post', '/api/v1/organisations/lambeth/tokens', '/api/v1/organisations/{org}/tokens', { token: admin, body: { role: 'admin' } }))
      .body.token;
    const partner = await t.organisationWithToken('croydon', 'admin');
    await call('get', '/api/v1/organisations', '/api/v1/organisations');
    await call('get', '/api/v1/organisations/lambeth', '/api/v1/organisations/{org}');
    const spare = (
      await call('post', '/api/v1/organisations/lambeth/tokens', '/api/v1/organisations/{org}/tokens', { token, body: { role: 'viewer', label: 'spare' } })
    ).body;
    await call('get', '/api/v1/organisations/lambeth/tokens', '/api/v1/organisations/{org}/tokens', { token });
    await call('get', '/api/v1/organisations/lambeth/tokens', '/api/v1/organisations/{org}/tokens', { token: partner });
    await call('delete', `/api/v1/organisations/lambeth/tokens/${spare.tokenId}`, '/api/v1/organisations/{org}/tokens/{tokenId}', { token });
    await call('get', '/api/v1/organisations/lambeth/tokens', '/api/v1/organisations/{org}/tokens', { token });
    await call('delete', '/api/v1/organisations/lambeth/tokens/000000000000', '/api/v1/organisations/{org}/tokens/{tokenId}', { token });
    await call('delete', `/api/v1/organisations/lambeth/tokens/${spare.tokenId}`, '/api/v1/organisations/{org}/tokens/{tokenId}', {});
    await call('post', '/api/v1/datasets', '/api/v1/datasets', { token, body: { name: 'bad name' } });
    await call('post', '/api/v1/datasets', '/api/v1/datasets', { body: datasetInput('x') });
    await call('post', '/api/v1/datasets', '/api/v1/datasets', {
      token,
      body: datasetInput('street-trees', { keywords: ['trees'], themes: ['environment'], updateFrequency: 'annual' }),
    });
    const created = await call('post', '/api/v1/datasets', '/api/v1/datasets', {
      token,
      body: datasetInput('bin-lifts', { tier: 'shared', licence: 'proprietary' }),
    });
    await call('get', '/api/v1/datasets?limit=1', '/api/v1/datasets');
    await call('get', '/api/v1/datasets/street-trees', '/api/v1/datasets/{dataset}');
    await call('get', '/api/v1/datasets/no-such', '/api/v1/datasets/{dataset}');
    await call('patch', '/api/v1/datasets/street-trees', '/api/v1/datasets/{dataset}', { token, body: { description: 'Every street tree.' } });
    await call('patch', '/api/v1/datasets/bin-lifts', '/api/v1/datasets/{dataset}', {
      token,
      body: { description: 'Lifts.' },
      headers: { 'if-match': created.headers.get('etag')! },
    });
    await call('patch', '/api/v1/datasets/bin-lifts', '/api/v1/datasets/{dataset}', {
      token: partner,
      body: { description: 'x' },
      headers: { 'if-match': '"1"' },
    });

    await call('post', '/api/v1/datasets/street-trees/resources', '/api/v1/datasets/{dataset}/resources', { token, body: { name: 'trees', title: 'Trees' } });
    const csv = 'tree_id,species,height_m\nT1,Plane,21.5\nT2,Oak,12\n';
    const upload = await t.request('PUT', '/api/v1/datasets/street-trees/resources/trees/data?filename=trees.csv', {
      token,
      rawBody: csv,
      headers: { 'content-type': 'text/csv' },
    });
    expectDocumented('put', '/api/v1/datasets/{dataset}/resources/{resource}/data', upload);
    await t.exchange.ingestIdle();
    await call(
      'get',
      `/api/v1/datasets/street-trees/resources/trees/uploads/${upload.body.uploadId}`,
      '/api/v1/datasets/{dataset}/resources/{resource}/uploads/{upload}',
      { token },
    );
    await call('post', '/api/v1/datasets/street-trees/resources/trees/uploads', '/api/v1/datasets/{dataset}/resources/{resource}/uploads', {
      token,
      body: { filename: 'big.csv', bytes: 1000, contentType: 'text/csv' },
    });
    await call('get', '/api/v1/datasets/street-trees/resources/trees', '/api/v1/datasets/{dataset}/resources/{resource}');
    await call('get', '/api/v1/datasets/street-trees/resources/trees/versions', '/api/v1/datasets/{dataset}/resources/{resource}/versions');
    await call(
      'get',
      '/api/v1/datasets/street-trees/resources/trees/versions/1/report',
      '/api/v1/datasets/{dataset}/resources/{resource}/versions/{version}/report',
    );
    await call('get', '/api/v1/datasets/street-trees/resources/trees/download?format=csv', '/api/v1/datasets/{dataset}/resources/{resource}/download');
    await call('get', '/api/v1/datasets/street-trees/resources/trees/download?format=xlsx', '/api/v1/datasets/{dataset}/resources/{resource}/download');
    await call('get', '/api/v1/datasets/street-trees/datapackage.json', '/api/v1/datasets/{dataset}/datapackage.json');
    await call(
      'get',
      `/api/v1/datasets/street-trees/resources/trees/rows?limit=1&sort=height_m:desc&filters=${encodeURIComponent('{"height_m":{"gte":10}}')}`,
      '/api/v1/datasets/{dataset}/resources/{resource}/rows',
    );
    await call('get', '/api/v1/datasets/street-trees/resources/trees/rows?limit=0', '/api/v1/datasets/{dataset}/resources/{resource}/rows');

    await createResource(t, token, 'bin-lifts', { name: 'lifts' });
    await uploadAndWait(t, token, 'bin-lifts', 'lifts', 'street,lifts\nA Road,3\n', 'lifts.csv');
    await call('get', '/api/v1/datasets/bin-lifts/datapackage.json', '/api/v1/datasets/{dataset}/datapackage.json');
    await call('get', '/api/v1/datasets/bin-lifts/datapackage.json', '/api/v1/datasets/{dataset}/datapackage.json', { token: partner });
    const expiresAt = new Date(t.clock.now().getTime() + 10 * 86_400_000).toISOString();
    const outsider = await t.organisationWithToken('merton', 'admin');
    await call('post', '/api/v1/datasets/bin-lifts/grants', '/api/v1/datasets/{dataset}/grants', {
      token,
      body: { organisation: 'merton', purpose: 'Waste round planning', lawfulBasis: 'public-task', agreementReference: 'DSA-9', expiresAt },
    });
    await call('get', '/api/v1/datasets/bin-lifts/grants', '/api/v1/datasets/{dataset}/grants', { token });
    const asked = await call('post', '/api/v1/datasets/bin-lifts/access-requests', '/api/v1/datasets/{dataset}/access-requests', {
      token: partner,
      body: { purpose: 'Comparing collection rounds', lawfulBasis: 'public-task', requestedDays: 30 },
    });
    await call('get', '/api/v1/datasets/bin-lifts/access-requests', '/api/v1/datasets/{dataset}/access-requests', { token });
    await call(
      'post',
      `/api/v1/datasets/bin-lifts/access-requests/${asked.body.requestId}/approve`,
      '/api/v1/datasets/{dataset}/access-requests/{request}/approve',
      { token, body: { agreementReference: 'DSA-10' } },
    );
    await call('delete', '/api/v1/datasets/bin-lifts/grants/merton', '/api/v1/datasets/{dataset}/grants/{org}', { token });
    const again = await call('post', '/api/v1/datasets/bin-lifts/access-requests', '/api/v1/datasets/{dataset}/access-requests', {
      token: outsider,
      body: { purpose: 'Comparing collection rounds', lawfulBasis: 'public-task', requestedDays: 30 },
    });
    await call(
      'post',
      `/api/v1/datasets/bin-lifts/access-requests/${again.body.requestId}/decline`,
      '/api/v1/datasets/{dataset}/access-requests/{request}/decline',
      { token, body: { reason: 'Not covered by the agreement.' } },
    );
    await call('get', '/api/v1/datasets/bin-lifts/audit', '/api/v1/datasets/{dataset}/audit', { token });
    await call('get', '/api/v1/sharing-register', '/api/v1/sharing-register');
    await call('get', '/api/v1/schemas', '/api/v1/schemas');
    await call('get', '/api/v1/schemas/borough-indicators', '/api/v1/schemas/{schema}');
    await call('get', '/catalog/data.json', '/catalog/data.json');
    await call('get', '/catalog.jsonld?limit=1', '/catalog.jsonld');
    await call('get', '/dataset/street-trees.jsonld', '/dataset/{name}.jsonld');
    await call('delete', '/api/v1/datasets/street-trees', '/api/v1/datasets/{dataset}', { token });

    expect(checked.size).toBeGreaterThanOrEqual(40);
  });
});

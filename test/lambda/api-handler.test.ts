import { hashToken } from '../../functions/domain/tokens';
import { envNames } from '../../functions/storage/layout';
import { httpApiEvent } from '../support/api-gateway-event';
import { useLambdaEnvironment } from '../support/lambda-environment';
import { startTestExchange, type TestExchange } from '../support/test-exchange';

/**
 * The deployed entry point, driven by API Gateway v2 events, with the AWS SDK pointed at the
 * emulators only through the SDK's own standard endpoint variables (no code path for tests).
 */
let t: TestExchange;
let handler: (event: unknown, context: unknown) => Promise<{ statusCode: number; headers: Record<string, string>; body: string; isBase64Encoded: boolean }>;
let restoreEnvironment: () => void;

beforeAll(async () => {
  t = await startTestExchange();
  restoreEnvironment = useLambdaEnvironment(t, {
    [envNames.adminTokenSha256]: hashToken(t.adminToken),
    [envNames.publicBaseUrl]: 'https://data.example.london',
  });
  // Imported only now: the module reads its configuration from the environment when loaded.
  ({ handler } = require('../../functions/api/handler'));
});
afterAll(async () => {
  restoreEnvironment();
  await t.stop();
});

const invoke = (event: ReturnType<typeof httpApiEvent>) => handler(event, { awsRequestId: 'test', functionName: 'api' });

describe('API Lambda handler', () => {
  it('answers the health check', async () => {
    const response = await invoke(httpApiEvent('GET', '/api/v1/health'));
    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body).status).toBe('ok');
  });

  it('creates an organisation and a dataset through events, with links on the public base URL', async () => {
    const auth = { authorization: `Bearer ${t.adminToken}`, 'content-type': 'application/json' };
    const org = await invoke(
      httpApiEvent('POST', '/api/v1/organisations', { headers: auth, body: JSON.stringify({ id: 'sutton', name: 'Sutton', type: 'borough' }) }),
    );
    expect(org.statusCode).toBe(201);
    expect(org.headers.location).toBe('https://data.example.london/api/v1/organisations/sutton');

    const issued = await invoke(httpApiEvent('POST', '/api/v1/organisations/sutton/tokens', { headers: auth, body: JSON.stringify({ role: 'editor' }) }));
    const token = JSON.parse(issued.body).token as string;
    const dataset = await invoke(
      httpApiEvent('POST', '/api/v1/datasets', {
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        // API Gateway base64-encodes bodies it considers binary; the handler must decode them.
        body: JSON.stringify({ name: 'sutton-libraries', title: 'Libraries', licence: 'OGL-UK-3.0', tier: 'open' }),
        base64: true,
      }),
    );
    expect(dataset.statusCode).toBe(201);
    expect(JSON.parse(dataset.body).organisation).toBe('sutton');

    // The same record is visible through the local HTTP server: one store, two edges.
    const viaHttp = await t.request('GET', '/api/v1/datasets/sutton-libraries');
    expect(viaHttp.body.title).toBe('Libraries');
  });

  it('passes the query string through and keeps the error shape', async () => {
    const bad = await invoke(httpApiEvent('GET', '/api/v1/datasets?limit=0'));
    expect(bad.statusCode).toBe(400);
    expect(JSON.parse(bad.body).error.details.fields[0].field).toBe('limit');
    const missing = await invoke(httpApiEvent('GET', '/api/v1/datasets/%2e%2e%2f'));
    expect(missing.statusCode).toBe(404);
    const unauthorised = await invoke(httpApiEvent('GET', '/api/v1/datasets', { headers: { authorization: 'Bearer nope' } }));
    expect(unauthorised.statusCode).toBe(401);
    expect(JSON.parse(unauthorised.body)).toEqual({ error: { code: 'unauthorized', message: 'The bearer token is not valid.' } });
  });

  it('builds links from LDX_PUBLIC_BASE_URL whatever Host the request names', async () => {
    const response = await invoke(httpApiEvent('GET', '/api/v1/datasets', { headers: { host: 'evil.example' } }));
    expect(response.statusCode).toBe(200);
    expect(response.body).not.toContain('evil.example');
    const redirect = await invoke(httpApiEvent('GET', '/publish', { headers: { host: 'evil.example' } }));
    expect(redirect.headers.location).toBe('https://data.example.london/publish/sign-in');
  });

  it('refuses to start without LDX_PUBLIC_BASE_URL, rather than trust the Host header', () => {
    const configured = process.env[envNames.publicBaseUrl];
    delete process.env[envNames.publicBaseUrl];
    try {
      jest.isolateModules(() => {
        expect(() => require('../../functions/api/handler')).toThrow(envNames.publicBaseUrl);
      });
    } finally {
      process.env[envNames.publicBaseUrl] = configured;
    }
  });
});

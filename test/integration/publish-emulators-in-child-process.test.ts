import { newToken } from '../../functions/domain/tokens';
import { type LocalExchange, startLocalExchange } from '../../functions/local/local-exchange';

// The ingest benchmark runs the emulators in a child process (their memory is not the
// exchange's, as in AWS); the S3 events then arrive over IPC.
describe('a local exchange with its emulators in a child process', () => {
  let exchange: LocalExchange;
  const adminToken = newToken();
  beforeAll(async () => {
    exchange = await startLocalExchange({ port: 0, adminToken, seed: false, emulatorsInChildProcess: true });
  });
  afterAll(() => exchange.stop());

  const call = async (method: string, path: string, token: string, body?: unknown, contentType = 'application/json') => {
    const response = await fetch(`${exchange.url}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': contentType },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, any> };
  };

  it('publishes an upload driven by the S3 event from the child, and reports the child’s memory', async () => {
    await call('POST', '/organisations', adminToken, { id: 'tfl', name: 'TfL', type: 'gla' });
    const { body: created } = await call('POST', '/organisations/tfl/tokens', adminToken, { role: 'editor' });
    await call('POST', '/datasets', created.token, { name: 'counts', title: 'Counts', licence: 'OGL-UK-3.0', tier: 'open' });
    await call('POST', '/datasets/counts/resources', created.token, { name: 'daily' });
    const upload = await call(
      'PUT',
      '/datasets/counts/resources/daily/data?filename=counts.csv',
      created.token,
      'day,count\n2024-01-01,5\n2024-01-02,7\n',
      'text/csv',
    );
    expect(upload.status).toBe(202);
    let resource = await call('GET', '/datasets/counts/resources/daily', created.token);
    for (let tries = 0; tries < 800 && resource.body.status !== 'published' && resource.body.status !== 'failed'; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      resource = await call('GET', '/datasets/counts/resources/daily', created.token);
    }
    expect(resource.body).toMatchObject({ status: 'published', current: { version: 1, rowCount: 2, columnCount: 2 } });
    expect(await exchange.emulators.peakRssBytes?.()).toBeGreaterThan(20 * 2 ** 20);
  });
});

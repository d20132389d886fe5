import { createServer } from 'node:net';
import { createApp } from '../../functions/api/app';
import { metricDimensions, metricNames, metricNamespace } from '../../functions/observability/metric-names';
import { createDomainContext } from '../../functions/wiring';
import { createResource, uploadAndWait } from '../support/publishing';
import { datasetInput, startTestExchange, type TestExchange } from '../support/test-exchange';
import { hiddenCsrf } from './web-support';

/**
 * Structured logs and EMF metrics (functions/observability/), read back from what the process
 * writes: Powertools writes both to stdout (errors to stderr) as JSON lines.
 */
let t: TestExchange;
let token: string;
let output: string[] = [];
const writes: jest.SpyInstance[] = [];

const capture = (stream: NodeJS.WriteStream) =>
  jest.spyOn(stream, 'write').mockImplementation(((chunk: string | Uint8Array) => {
    output.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    return true;
  }) as never);

/** Every JSON line written since the last reset (other output is ignored). */
const lines = (): Record<string, any>[] =>
  output
    .join('')
    .split('\n')
    .flatMap((line) => {
      if (!line.startsWith('{')) return [];
      try {
        return [JSON.parse(line)];
      } catch {
        return [];
      }
    });
const logLines = (message: string) => lines().filter((line) => line.message === message);
/** EMF lines: [metric name, its dimensions, its value]. */
const metrics = () =>
  lines()
    .filter((line) => line._aws)
    .flatMap((line) =>
      line._aws.CloudWatchMetrics.flatMap((set: { Namespace: string; Dimensions: string[][]; Metrics: { Name: string }[] }) =>
        set.Metrics.map((m) => ({
          namespace: set.Namespace,
          name: m.Name,
          dimensions: Object.fromEntries(set.Dimensions[0].map((d) => [d, line[d]])),
          value: line[m.Name],
        })),
      ),
    );

beforeAll(async () => {
  // The test setup silences Powertools; these tests read its output. Both are made on first use, after this.
  process.env.POWERTOOLS_LOG_LEVEL = 'INFO';
  process.env.POWERTOOLS_METRICS_DISABLED = 'false';
  writes.push(capture(process.stdout), capture(process.stderr));
  t = await startTestExchange();
  token = await t.organisationWithToken('obs-org', 'admin');
}, 60_000);
beforeEach(() => {
  output = [];
});
afterAll(async () => {
  for (const spy of writes) spy.mockRestore();
  await t?.stop();
});

describe('a request', () => {
  it('is logged once as a JSON line with its id, route pattern, status, latency and caller, never the token or the path', async () => {
    await t.request('POST', '/api/v1/datasets', { token, body: datasetInput('obs-secret-name', { tier: 'private' }) });
    output = [];
    const response = await t.request('GET', '/api/v1/datasets/obs-secret-name', { token });
    expect(response.status).toBe(200);
    const requestId = response.headers.get('x-request-id');
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    const logged = logLines('request');
    expect(logged).toHaveLength(1);
    const secret = token.slice('ldx_'.length);
    expect(logged[0]).toMatchObject({
      level: 'INFO',
      requestId,
      method: 'GET',
      route: '/api/v1/datasets/:dataset',
      status: 200,
      caller: 'member',
      organisation: 'obs-org',
    });
    expect(logged[0].tokenId).toEqual(expect.any(String));
    expect(typeof logged[0].latencyMs).toBe('number');
    const text = output.join('');
    expect(text).not.toContain(secret);
    expect(text).not.toContain('obs-secret-name');
  });

  it('names a web page by its own route pattern (the pages are built on their first request), with its caller', async () => {
    await t.request('POST', '/api/v1/datasets', { token, body: datasetInput('obs-page-name', { tier: 'private' }) });
    output = [];
    // The first page is answered by the pages in a context of their own, the second by their routes mounted on the app.
    for (const attempt of [1, 2]) {
      const response = await t.request('GET', '/datasets/obs-page-name', { token, headers: { accept: 'text/html' } });
      expect(response.status).toBe(200);
      const logged = logLines('request');
      expect(logged).toHaveLength(attempt);
      expect(logged[attempt - 1]).toMatchObject({ method: 'GET', route: '/datasets/:dataset', status: 200, caller: 'member', organisation: 'obs-org' });
    }
    expect(output.join('')).not.toContain('obs-page-name');
  });

  it('counts requests by route pattern and status class, and times them, under the contract names', async () => {
    await t.request('GET', '/api/v1/datasets/no-such-dataset');
    const emitted = metrics();
    expect(emitted).toContainEqual({
      namespace: metricNamespace,
      name: metricNames.requests,
      dimensions: { service: expect.any(String), [metricDimensions.route]: '/api/v1/datasets/:dataset', [metricDimensions.statusClass]: '4xx' },
      value: 1,
    });
    expect(emitted).toContainEqual(expect.objectContaining({ name: metricNames.requestLatency, value: expect.any(Number) }));
  });

  it('times searches and row queries (with the engine)', async () => {
    await t.request('GET', '/api/v1/datasets?q=anything', { token });
    expect(metrics()).toContainEqual(expect.objectContaining({ name: metricNames.searchLatency, value: expect.any(Number) }));
    await t.request('POST', '/api/v1/datasets', { token, body: datasetInput('obs-rows', { tier: 'open' }) });
    await createResource(t, token, 'obs-rows', { name: 'table', title: 'Table' });
    await uploadAndWait(t, token, 'obs-rows', 'table', 'a,b\n1,2\n3,4\n', 'table.csv');
    output = [];
    const rows = await t.request('GET', '/api/v1/datasets/obs-rows/resources/table/rows');
    expect(rows.status).toBe(200);
    expect(metrics()).toContainEqual(
      expect.objectContaining({ name: metricNames.rowQueryLatency, dimensions: expect.objectContaining({ [metricDimensions.engine]: 'duckdb' }) }),
    );
  });
});

describe('an upload', () => {
  beforeAll(async () => {
    await t.request('POST', '/api/v1/datasets', { token, body: datasetInput('obs-upload', { tier: 'open' }) });
    await createResource(t, token, 'obs-upload', { name: 'readings', title: 'Readings' });
  });

  it('is logged when ingested, with size, rows, format, path, outcome, duration and the id of the request that made it', async () => {
    // A CSV without a declared schema: DuckDB proves it against the inferred schema (the fast path).
    const csv = 'site,value\nA,1\nB,2\nC,3\n';
    const { upload } = await uploadAndWait(t, token, 'obs-upload', 'readings', csv, 'readings.csv');
    expect(upload.status).toBe(202);
    const requestId = upload.headers.get('x-request-id');
    const ingested = logLines('upload ingested');
    expect(ingested).toHaveLength(1);
    expect(ingested[0]).toMatchObject({ correlationId: requestId, bytes: Buffer.byteLength(csv), rows: 3, format: 'csv', path: 'fast', outcome: 'published' });
    expect(typeof ingested[0].durationMs).toBe('number');
    const emitted = metrics().map((m) => m.name);
    expect(emitted).toContain(metricNames.ingestPublished);
    expect(emitted).toContain(metricNames.ingestRowsPerSecond);
  });

  it('that fails is logged and counted as failed', async () => {
    const { upload } = await uploadAndWait(t, token, 'obs-upload', 'readings', Buffer.from([0xff, 0xfe, 0x00, 0xd8, 0x00]), 'broken.csv');
    expect(logLines('upload ingested')).toEqual([expect.objectContaining({ correlationId: upload.headers.get('x-request-id'), outcome: 'failed' })]);
    expect(metrics().map((m) => m.name)).toContain(metricNames.ingestFailed);
  });
});

describe('storage that cannot be reached', () => {
  /** The app over real SDK clients pointed at a port nothing listens on (connection refused). */
  let unreachable: ReturnType<typeof createApp>;
  beforeAll(async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    await new Promise((resolve) => server.close(resolve));
    const dead = `http://127.0.0.1:${port}`;
    const domain = createDomainContext({
      endpoints: { ...t.exchange.endpoints, dynamoEndpoint: dead, s3Endpoint: dead },
      tableName: t.exchange.names.table,
      buckets: { uploads: t.exchange.names.uploads, published: t.exchange.names.published },
    });
    unreachable = createApp({ domain, publicBaseUrl: 'http://localhost' });
  });

  it('is a 503 in the error shape, logged once with its cause', async () => {
    const response = await unreachable.request('http://localhost/api/v1/datasets/anything', { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ error: { code: 'service_unavailable', message: expect.any(String) } });
    const errors = logLines('storage unavailable');
    expect(errors).toHaveLength(1);
    expect(JSON.stringify(errors[0].error)).toContain('ECONNREFUSED');
    expect(logLines('request')).toEqual([expect.objectContaining({ status: 503 })]);
  });

  it('while resuming a session is a 503 page, not "not signed in"', async () => {
    const response = await unreachable.request('http://localhost/publish', { headers: { cookie: `ldx_session=${'a'.repeat(43)}` } });
    expect(response.status).toBe(503);
    expect(response.headers.get('location')).toBeNull();
    expect(response.headers.getSetCookie().join()).not.toContain('ldx_session=;');
  });

  it('while signing in is a 503 page, not "that token is not valid"', async () => {
    const form = await unreachable.request('http://localhost/publish/sign-in');
    expect(form.status).toBe(200);
    const nonce = form.headers.getSetCookie().find((c) => c.startsWith('ldx_signin='))!;
    const response = await unreachable.request('http://localhost/publish/sign-in', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: nonce.split(';')[0] },
      body: new URLSearchParams({ csrf: hiddenCsrf(await form.text())!, token }),
    });
    expect(response.status).toBe(503);
    expect(await response.text()).not.toContain('not valid');
  });
});

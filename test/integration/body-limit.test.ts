import { request as httpRequest } from 'node:http';
import { MAX_BODY_BYTES } from '../../functions/api/http/body-limit';
import { MAX_DIRECT_UPLOAD_BYTES } from '../../functions/domain/uploads';
import { datasetInput, startTestExchange, type TestExchange } from '../support/test-exchange';

/**
 * One body cap for every route and content type (hono's bodyLimit), whether the body declares
 * its length or arrives chunked; the direct data upload has its own, larger cap through the same
 * middleware. Each surface answers 413 in its own error shape.
 */
let t: TestExchange;
let editor: string;

beforeAll(async () => {
  t = await startTestExchange();
  editor = await t.organisationWithToken('merton', 'editor');
  await t.request('POST', '/api/v1/datasets', { token: editor, body: datasetInput('merton-trees') });
  await t.request('POST', '/api/v1/datasets/merton-trees/resources', { token: editor, body: { name: 'trees' } });
});
afterAll(() => t.stop());

/**
 * Sends `bytes` with a Content-Length, or chunked (no length: the server can only count as it
 * arrives), on a connection of its own: the server may answer 413 and close before reading it all.
 */
const send = (method: string, path: string, contentType: string, bytes: Uint8Array, framing: 'length' | 'chunked') =>
  new Promise<{ status: number; contentType: string; text: string }>((resolve, reject) => {
    const headers: Record<string, string | number> = { authorization: `Bearer ${editor}`, 'content-type': contentType };
    if (framing === 'length') headers['content-length'] = bytes.length;
    const request = httpRequest(`${t.url}${path}`, { method, headers, agent: false }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, contentType: response.headers['content-type'] ?? '', text: Buffer.concat(chunks).toString('utf8') }),
      );
      response.on('error', reject);
    });
    // Writing may fail once the server has answered and closed; the answer is what counts.
    request.on('error', (error) => setTimeout(() => reject(error), 1000));
    for (let at = 0; at < bytes.length; at += 64 * 1024) request.write(bytes.subarray(at, at + 64 * 1024));
    request.end();
  });

const oversized = (prefix: string, size = MAX_BODY_BYTES + 1024) => {
  const bytes = Buffer.alloc(size, 'x');
  bytes.write(prefix);
  return bytes;
};

const multipart = (field: string, size: number) => {
  const boundary = 'ldx-test-boundary';
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="${field}"\r\n\r\n`;
  const tail = `\r\n--${boundary}--\r\n`;
  return { contentType: `multipart/form-data; boundary=${boundary}`, bytes: Buffer.concat([Buffer.from(head), Buffer.alloc(size, 'x'), Buffer.from(tail)]) };
};

const oneErrorShape = (text: string) => JSON.parse(text).error.code;
const ckanEnvelope = (text: string) => {
  const body = JSON.parse(text);
  return { success: body.success, type: body.error.__type };
};

describe.each(['length', 'chunked'] as const)('over the cap, with the body framed by %s', (framing) => {
  it.each([
    ['POST', '/api/v1/datasets', 'application/json'],
    ['PATCH', '/api/v1/datasets/merton-trees', 'application/merge-patch+json'],
    ['POST', '/api/v1/datasets/merton-trees/resources', 'text/plain'],
    ['POST', '/api/v1/organisations', 'application/x-www-form-urlencoded'],
    ['POST', '/api/v1/datasets/merton-trees/resources/trees/uploads', 'multipart/form-data; boundary=x'],
  ])('%s %s (%s) is a 413 in the one error shape', async (method, path, contentType) => {
    const response = await send(method, path, contentType, oversized('{"name":"'), framing);
    expect({ status: response.status, code: oneErrorShape(response.text) }).toEqual({ status: 413, code: 'payload_too_large' });
  });

  it.each([
    ['/api/3/action/package_search', 'application/json'],
    ['/api/3/action/package_search', 'application/x-www-form-urlencoded'],
    ['/api/action/package_search', 'text/plain'],
  ])('POST %s (%s) is a 413 in CKAN’s envelope', async (path, contentType) => {
    const response = await send('POST', path, contentType, oversized('q='), framing);
    expect({ status: response.status, ...ckanEnvelope(response.text) }).toEqual({ status: 413, success: false, type: 'Payload Too Large' });
  });

  it('a multipart CKAN call is held to the same cap (it was read whole before)', async () => {
    const form = multipart('q', 20 * 1024 * 1024);
    const response = await send('POST', '/api/3/action/package_search', form.contentType, form.bytes, framing);
    expect({ status: response.status, ...ckanEnvelope(response.text) }).toEqual({ status: 413, success: false, type: 'Payload Too Large' });
  });

  it('a publisher form post is a 413 page', async () => {
    const response = await send('POST', '/publish/datasets/new', 'application/x-www-form-urlencoded', oversized('csrf='), framing);
    expect(response.status).toBe(413);
    expect(response.contentType).toContain('text/html');
  });

  it('the direct data upload has its own cap: past it, a 413 in the one error shape', async () => {
    const response = await send(
      'PUT',
      '/api/v1/datasets/merton-trees/resources/trees/data?filename=t.csv',
      'text/csv',
      oversized('a,b\n', MAX_DIRECT_UPLOAD_BYTES + 1),
      framing,
    );
    expect({ status: response.status, code: oneErrorShape(response.text) }).toEqual({ status: 413, code: 'payload_too_large' });
  });
});

describe('under the cap', () => {
  it('a multipart CKAN call under the cap is read', async () => {
    const form = multipart('q', 10);
    const response = await send('POST', '/api/3/action/package_search', form.contentType, form.bytes, 'chunked');
    expect(response.status).toBe(200);
  });

  it('the direct data upload takes a file larger than the general cap', async () => {
    const csv = Buffer.from(['id,height', ...Array.from({ length: 80_000 }, (_, i) => `${i},${i % 30}`)].join('\n'));
    expect(csv.length).toBeGreaterThan(MAX_BODY_BYTES * 2);
    for (const framing of ['length', 'chunked'] as const) {
      const response = await send('PUT', '/api/v1/datasets/merton-trees/resources/trees/data?filename=t.csv', 'text/csv', csv, framing);
      expect({ framing, status: response.status }).toEqual({ framing, status: 202 });
    }
    await t.exchange.ingestIdle();
  });

  it('a body just under the cap reaches the handler', async () => {
    const description = 'd'.repeat(MAX_BODY_BYTES - 1024);
    const response = await send(
      'POST',
      '/api/v1/datasets',
      'application/json',
      Buffer.from(JSON.stringify(datasetInput('merton-long', { description }))),
      'chunked',
    );
    // The schema decides about the description's length; what matters is that the body was read.
    expect(response.status).not.toBe(413);
  });
});

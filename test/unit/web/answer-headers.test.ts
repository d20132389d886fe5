import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { setAnswerHeader } from '../../../functions/api/http/answer-headers';

/**
 * Headers added after the handler (Vary, Cache-Control) leave a body made as bytes going out as
 * those bytes, with its length: not re-made into a stream sent in chunks.
 */
const body = new TextEncoder().encode('<p>Café</p>'.repeat(5000));

const app = new Hono()
  .use(async (c, next) => {
    await next();
    setAnswerHeader(c, 'Vary', 'Cookie', { append: true });
    setAnswerHeader(c, 'Cache-Control', 'private, no-store');
  })
  .get('/page', (c) => {
    c.header('Vary', 'Accept');
    return c.body(body as Uint8Array<ArrayBuffer>);
  })
  .get('/elsewhere', () => Response.redirect('http://127.0.0.1/other', 302));

/** The answers as the app gave them to the server. */
const answered: Response[] = [];
let server: ReturnType<typeof serve>;
let base: string;
beforeAll(async () => {
  server = serve({
    fetch: async (request) => {
      const response = await app.fetch(request);
      answered.push(response);
      return response;
    },
    port: 0,
    hostname: '127.0.0.1',
  });
  await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

describe('setAnswerHeader', () => {
  it('adds the headers and sends the bytes with their length, not in chunks', async () => {
    const response = await fetch(`${base}/page`);
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(body);
    expect(response.headers.get('vary')).toBe('Accept, Cookie');
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    expect(response.headers.get('content-length')).toBe(String(body.byteLength));
    expect(response.headers.get('transfer-encoding')).toBeNull();
    // @hono/node-server's own Response, still holding the bytes it writes as they are: never turned
    // into a fetch Response (a copy of the bytes, then read back through a stream).
    const symbols = Object.getOwnPropertySymbols(answered.at(-1)!).map(String);
    expect(symbols).toContain('Symbol(cache)');
    expect(symbols).not.toContain('Symbol(responseCache)');
  });

  it('still sets them on an answer whose headers cannot be changed in place', async () => {
    const response = await fetch(`${base}/elsewhere`, { redirect: 'manual' });
    expect(response.status).toBe(302);
    expect(response.headers.get('vary')).toBe('Cookie');
    expect(response.headers.get('cache-control')).toBe('private, no-store');
  });
});

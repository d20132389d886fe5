import { createHash } from 'node:crypto';
import { Hono } from 'hono';
import { bodyETag } from '../../../functions/web/http-caching';
import { render } from '../../../functions/web/render';

/**
 * A rendered page carries its weak ETag from the bytes it is sent as, taken where they are made, so
 * the ETag middleware (bodyETag) only compares it and never reads the body back to hash it.
 */
const page = (text: string) => ({ toString: () => `<html><body><p>${text}</p></body></html>` }) as never;

const app = new Hono()
  .get('/plain', (c) => render(c, page('Café £5 ✓')))
  .get('/missing', (c) => render(c, page('not here'), { status: 404 }))
  .post('/form', (c) => render(c, page('sent')));
const withETags = new Hono().use(bodyETag).get('/plain', (c) => render(c, page('Café £5 ✓')));

describe('render', () => {
  it('sends a GET page as UTF-8 bytes with the weak ETag of exactly those bytes', async () => {
    const response = await app.request('/plain');
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect(new TextDecoder().decode(bytes)).toBe('<!doctype html><html><body><p>Café £5 ✓</p></body></html>');
    expect(response.headers.get('content-type')).toBe('text/html; charset=UTF-8');
    expect(response.headers.get('etag')).toBe(`W/"${createHash('sha1').update(bytes).digest('hex')}"`);
  });

  it('gives no ETag to an error page or to the answer to a form', async () => {
    expect((await app.request('/missing')).headers.get('etag')).toBeNull();
    expect((await app.request('/form', { method: 'POST' })).headers.get('etag')).toBeNull();
  });

  it('is the tag the ETag middleware answers If-None-Match with', async () => {
    const first = await withETags.request('/plain');
    const tag = first.headers.get('etag')!;
    expect(tag).toBe((await app.request('/plain')).headers.get('etag'));
    const again = await withETags.request('/plain', { headers: { 'if-none-match': tag } });
    expect(again.status).toBe(304);
  });
});

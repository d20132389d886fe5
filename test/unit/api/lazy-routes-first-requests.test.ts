import { Hono } from 'hono';
import { TrieRouter } from 'hono/router/trie-router';
import { lazyRoutes } from '../../../functions/api/http/lazy-routes';

/**
 * Requests already on their way through the app's middleware when the first request builds and
 * mounts the lazy group were matched before its routes existed: they must still be answered by
 * the group, never fall through to the app's 404.
 */
test('a request matched before the group was mounted is answered by the group', async () => {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  const app = new Hono({ router: new TrieRouter() });
  // A middleware that waits (as resolveCaller waits for a token's record) for the requests marked so.
  app.use(async (c, next) => {
    if (c.req.header('x-wait')) await gate;
    await next();
  });
  app.all(
    '*',
    lazyRoutes(
      () => {
        const group = new Hono();
        group.get('/page', (c) => c.text('the page'));
        group.all('*', (c) => c.text('the group 404', 404));
        return group;
      },
      (group) => app.route('/', group),
    ),
  );
  app.notFound((c) => c.text('the app 404', 404));

  const waiting = app.request('/page', { headers: { 'x-wait': '1' } }); // matched now, before the group exists
  const first = await app.request('/page'); // builds and mounts the group
  release();
  const matchedBefore = await waiting;
  const after = await app.request('/page');

  expect([first.status, await first.text()]).toEqual([200, 'the page']);
  expect([matchedBefore.status, await matchedBefore.text()]).toEqual([200, 'the page']);
  expect([after.status, await after.text()]).toEqual([200, 'the page']);
});

import { connect } from 'node:net';
import { currentCorrelationId } from '../../functions/observability/correlation';
import type { CatalogueStore } from '../../functions/storage/catalogue-store';
import { datasetInput, startTestExchange } from '../support/test-exchange';

/**
 * A request whose client hung up is still being answered when the exchange is stopped: stop waits
 * for its handler before the emulators go, so the handler's reads succeed instead of ending in
 * "storage unavailable" (as the benchmarks' teardown, after autocannon stops mid-request, did).
 */
it('stop waits for the answers still being made before stopping the storage', async () => {
  const t = await startTestExchange();
  const token = await t.organisationWithToken('camden', 'admin');
  await t.request('POST', '/api/v1/datasets', { token, body: datasetInput('camden-in-flight') });

  await t.exchange.indexIdle();
  const domain = t.exchange.domain;
  let slowed: string | undefined;
  const store = domain.catalogue;
  const outcomes: string[] = [];
  let entered!: () => void;
  const inHandler = new Promise<void>((resolve) => (entered = resolve));
  // The request's reads wait a while (the client hangs up and stop begins meanwhile), then read the real store.
  const slowly =
    <A extends unknown[], R>(read: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      // Only the request's reads (under its correlation id), not background work's (stop waits for that anyway).
      const id = currentCorrelationId();
      if (id === undefined || (slowed !== undefined && id !== slowed)) return read(...args);
      slowed = id;
      entered();
      await new Promise((resolve) => setTimeout(resolve, 500));
      try {
        const found = await read(...args);
        outcomes.push('read');
        return found;
      } catch (error) {
        outcomes.push(`failed: ${(error as Error).message}`);
        throw error;
      }
    };
  domain.catalogue = {
    ...store,
    get: slowly((key) => store.get(key)),
    getMany: slowly((keys) => store.getMany(keys)),
    list: slowly((list, options) => store.list(list, options)),
  } as CatalogueStore;

  // A client that sends its request and goes away before the answer (as autocannon does when its time is up).
  const { hostname, port } = new URL(t.url);
  const socket = connect(Number(port), hostname);
  socket.on('error', () => {});
  socket.write(`GET /api/v1/datasets/camden-in-flight HTTP/1.1\r\nHost: ${hostname}:${port}\r\n\r\n`);
  await inHandler;
  socket.destroy();
  await t.stop();
  expect(outcomes.length).toBeGreaterThan(0);
  expect(outcomes.filter((outcome) => outcome !== 'read')).toEqual([]);
}, 60_000);

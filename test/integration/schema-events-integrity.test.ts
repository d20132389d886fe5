import { urlsFor } from '../../functions/api/http/urls';
import { relaySchemaEvents } from '../../functions/standards/events/delivery';
import { LocalSchemaEvents } from '../../functions/standards/events/local-publisher';
import type { SchemaEventMessage, SchemaEventPublisher } from '../../functions/standards/events/publisher';
import { createResource } from '../support/publishing';
import { datasetInput, startTestExchange, type TestExchange } from '../support/test-exchange';

/**
 * What leaves the exchange in a schema event is decided when it is sent, not only when it was
 * written: an event the bus refused waits in the outbox, and a dataset made private meanwhile must
 * not go out with it when the relay sends it. And a feed's cursor only pages its own standard.
 */
const SPEND = 'transparency-spend-over-500';
const versionsPath = `/api/v1/schemas/${SPEND}/versions`;

let t: TestExchange;
let camden: string;
let bus: LocalSchemaEvents;
const received: SchemaEventMessage[] = [];
const refusingBus: SchemaEventPublisher = {
  publish: async () => {
    throw new Error('event bus unavailable');
  },
};

beforeAll(async () => {
  t = await startTestExchange();
  bus = t.exchange.domain.schemaEvents as LocalSchemaEvents;
  expect(bus).toBeInstanceOf(LocalSchemaEvents);
  bus.subscribe((message) => received.push(message));
  camden = await t.organisationWithToken('camden', 'admin');
  expect((await t.request('POST', '/api/v1/datasets', { token: camden, body: datasetInput('camden-spend', { dataSchema: SPEND }) })).status).toBe(201);
  await createResource(t, camden, 'camden-spend', { name: 'payments' });
}, 60_000);
afterAll(() => t.stop());

it('does not send a dataset made private while its event waited in the outbox', async () => {
  const current = (await t.request('GET', `/api/v1/schemas/${SPEND}`)).body;
  const schema = structuredClone(current);
  delete schema.properties.OrganisationURI.pattern;
  t.exchange.domain.schemaEvents = refusingBus;
  try {
    const proposed = await t.request('POST', versionsPath, { token: t.adminToken, body: { version: '1.1.0', reason: 'Looser codes.', schema } });
    expect(proposed.status).toBe(201);
  } finally {
    t.exchange.domain.schemaEvents = bus;
  }
  const pending = (await t.request('GET', `/api/v1/schemas/${SPEND}/events`, { token: camden })).body.results;
  expect(
    pending.map((e: { delivery: string; detail: { affected: { datasets: Array<{ dataset: string }> } } }) => [
      e.delivery,
      e.detail.affected.datasets.map((d) => d.dataset),
    ]),
  ).toEqual([['pending', ['camden-spend']]]);

  const dataset = await t.request('GET', '/api/v1/datasets/camden-spend', { token: camden });
  const patched = await t.request('PATCH', '/api/v1/datasets/camden-spend', {
    token: camden,
    body: { tier: 'private' },
    headers: { 'if-match': dataset.headers.get('etag')! },
  });
  expect(patched.status).toBe(200);

  expect(await relaySchemaEvents(t.exchange.domain, urlsFor(t.url))).toMatchObject({ delivered: 1, pending: 0 });
  expect(received).toHaveLength(1);
  expect(received[0].detail).toMatchObject({ version: '1.1.0', affected: { datasets: [], organisations: [] } });
  expect(JSON.stringify(received)).not.toContain('camden');
});

it("answers a cursor forged to point into another standard's events with 400, listing none of them", async () => {
  const position = (list: string) => Buffer.from(JSON.stringify({ gsi1pk: list, gsi1sk: '0', pk: 'x', sk: 'EVENT' })).toString('base64url');
  const other = await t.request('GET', `/api/v1/schemas/${SPEND}/events?cursor=${position('SCHEMA-EVENTS#air-quality-readings')}`);
  expect(other.status).toBe(400);
  expect(other.body.error).toMatchObject({ code: 'bad_request', details: { field: 'cursor' } });
});

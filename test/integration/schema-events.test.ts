import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { urlsFor } from '../../functions/api/http/urls';
import { relaySchemaEvents } from '../../functions/standards/events/delivery';
import { schemaEventKey } from '../../functions/standards/events/event-records';
import { LocalSchemaEvents } from '../../functions/standards/events/local-publisher';
import type { SchemaEventMessage, SchemaEventPublisher } from '../../functions/standards/events/publisher';
import { createResource, uploadAndWait } from '../support/publishing';
import { datasetInput, startTestExchange, type TestExchange } from '../support/test-exchange';

/**
 * Schema events: proposing and publishing a version of a standard puts an event on the exchange's
 * bus (in-process here, EventBridge in AWS) and in the standard's public feed; an event the bus
 * refuses stays in the outbox and the relay sends it later, without undoing the publication.
 */
const SPEND = 'transparency-spend-over-500';
const spendCsv = readFileSync(join(__dirname, '../fixtures/standards/transparency-spend-over-500.csv'), 'utf8');
const versionsPath = `/api/v1/schemas/${SPEND}/versions`;
const eventsPath = `/api/v1/schemas/${SPEND}/events`;

let t: TestExchange;
let camden: string;
let hackney: string;
let current: Record<string, any>;
let bus: LocalSchemaEvents;
const received: SchemaEventMessage[] = [];

/** A bus that refuses every event, as EventBridge does when throttled or unreachable. */
const refusingBus: SchemaEventPublisher = {
  publish: async () => {
    throw new Error('event bus unavailable');
  },
};

const changed = (edit: (properties: Record<string, Record<string, unknown>>) => void) => {
  const document = structuredClone(current);
  edit(document.properties);
  return document;
};

const declaring = async (token: string, name: string, tier: string) => {
  expect((await t.request('POST', '/api/v1/datasets', { token, body: datasetInput(name, { tier, dataSchema: SPEND }) })).status).toBe(201);
  await createResource(t, token, name, { name: 'payments' });
};

const feed = async (token?: string) => {
  const response = await t.request('GET', `${eventsPath}?limit=100`, { token });
  expect(response.status).toBe(200);
  return response.body.results as Array<SchemaEventMessage & { delivery: string }>;
};

beforeAll(async () => {
  t = await startTestExchange();
  bus = t.exchange.domain.schemaEvents as LocalSchemaEvents;
  expect(bus).toBeInstanceOf(LocalSchemaEvents);
  bus.subscribe((message) => received.push(message));
  camden = await t.organisationWithToken('camden', 'admin');
  hackney = await t.organisationWithToken('hackney', 'admin');
  current = (await t.request('GET', `/api/v1/schemas/${SPEND}`)).body;
  await declaring(camden, 'camden-spend', 'open');
  await declaring(hackney, 'hackney-spend', 'private');
  expect((await uploadAndWait(t, camden, 'camden-spend', 'payments', spendCsv, 'spend.csv')).resource.body.status).toBe('published');
}, 60_000);
afterAll(() => t.stop());

it('puts an event on the bus and in the feed when a version is proposed and when it is published, naming only public datasets', async () => {
  const proposal = { version: '1.1.0', reason: 'Accept organisation codes that are not URIs.', schema: changed((p) => delete p.OrganisationURI.pattern) };
  expect((await t.request('POST', versionsPath, { token: t.adminToken, body: proposal })).status).toBe(201);
  expect(received.map((m) => m.detailType)).toEqual(['Schema version proposed']);
  expect((await t.request('POST', `${versionsPath}/1.1.0/publish`, { token: t.adminToken })).status).toBe(200);
  expect(received.map((m) => m.detailType)).toEqual(['Schema version proposed', 'Schema version published']);

  const published = received[1];
  expect(published).toMatchObject({ source: 'london-data-exchange', detailType: 'Schema version published' });
  expect(published.detail).toMatchObject({
    eventId: `published:${SPEND}@1.1.0`,
    schema: SPEND,
    version: '1.1.0',
    status: 'published',
    change: 'compatible',
    basedOn: '1.0.0',
    reason: proposal.reason,
    affected: {
      datasets: [expect.objectContaining({ dataset: 'camden-spend', organisation: 'camden', outcome: 'conforms' })],
      organisations: ['camden'],
      more: 0,
    },
    links: {
      version: `${t.url}${versionsPath}/1.1.0`,
      versions: `${t.url}${versionsPath}`,
      schemaPage: `${t.url}/schemas/${SPEND}`,
      events: `${t.url}${eventsPath}`,
    },
  });
  // The event leaves the exchange: the private declaring dataset is never in it.
  expect(JSON.stringify(received)).not.toContain('hackney');

  const listed = await feed();
  expect(listed.map((e) => [e.detailType, e.detail.version, e.delivery])).toEqual([
    ['Schema version proposed', '1.1.0', 'delivered'],
    ['Schema version published', '1.1.0', 'delivered'],
  ]);
  expect(listed[1].detail).toEqual(published.detail);
  // Not even its own publisher finds it in the feed: events carry only what anyone may see.
  expect(JSON.stringify(await feed(hackney))).not.toContain('hackney-spend');
});

it('keeps a publication whose event the bus refused, and the relay sends the event later', async () => {
  t.exchange.domain.schemaEvents = refusingBus;
  const before = received.length;
  try {
    const proposal = { version: '2.0.0', reason: 'Purposes of at most 20 characters.', schema: changed((p) => (p.Purpose.maxLength = 20)) };
    expect((await t.request('POST', versionsPath, { token: t.adminToken, body: proposal })).status).toBe(201);
    const published = await t.request('POST', `${versionsPath}/2.0.0/publish`, { token: t.adminToken });
    expect(published.status).toBe(200);
    expect(published.body.status).toBe('published');
  } finally {
    t.exchange.domain.schemaEvents = bus;
  }
  expect(received).toHaveLength(before);
  expect((await t.request('GET', `${versionsPath}/2.0.0`)).body.status).toBe('published');
  const pending = (await feed()).filter((e) => e.detail.version === '2.0.0');
  expect(pending.map((e) => [e.detailType, e.delivery])).toEqual([
    ['Schema version proposed', 'pending'],
    ['Schema version published', 'pending'],
  ]);
  expect(pending[1].detail).toMatchObject({
    change: 'breaking',
    affected: { datasets: [expect.objectContaining({ dataset: 'camden-spend', outcome: 'fails' })] },
  });

  const outcome = await relaySchemaEvents(t.exchange.domain, urlsFor(t.url));
  expect(outcome).toEqual({ recorded: 0, delivered: 2, pending: 0 });
  expect(received.slice(before).map((m) => m.detail.eventId)).toEqual([`proposed:${SPEND}@2.0.0`, `published:${SPEND}@2.0.0`]);
  expect((await feed()).every((e) => e.delivery === 'delivered')).toBe(true);
  // Nothing is sent twice once delivered.
  expect(await relaySchemaEvents(t.exchange.domain, urlsFor(t.url))).toEqual({ recorded: 0, delivered: 0, pending: 0 });
});

it('writes the event of a version whose request stopped before writing it', async () => {
  // As if the process died between publishing the version and writing its event.
  await t.exchange.domain.catalogue.remove(schemaEventKey('published', SPEND, '2.0.0'));
  const before = received.length;
  expect(await relaySchemaEvents(t.exchange.domain, urlsFor(t.url))).toEqual({ recorded: 1, delivered: 1, pending: 0 });
  expect(received.slice(before)).toEqual([
    expect.objectContaining({ detailType: 'Schema version published', detail: expect.objectContaining({ version: '2.0.0' }) }),
  ]);
});

it('pages the feed oldest first, refuses a bad cursor, and stops naming a dataset made private', async () => {
  const first = await t.request('GET', `${eventsPath}?limit=3`);
  expect(first.status).toBe(200);
  expect(first.body.count).toBe(3);
  expect(first.body.next).toMatch(new RegExp(`^${t.url}${eventsPath}\\?limit=3&cursor=`));
  const second = (await fetch(first.body.next).then((r) => r.json())) as { results: SchemaEventMessage[]; next: string | null };
  expect(second.results.map((e: SchemaEventMessage) => e.detail.eventId)).toEqual([`published:${SPEND}@2.0.0`]);
  expect(second.next).toBeNull();

  const bad = await t.request('GET', `${eventsPath}?cursor=not-a-position`);
  expect(bad.status).toBe(400);
  expect(bad.body.error).toMatchObject({ code: 'bad_request', details: { field: 'cursor' } });
  expect((await t.request('GET', '/api/v1/schemas/no-such-standard/events')).status).toBe(404);

  const dataset = await t.request('GET', '/api/v1/datasets/camden-spend', { token: camden });
  const patched = await t.request('PATCH', '/api/v1/datasets/camden-spend', {
    token: camden,
    body: { tier: 'private' },
    headers: { 'if-match': dataset.headers.get('etag')! },
  });
  expect(patched.status).toBe(200);
  expect(JSON.stringify(await feed())).not.toContain('camden-spend');
  expect((await feed(camden)).at(-1)?.detail.affected.datasets.map((d) => d.dataset)).toEqual(['camden-spend']);
});

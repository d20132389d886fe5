import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EventBridgeSchemaEvents } from '../../../functions/standards/events/eventbridge-publisher';
import type { SchemaEventMessage } from '../../../functions/standards/events/publisher';

/**
 * The AWS SDK's own EventBridge client, pointed at a loopback server that answers as EventBridge
 * does (AWS JSON 1.1): EventBridge does not run here. PutEvents answers 200 even when it refused
 * the entry, so the publisher must read the entry's result to know the event was not accepted.
 */
let server: Server;
let answer: Record<string, unknown>;
const received: Array<{ target: string | undefined; body: any }> = [];

const readBody = async (request: IncomingMessage) => {
  let text = '';
  for await (const chunk of request) text += chunk;
  return JSON.parse(text);
};

beforeAll(async () => {
  server = createServer(async (request, response) => {
    received.push({ target: request.headers['x-amz-target'] as string | undefined, body: await readBody(request) });
    response.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
    response.end(JSON.stringify(answer));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

const message: SchemaEventMessage = {
  source: 'london-data-exchange',
  detailType: 'Schema version published',
  time: '2026-12-05T01:02:03.000Z',
  detail: {
    eventId: 'published:transparency-spend-over-500@1.1.0',
    schema: 'transparency-spend-over-500',
    version: '1.1.0',
    status: 'published',
    change: 'compatible',
    basedOn: '1.0.0',
    reason: 'Organisation codes need not be URIs.',
    at: '2026-12-05T01:02:03.000Z',
    affected: { datasets: [], organisations: [], more: 0 },
    links: { version: 'http://x/v', versions: 'http://x/vs', schemaPage: 'http://x/p', events: 'http://x/e' },
  },
};

const publisher = () =>
  new EventBridgeSchemaEvents('eu-west-2', 'ldx-schema-events', {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  });

it('puts the event on the named bus with its source, detail-type, time and detail', async () => {
  answer = { FailedEntryCount: 0, Entries: [{ EventId: 'e-1' }] };
  await publisher().publish(message);
  const [call] = received.splice(0);
  expect(call.target).toBe('AWSEvents.PutEvents');
  expect(call.body.Entries).toEqual([
    {
      EventBusName: 'ldx-schema-events',
      Source: 'london-data-exchange',
      DetailType: 'Schema version published',
      Time: Date.parse(message.time) / 1000,
      Detail: JSON.stringify(message.detail),
    },
  ]);
});

it('fails when EventBridge refused the entry, though it answered 200', async () => {
  answer = { FailedEntryCount: 1, Entries: [{ ErrorCode: 'InternalFailure', ErrorMessage: 'try again' }] };
  await expect(publisher().publish(message)).rejects.toThrow('EventBridge refused the event: InternalFailure try again');
});

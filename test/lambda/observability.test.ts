import { hashToken } from '../../functions/domain/tokens';
import { withCorrelationId } from '../../functions/observability/correlation';
import { metricNames } from '../../functions/observability/metric-names';
import { CORRELATION_ATTRIBUTE, catalogueChangedMessage } from '../../functions/storage/event-bus-sqs';
import { envNames } from '../../functions/storage/layout';
import { httpApiEvent } from '../support/api-gateway-event';
import { useLambdaEnvironment } from '../support/lambda-environment';
import { startTestExchange, type TestExchange } from '../support/test-exchange';

/**
 * The deployed API and indexer handlers, as Lambda runs them (AWS_LAMBDA_FUNCTION_NAME set, so
 * metrics are on without any opt-in): the request id is API Gateway's, and the id of the request
 * that changed the catalogue travels on the queue message to the indexer's log line.
 */
let t: TestExchange;
let restoreEnvironment: () => void;
let output: string[] = [];
const spies: jest.SpyInstance[] = [];
type Handler = (event: unknown, context?: unknown) => Promise<any>;
let api: Handler;
let indexer: Handler;

const jsonLines = (): Record<string, any>[] =>
  output
    .join('')
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line));

beforeAll(async () => {
  t = await startTestExchange();
  restoreEnvironment = useLambdaEnvironment(t, {
    [envNames.adminTokenSha256]: hashToken(t.adminToken),
    [envNames.publicBaseUrl]: 'https://data.example.london',
    AWS_LAMBDA_FUNCTION_NAME: 'api',
    POWERTOOLS_SERVICE_NAME: 'api',
    POWERTOOLS_LOG_LEVEL: 'INFO',
  });
  for (const stream of [process.stdout, process.stderr]) {
    spies.push(
      jest.spyOn(stream, 'write').mockImplementation(((chunk: string | Uint8Array) => {
        output.push(String(chunk));
        return true;
      }) as never),
    );
  }
  // Imported only now: the modules read their configuration from the environment when loaded.
  ({ handler: api } = require('../../functions/api/handler'));
  ({ handler: indexer } = require('../../functions/indexer/handler'));
});
beforeEach(() => {
  output = [];
});
afterAll(async () => {
  for (const spy of spies) spy.mockRestore();
  restoreEnvironment();
  await t.stop();
});

it("answers with API Gateway's request id in X-Request-Id and its log line, and writes the request metrics as EMF", async () => {
  const event = httpApiEvent('GET', '/api/v1/datasets/nothing-here');
  const response = await api(event, { awsRequestId: 'lambda-request', functionName: 'api' });
  expect(response.statusCode).toBe(404);
  expect(response.headers['x-request-id']).toBe(event.requestContext.requestId);
  const lines = jsonLines();
  expect(lines.filter((line) => line.message === 'request')).toEqual([
    expect.objectContaining({ service: 'api', requestId: event.requestContext.requestId, route: '/api/v1/datasets/:dataset', status: 404 }),
  ]);
  const names = lines.filter((line) => line._aws).flatMap((line) => line._aws.CloudWatchMetrics[0].Metrics.map((m: { Name: string }) => m.Name));
  expect(names).toEqual(expect.arrayContaining([metricNames.requests, metricNames.requestLatency]));
});

it('puts the request id on catalogue-changed messages, and the indexer logs the ids of the messages it folded in', async () => {
  const change = { type: 'catalogue.changed' as const, datasetId: 'any', seq: 1, at: new Date().toISOString() };
  const message = withCorrelationId('request-7', () => catalogueChangedMessage('https://queue.example', change));
  expect(message.MessageAttributes).toEqual({ [CORRELATION_ATTRIBUTE]: { DataType: 'String', StringValue: 'request-7' } });
  expect(catalogueChangedMessage('https://queue.example', change).MessageAttributes).toBeUndefined();

  // As Lambda's SQS event source hands the message's attributes to the function.
  await indexer({
    Records: [
      {
        messageId: 'm-1',
        body: message.MessageBody,
        eventSource: 'aws:sqs',
        messageAttributes: { correlationId: { stringValue: 'request-7', dataType: 'String' } },
      },
    ],
  });
  expect(jsonLines().filter((line) => line.message === 'indexer run')).toEqual([expect.objectContaining({ messages: 1, correlationIds: ['request-7'] })]);
});

import type { Template } from 'aws-cdk-lib/assertions';
import { powertoolsEnvNames, serviceNames } from '../../functions/observability/metric-names';
import { bucketNotificationsHandlerId } from '../../infra/constructs/notifications-handler';
import { apiEntry, exchangeFunction, exchangeTemplate, harvestDispatchEntry, harvesterEntry, indexerEntry, ingestEntry, linkCheckEntry } from './helpers';

let template: Template;
beforeAll(() => {
  template = exchangeTemplate();
});

const exchangeFunctions: [string, string][] = [
  [apiEntry, serviceNames.api],
  [ingestEntry, serviceNames.ingest],
  [indexerEntry, serviceNames.indexer],
  [harvestDispatchEntry, serviceNames.harvestDispatch],
  [harvesterEntry, serviceNames.harvester],
  [linkCheckEntry, serviceNames.linkChecker],
  ['functions/standards/events/relay-handler.ts', serviceNames.schemaEventRelay],
];

describe.each(exchangeFunctions)('%s', (entry, service) => {
  test('logs JSON at INFO and traces with X-Ray', () => {
    const [, fn] = exchangeFunction(template, entry);
    expect(fn.Properties.LoggingConfig).toMatchObject({ LogFormat: 'JSON', ApplicationLogLevel: 'INFO' });
    expect(fn.Properties.TracingConfig).toEqual({ Mode: 'Active' });
  });

  test(`configures Powertools as service "${service}" in the exchange's metric namespace`, () => {
    const [, fn] = exchangeFunction(template, entry);
    expect(fn.Properties.Environment.Variables).toMatchObject({
      [powertoolsEnvNames.serviceName]: service,
      [powertoolsEnvNames.metricsNamespace]: 'LondonDataExchange',
      [powertoolsEnvNames.logLevel]: 'INFO',
    });
  });
});

test("every Lambda function but CDK's own deployment-time handler is an exchange function, with its own service name", () => {
  const services = exchangeFunctions.map(([entry]) => exchangeFunction(template, entry)[1].Properties.Environment.Variables.POWERTOOLS_SERVICE_NAME);
  expect(new Set(services).size).toBe(exchangeFunctions.length);
  const others = Object.keys(template.findResources('AWS::Lambda::Function')).filter(
    (id) => !exchangeFunctions.some(([entry]) => exchangeFunction(template, entry)[0] === id),
  );
  // The S3 bucket-notifications handler: CDK's code, run by CloudFormation, which emits none of our metrics.
  expect(others).toEqual([expect.stringMatching(new RegExp(`^${bucketNotificationsHandlerId}`))]);
});

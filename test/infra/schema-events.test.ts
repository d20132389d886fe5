import type { Template } from 'aws-cdk-lib/assertions';
import { archiveRetention, publishedVersionsPattern, relaySchedule } from '../../infra/constructs/schema-events';
import { putEventsEntry } from '../../functions/standards/events/eventbridge-publisher';
import { SCHEMA_EVENT_SOURCE } from '../../functions/standards/events/publisher';
import { envNames } from '../../functions/storage/layout';
import { apiEntry, exchangeFunction, exchangeRoleId, exchangeTemplate, onlyResource } from './helpers';

const relayEntry = 'functions/standards/events/relay-handler.ts';

let template: Template;
beforeAll(() => {
  template = exchangeTemplate();
});

const resources = (type: string) => template.findResources(type) as Record<string, { Properties: Record<string, any> }>;
const putEventsGrants = (roleId: string): unknown[] =>
  Object.values(resources('AWS::IAM::Policy'))
    .filter((policy) => policy.Properties.Roles.some((role: { Ref: string }) => role.Ref === roleId))
    .flatMap((policy) => policy.Properties.PolicyDocument.Statement as Array<{ Action: string | string[]; Resource: unknown }>)
    .filter((statement) => [statement.Action].flat().some((action) => action.startsWith('events:')));

test('one custom bus, archived for a year with every event of the exchange', () => {
  const [busId] = onlyResource(template, 'AWS::Events::EventBus');
  const [, archive] = onlyResource(template, 'AWS::Events::Archive');
  expect(archive.Properties).toMatchObject({
    SourceArn: { 'Fn::GetAtt': [busId, 'Arn'] },
    EventPattern: { source: [SCHEMA_EVENT_SOURCE] },
    RetentionDays: archiveRetention.toDays(),
  });
});

test('only the API and the relay may put events, and only on that bus; both are told its name', () => {
  const [busId] = onlyResource(template, 'AWS::Events::EventBus');
  const apiRole = exchangeRoleId(template, apiEntry);
  const relayRole = exchangeRoleId(template, relayEntry);
  for (const roleId of Object.keys(resources('AWS::IAM::Role'))) {
    const expected =
      roleId === apiRole || roleId === relayRole ? [{ Effect: 'Allow', Action: 'events:PutEvents', Resource: { 'Fn::GetAtt': [busId, 'Arn'] } }] : [];
    expect({ roleId, grants: putEventsGrants(roleId) }).toEqual({ roleId, grants: expected });
  }
  for (const entry of [apiEntry, relayEntry]) {
    expect(exchangeFunction(template, entry)[1].Properties.Environment.Variables[envNames.schemaEventBus]).toEqual({ Ref: busId });
  }
});

test('the relay runs on a schedule, one at a time, with the links’ base URL, and a failed run waits for the next tick', () => {
  const [relayId, relay] = exchangeFunction(template, relayEntry);
  expect(relay.Properties.ReservedConcurrentExecutions).toBe(1);
  expect(relay.Properties.Environment.Variables[envNames.publicBaseUrl]).toBeDefined();
  const rules = Object.values(resources('AWS::Events::Rule')).filter((rule) =>
    rule.Properties.Targets?.some((target: { Arn: unknown }) => JSON.stringify(target.Arn) === JSON.stringify({ 'Fn::GetAtt': [relayId, 'Arn'] })),
  );
  expect(rules.map((rule) => rule.Properties.ScheduleExpression)).toEqual([`rate(${relaySchedule.toMinutes()} minutes)`]);
  const [, invokeConfig] = Object.entries(resources('AWS::Lambda::EventInvokeConfig')).find(([, c]) => c.Properties.FunctionName.Ref === relayId)!;
  expect(invokeConfig.Properties).toMatchObject({ MaximumRetryAttempts: 0, MaximumEventAgeInSeconds: relaySchedule.toSeconds() });
});

test('the documented rule pattern matches the events the exchange puts on the bus', () => {
  const entry = putEventsEntry('bus', {
    source: SCHEMA_EVENT_SOURCE,
    detailType: 'Schema version published',
    time: '2026-12-05T00:00:00.000Z',
    detail: {} as never,
  });
  expect(publishedVersionsPattern.source).toEqual([entry.Source]);
  expect(publishedVersionsPattern.detailType).toEqual([entry.DetailType]);
  expect(entry).toMatchObject({ EventBusName: 'bus', Time: new Date('2026-12-05T00:00:00.000Z'), Detail: '{}' });
});

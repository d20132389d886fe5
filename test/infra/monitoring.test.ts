import type { Template } from 'aws-cdk-lib/assertions';
import { metricNames } from '../../functions/observability/metric-names';
import { p95LatencyMs, serverErrorRateMinRequests, serverErrorRatePercent } from '../../infra/constructs/exchange-alarms';
import { apiEntry, exchangeFunction, exchangeTemplate, indexerEntry, ingestDeadLettersId, ingestEntry, onlyResource } from './helpers';

let template: Template;
beforeAll(() => {
  template = exchangeTemplate();
});

type Resource = { Properties: Record<string, any> };
const alarms = (): [string, Resource][] => Object.entries(template.findResources('AWS::CloudWatch::Alarm')) as [string, Resource][];
const alarmsOn = (metricName: string) => alarms().filter(([, a]) => a.Properties.MetricName === metricName);
const topicId = () => onlyResource(template, 'AWS::SNS::Topic')[0];

/** A CloudFormation value as text: `{Ref: X}` is `<X>`, `{Fn::GetAtt: [X, Y]}` is `<X.Y>`, joins concatenated. */
function render(value: unknown): string {
  if (typeof value === 'string') return value;
  const v = value as Record<string, any>;
  if (v.Ref) return `<${v.Ref}>`;
  if (v['Fn::GetAtt']) return `<${v['Fn::GetAtt'].join('.')}>`;
  if (v['Fn::Join']) return (v['Fn::Join'][1] as unknown[]).map(render).join(v['Fn::Join'][0]);
  throw new Error(`cannot render ${JSON.stringify(value)}`);
}

describe('alarm topic', () => {
  test('is encrypted with its own rotating KMS key, which CloudWatch alarms may use', () => {
    const [, topic] = onlyResource(template, 'AWS::SNS::Topic');
    const [keyId, key] = onlyResource(template, 'AWS::KMS::Key');
    expect(topic.Properties.KmsMasterKeyId).toEqual({ 'Fn::GetAtt': [keyId, 'Arn'] });
    expect(key.Properties.EnableKeyRotation).toBe(true);
    expect(key.Properties.KeyPolicy.Statement).toContainEqual(
      expect.objectContaining({
        Effect: 'Allow',
        Principal: { Service: 'cloudwatch.amazonaws.com' },
        Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
      }),
    );
  });

  test("takes publishes over TLS only, and from CloudWatch only for this account's alarms", () => {
    const [, policy] = onlyResource(template, 'AWS::SNS::TopicPolicy');
    const statements = policy.Properties.PolicyDocument.Statement as Record<string, any>[];
    expect(statements).toContainEqual(expect.objectContaining({ Effect: 'Deny', Principal: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }));
    const cloudWatch = statements.find((s) => s.Principal?.Service === 'cloudwatch.amazonaws.com');
    expect(cloudWatch).toMatchObject({ Effect: 'Allow', Action: 'sns:Publish', Resource: { Ref: topicId() } });
    expect(cloudWatch?.Condition.StringEquals).toEqual({ 'aws:SourceAccount': { Ref: 'AWS::AccountId' } });
    expect(render(cloudWatch?.Condition.ArnLike['aws:SourceArn'])).toBe('arn:<AWS::Partition>:cloudwatch:<AWS::Region>:<AWS::AccountId>:alarm:*');
  });

  test('has no subscription unless the alarmEmail context is given', () => {
    template.resourceCountIs('AWS::SNS::Subscription', 0);
    const withEmail = exchangeTemplate({ context: { alarmEmail: 'ops@example.org' } });
    const [, subscription] = onlyResource(withEmail, 'AWS::SNS::Subscription');
    expect(subscription.Properties).toEqual({
      Protocol: 'email',
      Endpoint: 'ops@example.org',
      TopicArn: { Ref: onlyResource(withEmail, 'AWS::SNS::Topic')[0] },
    });
  });

  test('refuses an alarmEmail that is not an email address', () => {
    expect(() => exchangeTemplate({ context: { alarmEmail: 'ops' } })).toThrow(/alarmEmail must be an email address, got "ops"/);
  });
});

describe('alarms', () => {
  test('every alarm notifies the topic on ALARM and on OK', () => {
    expect(alarms().length).toBeGreaterThanOrEqual(8);
    for (const [, alarm] of alarms()) {
      expect(alarm.Properties.AlarmActions).toEqual([{ Ref: topicId() }]);
      expect(alarm.Properties.OKActions).toEqual([{ Ref: topicId() }]);
      expect(alarm.Properties.TreatMissingData).toBe('notBreaching');
    }
  });

  test('the HTTP API 5xx rate: 5xx as a percentage of requests, once a period has enough requests', () => {
    const found = alarms().filter(([, a]) => a.Properties.Metrics);
    expect(found).toHaveLength(1);
    const { Metrics: metrics, Threshold, ComparisonOperator } = found[0][1].Properties;
    expect([Threshold, ComparisonOperator]).toEqual([serverErrorRatePercent, 'GreaterThanThreshold']);
    const byId = new Map<string, Record<string, any>>(metrics.map((m: Record<string, any>) => [m.Id, m]));
    const expression = metrics.find((m: Record<string, any>) => m.Expression);
    expect(expression).toMatchObject({
      Expression: `IF(requests >= ${serverErrorRateMinRequests}, 100 * serverErrors / requests, 0)`,
      ReturnData: true,
    });
    const [httpApiId] = onlyResource(template, 'AWS::ApiGatewayV2::Api');
    for (const [id, name] of [
      ['serverErrors', '5xx'],
      ['requests', 'Count'],
    ]) {
      expect(byId.get(id)?.MetricStat).toEqual({
        Metric: { Namespace: 'AWS/ApiGateway', MetricName: name, Dimensions: [{ Name: 'ApiId', Value: { Ref: httpApiId } }] },
        Period: 300,
        Stat: 'Sum',
      });
    }
  });

  test('the HTTP API p95 latency, over three periods in a row', () => {
    const found = alarmsOn('Latency');
    expect(found).toHaveLength(1);
    expect(found[0][1].Properties).toMatchObject({
      Namespace: 'AWS/ApiGateway',
      ExtendedStatistic: 'p95',
      Threshold: p95LatencyMs,
      EvaluationPeriods: 3,
      DatapointsToAlarm: 3,
    });
  });

  test('any failed ingest in 5 minutes, from the metric the ingest function emits', () => {
    const found = alarmsOn(metricNames.ingestFailed);
    expect(found).toHaveLength(1);
    expect(found[0][1].Properties).toMatchObject({
      Namespace: 'LondonDataExchange',
      Dimensions: [{ Name: 'service', Value: 'ingest' }],
      Statistic: 'Sum',
      Period: 300,
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
    });
  });

  test('Lambda throttles of the API and ingest (the indexer throttles itself by design)', () => {
    const watched = alarmsOn('Throttles')
      .map(([, a]) => a.Properties.Dimensions[0].Value.Ref)
      .sort();
    const idOf = (entry: string) => exchangeFunction(template, entry)[0];
    expect(watched).toEqual([idOf(apiEntry), idOf(ingestEntry)].sort());
    expect(watched).not.toContain(idOf(indexerEntry));
  });

  test('one alarm per dead-letter queue: the existing ones, not duplicated', () => {
    const queues = alarmsOn('ApproximateNumberOfMessagesVisible').map(([, a]) => a.Properties.Dimensions[0].Value['Fn::GetAtt'][0]);
    const deadLetterQueues = Object.entries(template.findResources('AWS::SQS::Queue'))
      .filter(([id]) => /DeadLetters/.test(id))
      .map(([id]) => id);
    expect(queues.sort()).toEqual(deadLetterQueues.sort());
    expect(queues).toContain(ingestDeadLettersId(template));
    expect(queues).toHaveLength(3);
  });
});

describe('dashboard', () => {
  let body: { widgets: { type: string; properties: Record<string, any> }[] };
  beforeAll(() => {
    body = JSON.parse(render(onlyResource(template, 'AWS::CloudWatch::Dashboard')[1].Properties.DashboardBody));
  });
  const widget = (title: RegExp) => {
    const found = body.widgets.filter((w) => title.test(w.properties.title));
    expect(found).toHaveLength(1);
    return found[0].properties;
  };
  /** `[namespace, metricName]` of each metric line of a graph. */
  const lines = (title: RegExp) => (widget(title).metrics as unknown[][]).map((m) => [m[0], m[1]]);

  test('shows the state of every alarm', () => {
    expect(widget(/^Alarms$/).alarms.sort()).toEqual(
      alarms()
        .map(([id]) => `<${id}.Arn>`)
        .sort(),
    );
  });

  test('charts traffic, errors, p95 latency per function, ingest outcomes, dead letters and throttles', () => {
    expect(lines(/^Traffic/)).toEqual([
      ['AWS/ApiGateway', 'Count'],
      ['AWS/ApiGateway', '4xx'],
      ['AWS/ApiGateway', '5xx'],
    ]);
    expect(lines(/^Errors/)).toEqual([['AWS/ApiGateway', '5xx'], ...Array(3).fill(['AWS/Lambda', 'Errors'])]);
    const latency = widget(/^p95 latency/).metrics as unknown[][];
    expect(latency.map((m) => [m[1], (m.at(-1) as Record<string, string>).stat])).toEqual([['Latency', 'p95'], ...Array(3).fill(['Duration', 'p95'])]);
    expect(
      latency
        .slice(1)
        .map((m) => m[3])
        .sort(),
    ).toEqual([apiEntry, ingestEntry, indexerEntry].map((entry) => `<${exchangeFunction(template, entry)[0]}>`).sort());
    expect(lines(/^Ingest outcomes/)).toEqual([
      ['LondonDataExchange', metricNames.ingestPublished],
      ['LondonDataExchange', metricNames.ingestFailed],
      ['LondonDataExchange', metricNames.ingestRowsPerSecond],
    ]);
    expect(lines(/^Dead-letter queues/)).toEqual(Array(2).fill(['AWS/SQS', 'ApproximateNumberOfMessagesVisible']));
    expect(lines(/^Lambda throttles/)).toEqual(Array(3).fill(['AWS/Lambda', 'Throttles']));
  });

  test("charts the API's own metrics: requests by route and status class, row query and search latency", () => {
    const [search] = widget(/^Requests by route/).metrics as [{ expression: string }][];
    expect(search[0].expression).toBe(`SEARCH('{LondonDataExchange,route,service,statusClass} MetricName="Requests"', 'Sum', 300)`);
    expect(lines(/^Row query and search/).map(([, name]) => name)).toEqual([
      metricNames.rowQueryLatency,
      metricNames.rowQueryLatency,
      metricNames.searchLatency,
      metricNames.requestLatency,
    ]);
  });
});

test('outputs the alarm topic and the dashboard name', () => {
  template.hasOutput('AlarmTopicArn', { Value: { Ref: topicId() } });
  template.hasOutput('DashboardName', { Value: { Ref: onlyResource(template, 'AWS::CloudWatch::Dashboard')[0] } });
});

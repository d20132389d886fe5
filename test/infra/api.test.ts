import { Match, type Template } from 'aws-cdk-lib/assertions';
import { powertoolsEnvNames } from '../../functions/observability/metric-names';
import { envNames } from '../../functions/storage/layout';
import { apiEntry, exchangeFunction, exchangeTemplate, onlyResource } from './helpers';

let template: Template;
beforeAll(() => {
  template = exchangeTemplate();
});

const logicalIdOf = (type: string, predicate: (props: Record<string, any>) => boolean): string => {
  const found = Object.entries(template.findResources(type)).filter(([, r]) => predicate(r.Properties ?? {}));
  expect(found).toHaveLength(1);
  return found[0][0];
};

describe('API function', () => {
  test('runs on the newest Node runtime, sized for DuckDB row queries: 3008 MB, 2 GiB of /tmp, 29 s', () => {
    const [, fn] = exchangeFunction(template, apiEntry);
    expect(fn.Properties).toMatchObject({
      Runtime: 'nodejs24.x',
      Architectures: ['x86_64'],
      MemorySize: 3008,
      EphemeralStorage: { Size: 2048 },
      Timeout: 29,
      Handler: 'index.handler',
    });
  });

  test('the row API may cache 1536 MB of Parquet in /tmp, which leaves room in its 2 GiB', () => {
    const [, fn] = exchangeFunction(template, apiEntry);
    expect(fn.Properties.Environment.Variables.LDX_ROWS_DISK_CACHE_MB).toBe('1536');
    expect(1536).toBeLessThan(fn.Properties.EphemeralStorage.Size);
  });

  test('names the Athena workgroup and Glue database of the scale-out path, under the names the row API reads', () => {
    const [, fn] = exchangeFunction(template, apiEntry);
    const env = fn.Properties.Environment.Variables;
    expect(env[envNames.athenaWorkGroup]).toBe(onlyResource(template, 'AWS::Athena::WorkGroup')[1].Properties.Name);
    expect(env[envNames.glueDatabase]).toBe(onlyResource(template, 'AWS::Glue::Database')[1].Properties.DatabaseInput.Name);
    expect([env.LDX_ATHENA_WORKGROUP, env.LDX_GLUE_DATABASE]).toEqual(['ldx-rows', 'ldx_published']);
    // athenaRowsFromEnvironment also needs the published bucket, where the Glue tables point.
    expect(env[envNames.publishedBucket]).toBeDefined();
  });

  test('binds the storage names, admin token digest and public URL', () => {
    const [, fn] = exchangeFunction(template, apiEntry);
    const env = fn.Properties.Environment.Variables;
    const tableId = logicalIdOf('AWS::DynamoDB::Table', () => true);
    const uploadsId = logicalIdOf('AWS::S3::Bucket', (p) => p.LoggingConfiguration?.LogFilePrefix === 'uploads/');
    const publishedId = logicalIdOf('AWS::S3::Bucket', (p) => p.LoggingConfiguration?.LogFilePrefix === 'published/');
    expect(env[envNames.tableName]).toEqual({ Ref: tableId });
    expect(env[envNames.uploadsBucket]).toEqual({ Ref: uploadsId });
    expect(env[envNames.publishedBucket]).toEqual({ Ref: publishedId });
    expect(env[envNames.adminTokenSha256]).toEqual({ Ref: 'AdminTokenSha256' });
    expect(env[envNames.publicBaseUrl]).toEqual({ 'Fn::GetAtt': [expect.any(String), 'ApiEndpoint'] });
    expect(Object.keys(env).sort()).toEqual(
      // No NODE_OPTIONS: the handler reads its source map lazily (no --enable-source-maps).
      [...Object.values(envNames), ...Object.values(powertoolsEnvNames), 'LDX_ROWS_DISK_CACHE_MB'].sort(),
    );
  });

  test('takes the public base URL from the stack props when given', () => {
    const custom = exchangeTemplate({ stackProps: { publicBaseUrl: 'https://data.example.london' } });
    custom.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ [envNames.publicBaseUrl]: 'https://data.example.london' }) },
    });
  });

  test('takes the public base URL from the publicBaseUrl context value (cdk deploy -c publicBaseUrl=…)', () => {
    const custom = exchangeTemplate({ context: { publicBaseUrl: 'https://data.example.london' } });
    custom.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ [envNames.publicBaseUrl]: 'https://data.example.london' }) },
    });
  });

  test('the admin token digest is a NoEcho parameter that must look like sha256 hex', () => {
    template.hasParameter('AdminTokenSha256', {
      Type: 'String',
      NoEcho: true,
      AllowedPattern: '^[0-9a-f]{64}$',
      Description: Match.stringLikeRegexp('sha256'),
    });
  });

  test('logs to its own log group, kept for a year', () => {
    const [, fn] = exchangeFunction(template, apiEntry);
    const logGroupId = fn.Properties.LoggingConfig.LogGroup.Ref;
    expect(template.toJSON().Resources[logGroupId]).toMatchObject({
      Type: 'AWS::Logs::LogGroup',
      Properties: { RetentionInDays: 365 },
      DeletionPolicy: 'Retain',
    });
  });
});

describe('HTTP API', () => {
  test('sends every request to the function through the $default route', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', { ProtocolType: 'HTTP' });
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: '$default' });
    template.hasResourceProperties('AWS::ApiGatewayV2::Integration', {
      IntegrationType: 'AWS_PROXY',
      PayloadFormatVersion: '2.0',
    });
  });

  test('the default stage throttles and writes JSON access logs to a retained log group', () => {
    const [, stage] = onlyResource(template, 'AWS::ApiGatewayV2::Stage');
    expect(stage.Properties).toMatchObject({
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: 100, ThrottlingBurstLimit: 200 },
    });
    const settings = stage.Properties.AccessLogSettings;
    const format = JSON.parse(settings.Format);
    expect(format).toMatchObject({ requestId: '$context.requestId', status: '$context.status' });
    expect(settings.Format).not.toMatch(/authorization|header/i);
    const [logGroupId] = settings.DestinationArn['Fn::GetAtt'];
    expect(template.toJSON().Resources[logGroupId].Properties.RetentionInDays).toBe(365);
  });

  test('every log group has a retention period', () => {
    const groups = Object.values(template.findResources('AWS::Logs::LogGroup'));
    expect(groups.length).toBeGreaterThanOrEqual(2);
    for (const group of groups) expect(group.Properties.RetentionInDays).toBeGreaterThan(0);
  });

  test('throttling can be configured', () => {
    const custom = exchangeTemplate({ stackProps: { apiThrottle: { rateLimit: 5, burstLimit: 10 } } });
    custom.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      DefaultRouteSettings: { ThrottlingRateLimit: 5, ThrottlingBurstLimit: 10 },
    });
  });

  test('outputs the API URL', () => {
    template.hasOutput('ApiUrl', { Value: Match.objectLike({ 'Fn::Join': Match.anyValue() }) });
  });
});

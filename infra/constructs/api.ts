import { RemovalPolicy, Size, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { envNames } from '../../functions/storage/layout';
import { serviceNames } from '../../functions/observability/metric-names';
import { ExchangeFunction, type ExchangeData } from './exchange-function';
import type { RowsAthena } from './rows-athena';

export interface ExchangeApiProps {
  readonly data: ExchangeData;
  /** The row-query API's Athena scale-out path (workgroup, Glue database, results bucket). */
  readonly athena: RowsAthena;
  /** sha256 hex of the platform administrator token (never the token itself). */
  readonly adminTokenSha256: string;
  /** Public origin of the exchange, e.g. a CloudFront domain. @default the HTTP API endpoint */
  readonly publicBaseUrl?: string;
  /** Default-stage throttling for all routes. @default 100 requests/s, bursts of 200 */
  readonly throttle?: apigw.ThrottleSettings;
  /** @default one year */
  readonly logRetention?: logs.RetentionDays;
}

/** Environment variable capping the row API's Parquet cache in /tmp (functions/rows/cache-budget.ts). */
export const rowsDiskCacheEnv = 'LDX_ROWS_DISK_CACHE_MB';
/** The API function's memory (and so its CPU share and heap flags). */
export const API_MEMORY_MB = 3008;

/** /tmp of the API function, and the part of it the row API's Parquet cache may fill (the rest is DuckDB's spill and headroom). */
export const apiEphemeralStorage = Size.gibibytes(2);
export const rowsDiskCacheMb = 1536;

/** One JSON line per request. No headers are logged, so bearer tokens never reach the logs. */
const accessLogFormat = AccessLogFormat.custom(
  JSON.stringify({
    requestId: '$context.requestId',
    requestTime: '$context.requestTime',
    ip: '$context.identity.sourceIp',
    userAgent: '$context.identity.userAgent',
    method: '$context.httpMethod',
    path: '$context.path',
    routeKey: '$context.routeKey',
    protocol: '$context.protocol',
    status: '$context.status',
    responseLength: '$context.responseLength',
    responseLatency: '$context.responseLatency',
    integrationLatency: '$context.integrationLatency',
    integrationError: '$context.integrationErrorMessage',
  }),
);

/**
 * The public API: an HTTP API whose catch-all `$default` route sends every request (REST v1,
 * CKAN, DCAT, web pages) to the one Hono app in functions/api/handler.ts.
 */
export class ExchangeApi extends Construct {
  readonly httpApi: apigw.HttpApi;
  readonly stage: apigw.HttpStage;
  readonly handler: ExchangeFunction;
  readonly accessLogs: logs.LogGroup;

  constructor(scope: Construct, id: string, props: ExchangeApiProps) {
    super(scope, id);
    const logRetention = props.logRetention ?? logs.RetentionDays.ONE_YEAR;

    this.httpApi = new apigw.HttpApi(this, 'HttpApi', {
      description: 'London Data Exchange: REST v1, CKAN Action API, DCAT feeds and web pages',
      createDefaultStage: false,
    });

    this.accessLogs = new logs.LogGroup(this, 'AccessLogs', {
      retention: logRetention,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.stage = new apigw.HttpStage(this, 'DefaultStage', {
      httpApi: this.httpApi,
      stageName: '$default',
      autoDeploy: true,
      throttle: props.throttle ?? { rateLimit: 100, burstLimit: 200 },
      accessLogSettings: {
        destination: new apigw.LogGroupLogDestination(this.accessLogs),
        format: accessLogFormat,
      },
    });

    this.handler = new ExchangeFunction(this, 'Handler', {
      entry: 'functions/api/handler.ts',
      serviceName: serviceNames.api,
      description: 'London Data Exchange API, CKAN, DCAT and web pages (Hono)',
      data: props.data,
      // Presigned and direct uploads write to uploads; downloads and row queries read the published files.
      access: { table: 'readWrite', uploads: 'readPut', published: 'read' },
      // Row queries run DuckDB in the function: it may use 60% of the memory (cache-budget.ts), and
      // versions too large for memory are cached as Parquet in /tmp. Lambda's CPU share grows with memory.
      memorySize: API_MEMORY_MB,
      ephemeralStorageSize: apiEphemeralStorage,
      nativeDuckDb: true,
      lazyPackages: true,
      lazySourceMaps: true,
      logRetention,
      environment: {
        [envNames.adminTokenSha256]: props.adminTokenSha256,
        [envNames.publicBaseUrl]: props.publicBaseUrl ?? this.httpApi.apiEndpoint,
        [rowsDiskCacheEnv]: String(rowsDiskCacheMb),
        ...props.athena.environment,
      },
    });
    // Row queries over versions above ATHENA_ABOVE_PARQUET_BYTES go to Athena (functions/rows/athena-source.ts).
    props.athena.grantQuery(this.handler.role);

    const route = new apigw.HttpRoute(this, 'DefaultRoute', {
      httpApi: this.httpApi,
      routeKey: apigw.HttpRouteKey.DEFAULT,
      integration: new HttpLambdaIntegration('ApiIntegration', this.handler.function),
    });
    Validations.of(route).acknowledge({
      id: 'AwsSolutions-APIG4',
      reason:
        'Anonymous access is the product: open-tier metadata and data are public. Callers ' +
        'identify with bearer tokens that the application checks on every request, and one ' +
        'policy module decides each read per dataset tier and grant (functions/domain/policy.ts), which an ' +
        'API Gateway authoriser cannot express.',
    });
  }

  /** The URL of the default stage (ends with `/`). */
  get url(): string {
    return this.stage.url;
  }
}

import { RemovalPolicy, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { envNames } from '../../functions/storage/layout';
import { ExchangeFunction, type ExchangeData } from './exchange-function';

export interface ExchangeApiProps {
  readonly data: ExchangeData;
  /** sha256 hex of the platform administrator token (never the token itself). */
  readonly adminTokenSha256: string;
  /** Public origin of the exchange, e.g. a CloudFront domain. @default the HTTP API endpoint */
  readonly publicBaseUrl?: string;
  /** Default-stage throttling for all routes. @default 100 requests/s, bursts of 200 */
  readonly throttle?: apigw.ThrottleSettings;
  /** @default one year */
  readonly logRetention?: logs.RetentionDays;
}

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
      description: 'London Data Exchange API, CKAN, DCAT and web pages (Hono)',
      data: props.data,
      // Presigned and direct uploads write to uploads; downloads read the published files.
      access: { table: 'readWrite', uploads: 'readPut', published: 'read' },
      logRetention,
      environment: {
        [envNames.adminTokenSha256]: props.adminTokenSha256,
        [envNames.publicBaseUrl]: props.publicBaseUrl ?? this.httpApi.apiEndpoint,
      },
    });

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
        'policy module decides each read per dataset tier and grant (DESIGN.md), which an ' +
        'API Gateway authoriser cannot express.',
    });
  }

  /** The URL of the default stage (ends with `/`). */
  get url(): string {
    return this.stage.url;
  }
}

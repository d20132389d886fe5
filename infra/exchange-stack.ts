import { CfnOutput, CfnParameter, Stack, type StackProps } from 'aws-cdk-lib';
import type { ThrottleSettings } from 'aws-cdk-lib/aws-apigatewayv2';
import { Construct } from 'constructs';
import { AlarmTopic } from './constructs/alarm-topic';
import { ExchangeApi } from './constructs/api';
import { ExchangeBuckets } from './constructs/buckets';
import { CatalogueStorage } from './constructs/catalogue-storage';
import { ExchangeAlarms } from './constructs/exchange-alarms';
import { ExchangeDashboard } from './constructs/exchange-dashboard';
import { ExchangeEdge } from './constructs/edge';
import { HarvestJobs } from './constructs/harvest-jobs';
import { ExchangeIdentity } from './constructs/identity';
import { ExchangeIngest } from './constructs/ingest';
import { RowsAthena, type RowsAthenaNames } from './constructs/rows-athena';
import { SchemaEvents } from './constructs/schema-events';
import { SearchIndexer } from './constructs/search-indexer';

export interface ExchangeStackProps extends StackProps {
  /** Public origin of the exchange (custom domain / CloudFront). @default the HTTP API endpoint */
  readonly publicBaseUrl?: string;
  /** Origins allowed to PUT to presigned upload URLs from a browser. @default ['*'] */
  readonly uploadCorsOrigins?: string[];
  /** Default-stage throttling of the HTTP API. */
  readonly apiThrottle?: ThrottleSettings;
  /** Names of the row API's Glue database and Athena workgroup (unique per account and region). */
  readonly athenaNames?: RowsAthenaNames;
  /** Email address subscribed to the alarm topic. @default CDK context `alarmEmail`; neither: no subscription */
  readonly alarmEmail?: string;
  /** Organisations' OpenID providers (infra/constructs/identity.ts). @default CDK context `identityProviders` (a JSON array); neither: token sign-in only */
  readonly identityProviders?: readonly unknown[];
}

/** The CDK context key naming the alarm email (`cdk deploy -c alarmEmail=ops@example.org`). */
export const alarmEmailContextKey = 'alarmEmail';
/** The CDK context key holding the identity providers' JSON array (`cdk deploy -c identityProviders='[…]'`, or cdk.context.json). */
export const identityProvidersContextKey = 'identityProviders';

/**
 * The London Data Exchange in AWS: catalogue table, buckets, the API (with the row API's Athena
 * scale-out resources), ingest, and the search indexer that both writers wake through its queue.
 * Further functions (jobs) are each one more construct bound to `data` like ExchangeApi.
 */
export class ExchangeStack extends Stack {
  readonly storage: CatalogueStorage;
  readonly buckets: ExchangeBuckets;
  readonly athena: RowsAthena;
  readonly api: ExchangeApi;
  readonly edge: ExchangeEdge;
  readonly ingest: ExchangeIngest;
  readonly indexer: SearchIndexer;
  readonly alarmTopic: AlarmTopic;
  readonly alarms: ExchangeAlarms;
  readonly dashboard: ExchangeDashboard;
  readonly harvest: HarvestJobs;
  readonly identity: ExchangeIdentity;
  readonly schemaEvents: SchemaEvents;

  constructor(scope: Construct, id: string, props: ExchangeStackProps = {}) {
    super(scope, id, {
      description: 'London Data Exchange: open-data catalogue, uploads, downloads and APIs',
      ...props,
    });

    const adminTokenSha256 = new CfnParameter(this, 'AdminTokenSha256', {
      type: 'String',
      noEcho: true,
      allowedPattern: '^[0-9a-f]{64}$',
      constraintDescription: 'must be 64 lowercase hexadecimal characters (a sha256 digest)',
      description:
        'The sha256 hex digest (64 lowercase hex characters) of the platform administrator ' +
        'token you have chosen, NOT the token itself; e.g. ' +
        '`printf %s "$LDX_ADMIN_TOKEN" | sha256sum | cut -d" " -f1`.',
    });

    this.storage = new CatalogueStorage(this, 'Catalogue');
    this.buckets = new ExchangeBuckets(this, 'Buckets', { uploadCorsOrigins: props.uploadCorsOrigins });
    const data = { storage: this.storage, buckets: this.buckets };
    this.athena = new RowsAthena(this, 'Athena', { buckets: this.buckets, ...props.athenaNames });

    this.api = new ExchangeApi(this, 'Api', {
      data,
      athena: this.athena,
      adminTokenSha256: adminTokenSha256.valueAsString,
      publicBaseUrl: props.publicBaseUrl,
      throttle: props.apiThrottle,
    });
    this.edge = new ExchangeEdge(this, 'Edge', { httpApi: this.api.httpApi });
    // A version of a standard proposed or published: an EventBridge event, sent by the API or the outbox relay.
    this.schemaEvents = new SchemaEvents(this, 'SchemaEvents', { data, publicBaseUrl: props.publicBaseUrl ?? this.api.httpApi.apiEndpoint });
    this.schemaEvents.grantPublish(this.api.handler);
    const identityContext = this.node.tryGetContext(identityProvidersContextKey) as string | unknown[] | undefined;
    this.identity = new ExchangeIdentity(this, 'Identity', {
      providers: props.identityProviders ?? (typeof identityContext === 'string' ? JSON.parse(identityContext) : (identityContext ?? [])),
      handler: this.api.handler,
      callbackUrl: `${props.publicBaseUrl ?? this.api.httpApi.apiEndpoint}/publish/sign-in/callback`,
    });
    this.ingest = new ExchangeIngest(this, 'Ingest', { data });
    this.indexer = new SearchIndexer(this, 'SearchIndexer', { data });
    // Both write the catalogue (announceDatasetChange) and so wake the indexer.
    this.indexer.grantPublish(this.api.handler);
    this.indexer.grantPublish(this.ingest.handler);

    const alarmEmail = props.alarmEmail ?? (this.node.tryGetContext(alarmEmailContextKey) as string | undefined);
    this.alarmTopic = new AlarmTopic(this, 'AlarmTopic', { email: alarmEmail });
    const watched = { api: this.api, ingest: this.ingest, indexer: this.indexer };
    this.alarms = new ExchangeAlarms(this, 'Alarms', { ...watched, topic: this.alarmTopic.topic });
    // Scheduled harvests and link checks; their writes wake the indexer like the API's.
    this.harvest = new HarvestJobs(this, 'Harvest', { data, alarmTopic: this.alarmTopic.topic });
    this.indexer.grantPublish(this.harvest.harvester);
    this.indexer.grantPublish(this.harvest.linkChecker);
    // "Harvest now" queues its run for the harvester rather than running it inside an API request.
    this.harvest.grantQueueRuns(this.api.handler);
    this.dashboard = new ExchangeDashboard(this, 'Dashboard', { ...watched, alarms: [...this.alarms.all, this.harvest.deadLetterAlarm] });

    new CfnOutput(this, 'ApiUrl', { value: this.api.url, description: 'Base URL of the exchange API and web pages' });
    new CfnOutput(this, 'EdgeUrl', {
      value: this.edge.url,
      description:
        'The exchange through CloudFront (TLS, HTTP/2 and 3, compression, anonymous GETs cached briefly); deploy with -c publicBaseUrl=<this URL> so links point here',
    });
    new CfnOutput(this, 'CatalogueTableName', { value: this.storage.table.tableName });
    new CfnOutput(this, 'UploadsBucketName', { value: this.buckets.uploads.bucketName });
    new CfnOutput(this, 'PublishedBucketName', { value: this.buckets.published.bucketName });
    new CfnOutput(this, 'SchemaEventBusName', {
      value: this.schemaEvents.bus.eventBusName,
      description: 'EventBridge bus of schema events (source london-data-exchange): add rules to it to subscribe',
    });
    new CfnOutput(this, 'AthenaWorkGroupName', { value: this.athena.workGroupName });
    new CfnOutput(this, 'GlueDatabaseName', { value: this.athena.databaseName });
    new CfnOutput(this, 'AlarmTopicArn', {
      value: this.alarmTopic.topic.topicArn,
      description: 'Every alarm notifies this topic; subscribe with -c alarmEmail=<address> or in the SNS console',
    });
    new CfnOutput(this, 'DashboardName', { value: this.dashboard.dashboard.dashboardName });
    new CfnOutput(this, 'IngestDeadLetterQueueUrl', {
      value: this.ingest.deadLetters.queueUrl,
      description: 'Failed ingest invocations (S3 event and error), kept 14 days',
    });
    new CfnOutput(this, 'SearchDeadLetterQueueUrl', {
      value: this.indexer.deadLetters.queueUrl,
      description: 'Catalogue-changed events the search indexer failed on 5 times, kept 14 days',
    });
  }
}

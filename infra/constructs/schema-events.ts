import { Duration } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { serviceNames } from '../../functions/observability/metric-names';
import { SCHEMA_EVENT_SOURCE, schemaEventTypes } from '../../functions/standards/events/publisher';
import { envNames } from '../../functions/storage/layout';
import { ExchangeFunction, type ExchangeData } from './exchange-function';

/** How often the relay sends what a request wrote to the outbox but could not send. */
export const relaySchedule = Duration.minutes(5);

/** How long the bus's archive keeps events, for replaying them to a new subscriber. */
export const archiveRetention = Duration.days(365);

/**
 * The rule pattern a subscriber uses for published versions (README "Standards" shows it as JSON):
 * on this bus, `source` london-data-exchange and detail-type "Schema version published". Narrow
 * it further with `detail`, e.g. `{ "schema": ["transparency-spend-over-500"], "change": ["breaking"] }`.
 */
export const publishedVersionsPattern: events.EventPattern = { source: [SCHEMA_EVENT_SOURCE], detailType: [schemaEventTypes.published] };

export interface SchemaEventsProps {
  readonly data: ExchangeData;
  /** The exchange's public base URL: the events' links are built from it. */
  readonly publicBaseUrl: string;
  /** @default one year */
  readonly logRetention?: logs.RetentionDays;
}

/**
 * Events other systems subscribe to when a version of a common standard is proposed or published
 * (functions/standards/events): a custom EventBridge bus, an archive of its events, and the
 * outbox relay, a small function the schedule runs to send any event still pending in the
 * catalogue. Writers are given PutEvents on this bus alone with `grantPublish`.
 */
export class SchemaEvents extends Construct {
  readonly bus: events.EventBus;
  readonly archive: events.Archive;
  readonly relay: ExchangeFunction;

  constructor(scope: Construct, id: string, props: SchemaEventsProps) {
    super(scope, id);

    this.bus = new events.EventBus(this, 'Bus', {
      description: 'London Data Exchange: a version of a common standard proposed or published (source london-data-exchange)',
    });
    this.archive = this.bus.archive('Archive', {
      description: 'Every schema event, kept a year so a new subscriber can replay the history',
      eventPattern: { source: [SCHEMA_EVENT_SOURCE] },
      retention: archiveRetention,
    });

    this.relay = new ExchangeFunction(this, 'Relay', {
      entry: 'functions/standards/events/relay-handler.ts',
      serviceName: serviceNames.schemaEventRelay,
      description: 'London Data Exchange schema-event relay: sends schema events still pending in the outbox',
      data: props.data,
      // Reads versions and datasets (to name only public ones), writes events and their delivery state.
      access: { table: 'readWrite' },
      memorySize: 512,
      timeout: Duration.minutes(1),
      // One relay at a time: two would send the same pending event twice.
      reservedConcurrentExecutions: 1,
      environment: { [envNames.publicBaseUrl]: props.publicBaseUrl },
      logRetention: props.logRetention,
    });
    this.grantPublish(this.relay);

    new events.Rule(this, 'RelaySchedule', {
      description: 'Sends schema events a request wrote but could not send',
      schedule: events.Schedule.rate(relaySchedule),
      targets: [new targets.LambdaFunction(this.relay.function)],
    });
    // A failed run is superseded by the next tick, which finds the same pending events.
    this.relay.function.configureAsyncInvoke({ retryAttempts: 0, maxEventAge: relaySchedule });
  }

  /**
   * Lets a writer put schema events: `events:PutEvents` on this bus only, and the bus's name in its
   * environment, where functions/wiring.ts builds the EventBridge publisher from it.
   */
  grantPublish(writer: ExchangeFunction): void {
    iam.Grant.addToPrincipal({ grantee: writer.role, actions: ['events:PutEvents'], resourceArns: [this.bus.eventBusArn] });
    writer.function.addEnvironment(envNames.schemaEventBus, this.bus.eventBusName);
  }
}

import type { AddressInfo } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import { createApp } from '../api/app';
import type { DomainContext } from '../domain/context';
import { hashToken } from '../domain/tokens';
import { type AwsEndpoints, createDynamoClient, createS3Client } from '../storage/aws-clients';
import { createDomainContext } from '../wiring';
import { emulatorCredentials, startEmulators, type Emulators } from './emulators';
import { startEmulatorsInChildProcess } from './emulator-process';
import { allowBrowserDownloads, allowBrowserUploads, ensureBucket, ensureTable } from './provision';
import { seedIfFresh } from './seed/seed';
import { SerialQueue } from './serial-queue';
import { handleS3Event, type S3EventLike } from '../ingest/s3-events';
import { type IndexerState, runIndexer } from '../indexer/run-indexer';
import { SerialEventBus } from '../storage/event-bus-local';
import { sweepOverdueIngests } from '../domain/version-outcome';
import { seedLocalPeople, startLocalIdentity } from '../identity/local-provider/local-identity';
import { providersFromEnvironment } from '../identity/provider-config';
import { CALLBACK_PATH } from '../web/publish/oidc-routes';
import { LocalSchemaEvents } from '../standards/events/local-publisher';
import { relaySchemaEvents } from '../standards/events/delivery';
import { urlsFor } from '../api/http/urls';

export interface LocalExchangeOptions {
  port: number;
  hostname?: string;
  /** Persist data here; omit for a throwaway exchange (tests). */
  dataDir?: string;
  adminToken: string;
  seed: boolean;
  now?: () => Date;
  /** Run ingest on s3rver's events (default). Off only for tests that drive the Lambda handler themselves. */
  ingestOnUpload?: boolean;
  /**
   * Run the emulators in a child process (default: in this one). The ingest benchmark does, so
   * this process's memory and CPU are the exchange's own, as in AWS where S3 is not in the Lambda.
   */
  emulatorsInChildProcess?: boolean;
  /** Server-Timing headers on every response (see AppOptions.serverTiming): for benchmarks. */
  serverTiming?: boolean;
  /** The URL links and redirects are built from (default: the URL printed, http://localhost:<port>). */
  publicBaseUrl?: string;
  /** Start the local OpenID provider (functions/identity/local-provider) on this port (0: any free one); people sign in through it. */
  identityProviderPort?: number;
}

export interface LocalExchange {
  url: string;
  emulators: Pick<Emulators, 'peakRssBytes' | 'childProcessId'>;
  endpoints: AwsEndpoints;
  names: { table: string; uploads: string; published: string };
  domain: DomainContext;
  seeded: boolean;
  /** The local OpenID provider's issuer, when one was started. */
  identityIssuer?: string;
  /** Resolves when the seed has written its files and every S3 event received so far has been ingested. */
  ingestIdle: () => Promise<void>;
  /** Resolves when every catalogue change so far has been folded into the stored search snapshot. */
  indexIdle: () => Promise<void>;
  stop: () => Promise<void>;
}

/** How often local mode looks for overdue ingests (LDX_INGEST_SWEEP_SECONDS overrides, for tests). */
const SWEEP_INTERVAL_MS = Number(process.env.LDX_INGEST_SWEEP_SECONDS ?? 60) * 1000;

/** Local resource names; in AWS the CDK stack names them and passes them in the environment. */
export const localNames = { table: 'ldx-catalogue', uploads: 'ldx-uploads', published: 'ldx-published' };

/** The whole exchange in one process: emulators, table and buckets, seed data, and the HTTP server. */
export const startLocalExchange = async (options: LocalExchangeOptions): Promise<LocalExchange> => {
  const emulators = options.emulatorsInChildProcess ? await startEmulatorsInChildProcess(options.dataDir) : await startEmulators(options.dataDir);
  const endpoints: AwsEndpoints = {
    region: 'eu-west-2',
    dynamoEndpoint: emulators.dynamoEndpoint,
    s3Endpoint: emulators.s3Endpoint,
    credentials: emulatorCredentials,
  };
  const dynamo = createDynamoClient(endpoints);
  const s3 = createS3Client(endpoints);
  await ensureTable(dynamo, localNames.table);
  for (const bucket of [localNames.uploads, localNames.published]) await ensureBucket(s3, bucket);
  await allowBrowserUploads(s3, localNames.uploads);
  await allowBrowserDownloads(s3, localNames.published);

  // Catalogue changes wake the same indexer code the Lambda runs, one run at a time.
  const events = new SerialEventBus((error) => console.error('indexing failed', error));
  const domain = createDomainContext({
    endpoints,
    tableName: localNames.table,
    buckets: { uploads: localNames.uploads, published: localNames.published },
    adminTokenSha256: hashToken(options.adminToken),
    now: options.now,
    events,
  });
  // Schema events go to an in-process bus; the feed GET /api/v1/schemas/{id}/events shows them.
  domain.schemaEvents = new LocalSchemaEvents();
  const indexerState: IndexerState = {};
  events.subscribe(async () => {
    await runIndexer(domain, indexerState);
  });
  // s3rver's in-process events drive the same ingest code the Lambda runs, one at a time.
  const ingestQueue = new SerialQueue((error) => console.error('ingest failed', error));
  if (options.ingestOnUpload ?? true) {
    // Nothing redelivers an event here, so the first attempt is the last: an error ends the version.
    emulators.onS3Event((event: S3EventLike) => ingestQueue.push(() => handleS3Event(domain, event, localNames.uploads, { maxAttempts: 1 })));
  }
  // Ingests that stopped (the process was killed, the emulators went away) end once overdue:
  // at start-up for those of an earlier run, then every minute. Beside ingests, not behind them: a hung ingest must not hold it up.
  let sweeping: Promise<unknown> = Promise.resolve();
  const sweep = () => {
    sweeping = sweeping.then(() => sweepOverdueIngests(domain)).catch((error: unknown) => console.error('sweeping overdue ingests failed', error));
  };
  sweep();
  const sweeper = setInterval(sweep, SWEEP_INTERVAL_MS);
  sweeper.unref();

  // A fresh seed writes its datasets and files in the background, while the exchange answers.
  const seeding = options.seed ? await seedIfFresh(domain) : { fresh: false, done: Promise.resolve() };
  seeding.done.catch((error: unknown) => console.error('seeding the datasets failed', error));
  const seeded = seeding.fresh;

  // The app's links need the port, which is only known once listening (port 0 picks a free one),
  // so the app is made in the listening callback, before any request can be read.
  let app: ReturnType<typeof createApp> | undefined;
  const hostname = options.hostname ?? '127.0.0.1';
  // Answers still being made: a client that hangs up does not stop its request's handler, and
  // stop() waits for them before the storage goes (else they end in "storage unavailable").
  const answering = new Set<Promise<Response>>();
  const answer = (request: Request): Response | Promise<Response> => {
    // Until the app exists (the identity provider needs the URL first) requests are answered 503.
    if (!app) return new Response('starting', { status: 503 });
    const answered = app.fetch(request);
    if (!(answered instanceof Promise)) return answered;
    answering.add(answered);
    const settled = () => answering.delete(answered);
    answered.then(settled, settled);
    return answered;
  };
  const server = createAdaptorServer({ fetch: answer, hostname });
  const url = await new Promise<string>((resolve) => {
    server.listen(options.port, hostname, () => resolve(options.publicBaseUrl ?? `http://localhost:${(server.address() as AddressInfo).port}`));
  });
  const identity =
    options.identityProviderPort === undefined
      ? undefined
      : await startLocalIdentity({ publicBaseUrl: url, callbackPath: CALLBACK_PATH, port: options.identityProviderPort, dataDir: options.dataDir });
  domain.identityProviders = [...(identity ? [identity.config] : []), ...providersFromEnvironment()];
  if (identity) await seedLocalPeople(domain, identity.provider.issuer);
  app = createApp({ domain, publicBaseUrl: url, serverTiming: options.serverTiming });
  // The schema-event outbox relay, beside the ingest sweep: what a request wrote but could not send.
  const relay = () => {
    sweeping = sweeping.then(() => relaySchemaEvents(domain, urlsFor(url))).catch((error: unknown) => console.error('relaying schema events failed', error));
  };
  relay();
  const relayer = setInterval(relay, SWEEP_INTERVAL_MS);
  relayer.unref();
  return {
    url,
    emulators: { peakRssBytes: emulators.peakRssBytes, childProcessId: emulators.childProcessId },
    endpoints,
    names: localNames,
    domain,
    seeded,
    identityIssuer: identity?.provider.issuer,
    ingestIdle: async () => {
      await seeding.done.catch(() => {});
      await ingestQueue.idle();
    },
    indexIdle: async () => {
      await seeding.done.catch(() => {});
      await ingestQueue.idle();
      await events.idle();
    },
    stop: async () => {
      clearInterval(sweeper);
      clearInterval(relayer);
      await seeding.done.catch(() => {});
      await sweeping;
      await ingestQueue.idle();
      await events.idle();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.allSettled([...answering]);
      await identity?.provider.stop();
      dynamo.destroy();
      s3.destroy();
      await emulators.stop();
    },
  };
};

import * as path from 'node:path';
import { Duration, RemovalPolicy, Validations, type Size } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { logLevel, metricNamespace, powertoolsEnvNames, type ServiceName } from '../../functions/observability/metric-names';
import { envNames } from '../../functions/storage/layout';
import { functionEntry, lockFile, repoRoot } from '../paths';
import type { ExchangeBuckets, ObjectAccess } from './buckets';
import type { CatalogueStorage } from './catalogue-storage';
import { apiLazyPackageBundling } from './lazy-packages';
import { duckDbBundling, duckDbPackages } from './native-duckdb';

/**
 * Every exchange function runs on x86_64: the DuckDB bindings installed here are linux-x64
 * (see duckDbBindingsByArchitecture), and a function with `nativeDuckDb` ships the binding
 * package for exactly this architecture.
 */
export const functionArchitecture = lambda.Architecture.X86_64;

/** The shared storage every exchange function is bound to. */
export interface ExchangeData {
  readonly storage: CatalogueStorage;
  readonly buckets: ExchangeBuckets;
}

/** The least access a function needs; anything left out is not granted. */
export interface DataAccess {
  readonly table?: 'read' | 'readWrite';
  readonly uploads?: ObjectAccess;
  readonly published?: ObjectAccess;
}

export interface ExchangeFunctionProps {
  /** Entry file relative to the repository root, e.g. `functions/api/handler.ts`. */
  readonly entry: string;
  /** POWERTOOLS_SERVICE_NAME, and so the `service` dimension of the function's metrics. */
  readonly serviceName: ServiceName;
  readonly description: string;
  readonly data: ExchangeData;
  readonly access: DataAccess;
  /** Extra environment variables (storage names are always bound). */
  readonly environment?: Record<string, string>;
  /** @default 1024 */
  readonly memorySize?: number;
  /** @default 29 seconds */
  readonly timeout?: Duration;
  /** Size of /tmp. @default 512 MiB (Lambda's default) */
  readonly ephemeralStorageSize?: Size;
  /**
   * Ship DuckDB (`@duckdb/node-api` and its native binding for `functionArchitecture`) beside
   * the bundle in `node_modules/`, copied offline from the repository. @default false
   */
  readonly nativeDuckDb?: boolean;
  /**
   * Build the packages the API requires only on first use (apiLazyPackages in lazy-packages.ts)
   * into files beside the bundle, so that a cold start neither reads nor compiles them. @default false
   */
  readonly lazyPackages?: boolean;
  /**
   * Read the source map only when a stack is first written out (the handler installs
   * functions/observability/lazy-source-maps.ts) instead of Node's --enable-source-maps, which
   * reads and parses it while loading the bundle, at every cold start. @default false
   */
  readonly lazySourceMaps?: boolean;
  /**
   * Modules the function runs as worker threads (paths from the repository root), each built
   * with its imports into `<name>.js` beside the bundle, where the bundle's code looks for it
   * (the ingest's sheet worker: functions/ingest/core/workbook/sheet-in-worker.ts). @default none
   */
  readonly workerEntries?: readonly string[];
  /** @default one year */
  readonly logRetention?: logs.RetentionDays;
  /** Concurrent executions reserved (and so also the cap). @default none: the account's unreserved pool */
  readonly reservedConcurrentExecutions?: number;
}

/** esbuild's target for every function: the Lambda runtime's Node. */
const BUNDLE_TARGET = 'node24';

/** The bundling's external modules and after-bundling commands: DuckDB's packages copied, the lazy packages built. */
const bundlingHooks = (props: ExchangeFunctionProps): Pick<nodejs.BundlingOptions, 'externalModules' | 'commandHooks'> => {
  const duckDb = props.nativeDuckDb ? duckDbBundling(functionArchitecture) : undefined;
  const lazy = props.lazyPackages ? apiLazyPackageBundling(BUNDLE_TARGET, props.nativeDuckDb ? duckDbPackages(functionArchitecture) : []) : undefined;
  const workers = props.workerEntries ?? [];
  if (!duckDb && !lazy && workers.length === 0) return {};
  return {
    externalModules: [...(duckDb?.externalModules ?? []), ...(lazy?.externalModules ?? [])],
    commandHooks: {
      beforeBundling: () => [],
      beforeInstall: () => [],
      afterBundling: (inputDir, outputDir) => [
        ...(duckDb?.commandHooks.afterBundling(inputDir, outputDir) ?? []),
        ...(lazy?.afterBundling(inputDir, outputDir) ?? []),
        ...workers.map((entry) => workerBuild(inputDir, outputDir, entry)),
      ],
    },
  };
};

/** The shell command building a worker module into `<name>.js` beside the bundle, with the repository's esbuild. */
const workerBuild = (inputDir: string, outputDir: string, entry: string): string =>
  [
    path.posix.join(inputDir, 'node_modules', '.bin', 'esbuild'),
    path.posix.join(inputDir, entry),
    '--bundle',
    '--platform=node',
    `--target=${BUNDLE_TARGET}`,
    '--format=cjs',
    `--outfile=${path.posix.join(outputDir, `${path.posix.basename(entry, '.ts')}.js`)}`,
  ]
    .map((arg) => `'${arg.replace(/'/g, `'\\''`)}'`)
    .join(' ');

/**
 * One exchange Lambda: a NodejsFunction bundled with the local esbuild (no Docker), its own
 * log group with retention, JSON logs and X-Ray tracing, a role that may write only to that log
 * group (and send traces), environment variables naming the storage (envNames in layout.ts) and
 * configuring Powertools (functions/observability/metric-names.ts), and the grants listed in `access`.
 */
export class ExchangeFunction extends Construct {
  readonly function: nodejs.NodejsFunction;
  readonly role: iam.Role;
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: ExchangeFunctionProps) {
    super(scope, id);
    const { storage, buckets } = props.data;

    this.logGroup = new logs.LogGroup(this, 'Logs', {
      retention: props.logRetention ?? logs.RetentionDays.ONE_YEAR,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // An explicit role instead of the AWSLambdaBasicExecutionRole managed policy (cdk-nag IAM4),
    // whose log permissions cover every log group in the account.
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Execution role of ${props.entry}`,
    });
    this.logGroup.grantWrite(this.role);

    this.function = new nodejs.NodejsFunction(this, 'Function', {
      entry: functionEntry(props.entry),
      handler: 'handler',
      description: props.description,
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: functionArchitecture,
      memorySize: props.memorySize ?? 1024,
      timeout: props.timeout ?? Duration.seconds(29),
      ephemeralStorageSize: props.ephemeralStorageSize,
      reservedConcurrentExecutions: props.reservedConcurrentExecutions,
      role: this.role,
      logGroup: this.logGroup,
      // One JSON object per line, so Logs Insights can filter on fields; Lambda drops lines below the level.
      loggingFormat: lambda.LoggingFormat.JSON,
      applicationLogLevelV2: lambda.ApplicationLogLevel[logLevel],
      tracing: lambda.Tracing.ACTIVE,
      projectRoot: repoRoot,
      depsLockFilePath: lockFile,
      environment: {
        [envNames.tableName]: storage.table.tableName,
        [envNames.uploadsBucket]: buckets.uploads.bucketName,
        [envNames.publishedBucket]: buckets.published.bucketName,
        ...(props.lazySourceMaps ? {} : { NODE_OPTIONS: '--enable-source-maps' }),
        [powertoolsEnvNames.serviceName]: props.serviceName,
        [powertoolsEnvNames.metricsNamespace]: metricNamespace,
        [powertoolsEnvNames.logLevel]: logLevel,
        ...props.environment,
      },
      bundling: {
        forceDockerBundling: false,
        format: nodejs.OutputFormat.CJS,
        target: BUNDLE_TARGET,
        minify: true,
        sourceMap: true,
        sourceMapMode: nodejs.SourceMapMode.DEFAULT,
        // Stack traces need only the mappings: with the sources' text the map is about three times
        // larger, and --enable-source-maps reads and keeps all of it at every cold start.
        sourcesContent: false,
        // Ship the SDK version pinned in package-lock.json (the one local mode and tests run),
        // rather than whichever version the Lambda runtime carries.
        bundleAwsSDK: true,
        // The lazy groups' build reads which modules the bundle holds (infra/build-lazy-packages.ts removes the file).
        ...(props.lazyPackages ? { metafile: true } : {}),
        ...bundlingHooks(props),
      },
    });

    Validations.of(this.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'Active X-Ray tracing: Lambda adds xray:PutTraceSegments and xray:PutTelemetryRecords on "*" to ' +
        'the execution role. These X-Ray actions support no resource-level permissions, so "*" is the ' +
        'only resource they can name; they send trace data and read nothing.',
    });

    if (props.access.table === 'read') storage.grantRead(this.role);
    if (props.access.table === 'readWrite') storage.grantReadWrite(this.role);
    if (props.access.uploads) buckets.grantObjects('uploads', this.role, props.access.uploads);
    if (props.access.published) buckets.grantObjects('published', this.role, props.access.published);
  }
}

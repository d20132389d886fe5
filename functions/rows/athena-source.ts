import type { DomainContext } from '../domain/context';
import type { ResourceVersion, StoredObject } from '../domain/versions';
import { envNames } from '../storage/layout';
import { type AggregateOutput, SQL_TYPE_OF } from './aggregate-plan';
import { athenaAggregateQuery, athenaCountQuery, athenaGroupCountQuery, athenaPageQuery, type AthenaTable } from './athena-sql';
import type { Column } from './query-model';
import { type ExecutorTiming, runAthenaQuery, typedAthenaRows } from './athena-executor';
import type { AthenaPort, GluePort } from './athena-port';
import { athenaCopyLocation, athenaVersionTable, glueTableName } from './glue-table';
import { ATHENA_ABOVE_PARQUET_BYTES, athenaCopyKey, decodeLocalDatetimes, LOCAL_DATETIMES_METADATA } from '../domain/athena-copy';
import { ATHENA_QUERY_TIMEOUT_MS } from './limits';
import { pageColumns } from './sql-render';
import type { RowSource } from './row-source';

/** The Athena path of a deployment: its ports, names, and what this process already checked. */
export interface AthenaRows {
  athena: AthenaPort;
  glue: GluePort;
  database: string;
  publishedBucket: string;
  /** Versions above this Parquet size are read through Athena (when their Athena copy exists). */
  aboveParquetBytes: number;
  timing: Omit<ExecutorTiming, 'timeoutMs'> & { timeoutMs?: number };
  /**
   * Glue tables known to exist, and each Athena copy's date-time columns without an offset, or
   * null when there is no copy (keys never change, and a copy is written before its version is published).
   */
  readonly tables: Set<string>;
  readonly copies: Map<string, ReadonlySet<number> | null>;
}

export const athenaRows = (deps: Pick<AthenaRows, 'athena' | 'glue' | 'database' | 'publishedBucket'> & Partial<AthenaRows>): AthenaRows => ({
  aboveParquetBytes: ATHENA_ABOVE_PARQUET_BYTES,
  timing: {},
  tables: new Set(),
  copies: new Map(),
  ...deps,
});

let fromEnvironment: { env: NodeJS.ProcessEnv; rows: AthenaRows | undefined } | undefined;

/**
 * The deployment's Athena path, or undefined when it has none: local mode and tests set no
 * workgroup, so DuckDB serves every version there.
 */
export const athenaRowsFromEnvironment = (env: NodeJS.ProcessEnv = process.env): AthenaRows | undefined => {
  if (fromEnvironment?.env === env) return fromEnvironment.rows;
  const workGroup = env[envNames.athenaWorkGroup];
  const database = env[envNames.glueDatabase];
  const publishedBucket = env[envNames.publishedBucket];
  let rows: AthenaRows | undefined;
  if (workGroup && database && publishedBucket) {
    // The SDK clients load only where Athena is configured (never locally, never in tests).
    const { awsAthena, awsGlue } = require('./athena-aws') as typeof import('./athena-aws');
    rows = athenaRows({ athena: awsAthena(workGroup), glue: awsGlue(), database, publishedBucket });
  }
  fromEnvironment = { env, rows };
  return rows;
};

/** The engine choice by size: only versions whose Parquet is above the documented size go to Athena. */
export const usesAthena = (parquet: Pick<StoredObject, 'bytes'>, athena: AthenaRows | undefined): athena is AthenaRows =>
  athena !== undefined && parquet.bytes > athena.aboveParquetBytes;

export interface AthenaVersion {
  datasetId: string;
  resourceName: string;
  version: ResourceVersion;
  parquet: StoredObject;
}

/** A large version's Glue table and the columns clients query it by (Glue's are lower-cased). */
export interface AthenaVersionSource {
  table: AthenaTable;
  columns: Column[];
}

/**
 * The Glue table of a large version, registered on first use (GetTable, CreateTable if
 * missing). Undefined when the version has no Athena copy yet or a schema Glue cannot map:
 * then DuckDB serves it (from its cached file).
 */
export const athenaVersionSource = async (ctx: DomainContext, rows: AthenaRows, input: AthenaVersion): Promise<AthenaVersionSource | undefined> => {
  const copyKey = athenaCopyKey(input.parquet.key);
  let localDatetimes = rows.copies.get(copyKey);
  if (localDatetimes === undefined) {
    const head = await ctx.objects.head({ bucket: 'published', key: copyKey });
    localDatetimes = head ? decodeLocalDatetimes(head.metadata[LOCAL_DATETIMES_METADATA]) : null;
    rows.copies.set(copyKey, localDatetimes);
  }
  if (localDatetimes === null) return undefined;
  const name = glueTableName(input.datasetId, input.resourceName, input.version.version);
  const mapped = athenaVersionTable({
    name,
    schema: input.version.schema,
    localDatetimes,
    location: athenaCopyLocation(rows.publishedBucket, input.parquet.key),
    description: `London Data Exchange: ${input.datasetId}/${input.resourceName} version ${input.version.version}`,
  });
  if (!mapped) return undefined;
  if (!rows.tables.has(name)) {
    if (!(await rows.glue.tableExists(rows.database, name))) await rows.glue.createTable(rows.database, mapped.table);
    rows.tables.add(name);
  }
  return { table: { database: rows.database, table: name, rowIdColumn: mapped.rowIdColumn }, columns: mapped.columns };
};

/** The Athena source of a large version (see athenaVersionSource), or undefined when DuckDB must serve it. */
export const athenaRowSource = async (ctx: DomainContext, rows: AthenaRows, input: AthenaVersion): Promise<RowSource | undefined> => {
  const registered = await athenaVersionSource(ctx, rows, input);
  if (!registered) return undefined;
  const { table } = registered;
  const timing: ExecutorTiming = { timeoutMs: ATHENA_QUERY_TIMEOUT_MS, ...rows.timing };
  return {
    engine: 'athena',
    columns: registered.columns,
    rowCount: input.version.rowCount,
    async page(plan) {
      const query = athenaPageQuery(table, plan);
      const columns = pageColumns(plan.select, plan.order);
      return { columns, rows: typedAthenaRows(columns, await runAthenaQuery(rows.athena, query, timing)) };
    },
    async count(plan, samplePercent) {
      const [[n]] = await runAthenaQuery(rows.athena, athenaCountQuery(table, plan, samplePercent), timing);
      return Number(n);
    },
    async aggregate(plan) {
      const columns = [...plan.groups, ...plan.measures].map(outputColumn);
      return typedAthenaRows(columns, await runAthenaQuery(rows.athena, athenaAggregateQuery(table, plan), timing));
    },
    async countGroups(plan) {
      if (plan.groups.length === 0) return 1;
      const [[n]] = await runAthenaQuery(rows.athena, athenaGroupCountQuery(table, plan), timing);
      return Number(n);
    },
  };
};

/** How Athena's text of an output is typed: a plain group or a min/max keeps its column's type (instant or local time). */
const outputColumn = (output: AggregateOutput): Column => {
  const keepsColumn = output.kind === 'group' ? !output.bucket : output.fn === 'min' || output.fn === 'max';
  if (keepsColumn && output.column) return output.column;
  return { name: output.alias, type: output.type, sqlType: SQL_TYPE_OF.get(output.type)! };
};

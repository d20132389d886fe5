import { auditsDataReads, recordAudit } from '../domain/audit';
import { rowsJsonLength } from './json-size';
import type { Caller } from '../domain/caller';
import type { DomainContext } from '../domain/context';
import type { Dataset } from '../domain/datasets';
import { readableVersion } from '../domain/data-access';
import { badRequest, ExchangeError, notFound } from '../domain/errors';
import type { ResourceVersion } from '../domain/versions';
import type { StoredRecord } from '../storage/catalogue-store';
import { athenaRowSource, athenaRowsFromEnvironment, usesAthena } from './athena-source';
import { type CursorState, decodeCursor, encodeCursor, queryFingerprint } from './cursor';
import { duckDbRowSource } from './duckdb-source';
import { ROW_LIMITS, type RowLimits } from './limits';
import { placePredicates } from './place-filter';
import { continuePlan, planQuery } from './plan';
import { type Column, type PlannedQuery, ROW_ID, type RowRequest } from './query-model';
import type { JsonCell } from './render-values';
import { rowEngineFor } from './row-engine';
import type { RowSource } from './row-source';
import { timeRowQuery } from '../observability/query-metrics';

export interface RowsInput {
  dataset: string;
  resource: string;
  request: RowRequest;
  /** The route, for the audit log. */
  route: string;
  limits?: RowLimits;
}

export interface RowsPage {
  dataset: Dataset;
  resourceName: string;
  version: number;
  /** The projected columns; each record's cells are in this order. */
  columns: Column[];
  records: JsonCell[][];
  /** The row number (1-based, file order) of each record: CKAN's `_id`. */
  rowIds: number[];
  total?: number;
  totalEstimated: boolean;
  /** Continues after the last record (same version, same query); absent on the last page. */
  nextCursor?: string;
}

/**
 * Reads a page of a published version's rows. The caller passes the same gate as a download
 * (readableVersion: tier policy and grants; a 404 as if there were no data otherwise), and reads
 * of shared and private data are audited.
 */
export const queryRows = async (ctx: DomainContext, caller: Caller, input: RowsInput): Promise<RowsPage> => {
  const limits = input.limits ?? ROW_LIMITS;
  const { request } = input;
  const cursor = request.cursor === undefined ? undefined : decodeCursor(request.cursor);
  if (cursor && cursor.query !== queryFingerprint(request)) {
    throw badRequest('The cursor belongs to a different query: keep filters, q and sort as they were, or start again without a cursor.', { field: 'cursor' });
  }
  if (cursor && request.version !== undefined && request.version !== cursor.version) {
    throw badRequest(`The cursor pages through version ${cursor.version}; leave out version or give that one.`, { field: 'version' });
  }
  const { dataset, resourceName, version, source, release } = await openRowSource(
    ctx,
    caller,
    input.dataset,
    input.resource,
    cursor?.version ?? request.version,
    limits,
  );
  try {
    const page = await timeRowQuery(source.engine, () => readPage(source, version.value, request, cursor, limits));
    if (auditsDataReads(dataset)) {
      await recordAudit(ctx, caller, dataset, 'data.rows', input.route, {
        resource: resourceName,
        version: version.value.version,
        rows: page.records.length,
        ...(request.conditions.length > 0 ? { filteredColumns: [...new Set(request.conditions.map((c) => c.column))] } : {}),
        ...(request.search.length > 0 ? { search: true } : {}),
        ...(request.place ? { place: request.place } : {}),
      });
    }
    return { dataset, resourceName, version: version.value.version, ...page };
  } finally {
    release();
  }
};

export interface OpenedSource {
  dataset: Dataset;
  resourceName: string;
  version: StoredRecord<ResourceVersion>;
  source: RowSource;
  /** Gives the version back to the cache: call once the query is done. */
  release: () => void;
}

/**
 * The engine holding a version the caller may read: the same gate as a download (readableVersion:
 * tier policy and grants; a 404 as if there were no data otherwise), then Athena for a very large
 * version with an Athena copy, DuckDB's version cache for the others.
 */
export const openRowSource = async (
  ctx: DomainContext,
  caller: Caller,
  datasetReference: string,
  resourceReference: string,
  versionNumber: number | undefined,
  limits: RowLimits,
): Promise<OpenedSource> => {
  const { dataset, resourceName, version } = await readableVersion(ctx, caller, datasetReference, resourceReference, versionNumber);
  const parquet = version.value.state === 'published' ? version.value.objects?.parquet : undefined;
  if (!parquet) throw notFound('rows for this version (it was not published)');

  const athena = athenaRowsFromEnvironment();
  const fromAthena =
    athena && usesAthena(parquet, athena)
      ? await athenaRowSource(ctx, athena, { datasetId: dataset.id, resourceName, version: version.value, parquet })
      : undefined;
  let release = () => {};
  let source: RowSource;
  if (fromAthena) source = fromAthena;
  else {
    const engine = await rowEngineFor(ctx);
    const lease = await engine.versions.lease(parquet);
    release = lease.release;
    source = duckDbRowSource(engine, lease, version.value.schema, limits.queryTimeoutMs);
  }
  return { dataset, resourceName, version, source, release };
};

type PageOnly = Omit<RowsPage, 'dataset' | 'resourceName' | 'version'>;

/** A page of a source's rows: the same paging, cursors, totals and limits whichever engine reads them. */
export const readPage = async (
  source: RowSource,
  version: ResourceVersion,
  request: RowRequest,
  cursor: CursorState | undefined,
  limits: RowLimits,
): Promise<PageOnly> => {
  const planned = planQuery(request, source.columns, limits);
  const base = { ...planned, where: [...planned.where, ...placePredicates(request.place, version, source.columns)] };
  const plan: PlannedQuery = cursor ? continuePlan(base, cursor.position, limits) : base;
  // One row more than asked tells whether there is a next page.
  const oneMore = { ...plan, limit: plan.limit + 1 };
  const [pageRead, counted] = await Promise.all([
    source.page(oneMore, cursor ? Number(cursor.position[0]) : 0),
    cursor
      ? Promise.resolve(cursor.total === undefined ? undefined : { total: cursor.total, estimated: cursor.totalEstimated === true })
      : countRows(source, plan, request, limits),
  ]);
  const { rows } = pageRead;
  const more = rows.length > plan.limit;
  const pageRows = more ? rows.slice(0, plan.limit) : rows;
  const rowIdAt = pageRead.columns.indexOf(ROW_ID);
  const records = pageRows.map((row) => row.slice(0, plan.select.length));
  const size = rowsJsonLength(records, limits.maxResponseBytes);
  if (size > limits.maxResponseBytes) {
    throw new ExchangeError(
      'payload_too_large',
      `This page would be ${Math.ceil(size / 1024 / 1024)} MB; the limit is ${limits.maxResponseBytes / 1024 / 1024} MB. Ask for fewer rows (limit) or fewer columns (fields).`,
    );
  }
  let total = counted?.total;
  // An estimate is never below the rows seen so far.
  if (total !== undefined && counted?.estimated) total = Math.max(total, plan.offset + pageRows.length + (more ? 1 : 0));
  const last = pageRows[pageRows.length - 1];
  const nextCursor =
    more && last
      ? encodeCursor({
          version: version.version,
          position: plan.order.map((key) => last[pageRead.columns.indexOf(key.column)]),
          query: queryFingerprint(request),
          total,
          totalEstimated: counted?.estimated,
        })
      : undefined;
  return {
    columns: plan.select,
    records,
    rowIds: pageRows.map((row) => Number(row[rowIdAt])),
    total,
    totalEstimated: counted?.estimated === true,
    nextCursor,
  };
};

/** The number of matching rows: free without filters; exact, or from a sample when the version is very large. */
const countRows = async (
  source: RowSource,
  plan: PlannedQuery,
  request: RowRequest,
  limits: RowLimits,
): Promise<{ total: number; estimated: boolean } | undefined> => {
  if (request.total === 'none') return undefined;
  if (plan.where.length === 0 && source.rowCount !== undefined) return { total: source.rowCount, estimated: false };
  const estimate = request.total === 'auto' && source.rowCount !== undefined && source.rowCount > limits.exactTotalMaxRows;
  const n = await source.count(plan, estimate ? limits.estimateSamplePercent : undefined);
  return { total: estimate ? Math.round((n * 100) / limits.estimateSamplePercent) : n, estimated: estimate };
};

import { queryableColumns } from './columns';
import { duckDbAggregateSql, duckDbCountSql, duckDbGroupCountSql, duckDbSampleCountSql } from './duckdb-sql';
import { jsonRows } from './render-values';
import { asRowRange } from './plan';
import { readPageRows } from './page-rows';
import type { RowEngine } from './row-engine';
import type { RowSource } from './row-source';
import type { Lease } from './version-cache';

/** A version leased from the function's DuckDB version cache. */
export const duckDbRowSource = (engine: RowEngine, lease: Lease, schema: unknown, timeoutMs: number): RowSource => {
  const loaded = lease.version;
  return {
    engine: 'duckdb',
    columns: queryableColumns(schema, loaded.physical),
    rowCount: loaded.rowCount,
    page: (plan, afterRowId) => readPageRows(engine.duckdb, lease, asRowRange(plan, afterRowId) ?? plan, timeoutMs),
    async count(plan, samplePercent) {
      const sql = samplePercent === undefined ? duckDbCountSql(loaded, plan) : duckDbSampleCountSql(loaded, plan, samplePercent);
      // Paging through CKAN offsets repeats the same count: remembered per version and query.
      const key = `${loaded.relation}\u0000${sql.sql}\u0000${JSON.stringify(sql.params, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))}`;
      const cached = engine.counts.get(key);
      if (cached) return cached.total;
      const reader = await engine.duckdb.query(sql.sql, sql.params, timeoutMs);
      const n = Number(reader.getRowObjectsJson()[0].n);
      engine.counts.set(key, { total: n, estimated: samplePercent !== undefined });
      return n;
    },
    async aggregate(plan) {
      const sql = duckDbAggregateSql(loaded, plan);
      return jsonRows(await engine.duckdb.query(sql.sql, sql.params, timeoutMs));
    },
    async countGroups(plan) {
      if (plan.groups.length === 0) return 1;
      const sql = duckDbGroupCountSql(loaded, plan);
      // Paging through the groups repeats the same count: remembered like a filtered total.
      const key = `${loaded.relation}\u0000${sql.sql}\u0000${JSON.stringify(sql.params, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))}`;
      const cached = engine.counts.get(key);
      if (cached) return cached.total;
      const n = Number((await engine.duckdb.query(sql.sql, sql.params, timeoutMs)).getRowObjectsJson()[0].n);
      engine.counts.set(key, { total: n, estimated: false });
      return n;
    },
  };
};

type DuckDbApi = typeof import('@duckdb/node-api');

let api: DuckDbApi | undefined;

/**
 * DuckDB's node API, its native library loaded on first use (~100-200 ms): importing the
 * core (for the schema registry, say) must not load it. A plain require: a dynamic import()
 * of this CommonJS package goes through the ESM loader, which costs more again on first use.
 * The ingest handler calls it at init, so an upload never waits for the load.
 */
export function loadDuckDb(): DuckDbApi {
  api ??= require('@duckdb/node-api') as DuckDbApi;
  return api;
}

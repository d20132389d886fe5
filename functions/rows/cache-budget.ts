import { availableParallelism } from 'node:os';

/**
 * How much of the function the row API may use. In Lambda, memory follows the function's
 * configured size (AWS_LAMBDA_FUNCTION_MEMORY_SIZE); /tmp use is set by LDX_ROWS_DISK_CACHE_MB
 * and must stay below the function's ephemeral storage. Locally the defaults are generous.
 */
export interface CacheBudget {
  /** Versions loaded into DuckDB tables may use this much memory together (LRU beyond). */
  memoryBytes: number;
  /** Cached Parquet files of versions too large for memory may use this much of /tmp (LRU beyond). */
  diskBytes: number;
  /** Versions with a Parquet file up to this size are loaded into memory; larger ones are scanned from /tmp. */
  memoryTableMaxParquetBytes: number;
  /** DuckDB's own memory ceiling (tables plus working memory); beyond it, it spills to /tmp. */
  duckDbMemoryLimit: string;
  threads: number;
  /**
   * A version bound for memory is first queried from its cached Parquet file (a view: first
   * query in tens of milliseconds instead of the ~1 s load of 1M rows) and loaded into memory in
   * the background; later queries use the table. LDX_ROWS_FILE_FIRST=0 loads before answering.
   */
  fileFirst: boolean;
  /**
   * A file-first version is loaded into memory once the query that brought it in has its answer,
   * or after this long should that query still be running.
   */
  promoteAfterMs: number;
}

const MIB = 1024 * 1024;

export const cacheBudget = (env: NodeJS.ProcessEnv = process.env): CacheBudget => {
  const lambdaMb = Number(env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE);
  const inLambda = Number.isFinite(lambdaMb) && lambdaMb > 0;
  const diskMb = Number(env.LDX_ROWS_DISK_CACHE_MB);
  const functionMb = inLambda ? lambdaMb : 4096;
  return {
    memoryBytes: Math.floor(functionMb * 0.4) * MIB,
    diskBytes: (Number.isFinite(diskMb) && diskMb > 0 ? diskMb : inLambda ? 1536 : 4096) * MIB,
    memoryTableMaxParquetBytes: 64 * MIB,
    duckDbMemoryLimit: `${Math.floor(functionMb * 0.6)}MB`,
    threads: Math.max(1, Math.min(4, availableParallelism())),
    fileFirst: env.LDX_ROWS_FILE_FIRST !== '0',
    promoteAfterMs: 2_000,
  };
};

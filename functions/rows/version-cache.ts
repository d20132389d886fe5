import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { notFound } from '../domain/errors';
import type { ObjectStore } from '../storage/object-store';
import type { CacheBudget } from './cache-budget';
import type { PhysicalColumn } from './columns';
import { athenaRowIdColumn, unusedColumnName } from '../domain/athena-copy';
import { sqlIdentifier, sqlString } from '../ingest/core/duckdb';
import type { DuckDbEngine } from './duckdb-engine';
import type { DuckDbSource } from './duckdb-sql';
import type { SearchText } from './sql-render';

/** A version ready to query: a DuckDB table (in memory) or a view over its cached Parquet file. */
export interface LoadedVersion extends DuckDbSource {
  physical: PhysicalColumn[];
  rowCount: number;
  inMemory: boolean;
}

interface Entry {
  key: string;
  loaded: LoadedVersion;
  memoryBytes: number;
  diskBytes: number;
  file?: string;
  users: number;
  lastUsed: number;
  /** The index on the row number, once asked for (in-memory versions only). */
  rowIndex?: Promise<void>;
  /** The view over the file that served the version while its table was loading (fileFirst). */
  fileView?: string;
  /** Queues the load of a file-first version into memory (once: it clears itself). */
  promote?: () => void;
}

export interface Lease {
  version: LoadedVersion;
  /** Resolves once the version's table has an index on its row number (no-op for file-backed versions). */
  indexRowNumbers: () => Promise<void>;
  release: () => void;
}

/**
 * The versions this process has loaded, keyed by the Parquet object's key (immutable: a key is
 * never overwritten, so an entry never goes stale). Each Parquet file is fetched once through the
 * object-store port into the cache directory; small versions are then loaded into DuckDB tables
 * (fast to query; the file is deleted), large ones are queried from the file. Least recently used
 * versions not in use are dropped when memory or disk is over budget.
 */
export class VersionCache {
  private readonly entries = new Map<string, Entry>();
  private readonly loading = new Map<string, Promise<Entry>>();
  /** Loads and evictions change DuckDB's catalogue and the accounting one at a time. */
  private exclusive: Promise<unknown> = Promise.resolve();
  private counter = 0;
  /** Names of this cache's relations and files (unique even if two caches share an engine). */
  private readonly prefix = `v${randomBytes(4).toString('hex')}`;

  constructor(
    private readonly engine: DuckDbEngine,
    private readonly objects: ObjectStore,
    private readonly directory: string,
    private readonly budget: CacheBudget,
  ) {}

  async lease(parquet: { key: string; bytes: number }): Promise<Lease> {
    let entry = this.entries.get(parquet.key);
    // An eviction may run between a load finishing and this continuation: then load again.
    while (!entry) {
      let pending = this.loading.get(parquet.key);
      if (!pending) {
        pending = this.load(parquet).finally(() => this.loading.delete(parquet.key));
        this.loading.set(parquet.key, pending);
      }
      const loaded = await pending;
      entry = this.entries.get(parquet.key) === loaded ? loaded : undefined;
    }
    const held = entry;
    held.users++;
    held.lastUsed = performance.now();
    let released = false;
    return {
      version: held.loaded,
      indexRowNumbers: () => this.indexRowNumbers(held),
      release: () => {
        if (released) return;
        released = true;
        held.users--;
        held.lastUsed = performance.now();
        // After this tick, so the answer is written before the load takes the cores.
        if (held.promote) setImmediate(() => held.promote?.());
        if (held.users === 0 && this.overBudget()) {
          this.serially(() => this.evict(this.budget.memoryBytes, this.budget.diskBytes)).catch((error) => console.error('row cache eviction failed', error));
        }
      },
    };
  }

  /** Resolves when loads and evictions started so far have finished. */
  async settled(): Promise<void> {
    await this.exclusive;
  }

  private overBudget(): boolean {
    const { memoryBytes, diskBytes } = this.stats();
    return memoryBytes > this.budget.memoryBytes || diskBytes > this.budget.diskBytes;
  }

  /** Drops every version not in use (benchmarks measure cold queries with it). */
  async clear(): Promise<void> {
    await this.serially(() => this.evict(0, 0));
  }

  stats(): { versions: number; memoryBytes: number; diskBytes: number } {
    const all = [...this.entries.values()];
    return { versions: all.length, memoryBytes: sum(all.map((e) => e.memoryBytes)), diskBytes: sum(all.map((e) => e.diskBytes)) };
  }

  private serially<T>(work: () => Promise<T>): Promise<T> {
    const run = this.exclusive.then(work, work);
    this.exclusive = run.catch(() => undefined);
    return run;
  }

  private async load(parquet: { key: string; bytes: number }): Promise<Entry> {
    const n = ++this.counter;
    const file = join(this.directory, `${this.prefix}_${n}.parquet`);
    await this.fetch(parquet.key, file);
    return this.serially(async () => {
      try {
        const entry = await this.register(parquet.key, file, n);
        this.entries.set(parquet.key, entry);
        await this.evict(this.budget.memoryBytes, this.budget.diskBytes, entry);
        return entry;
      } catch (error) {
        await rm(file, { force: true });
        throw error;
      }
    });
  }

  private async fetch(key: string, file: string): Promise<void> {
    const body = await this.objects.get({ bucket: 'published', key });
    if (!body) throw notFound('Parquet file of this version');
    const partial = `${file}.part`;
    try {
      await pipeline(body, createWriteStream(partial));
      await rename(partial, file);
    } catch (error) {
      await rm(partial, { force: true });
      throw error;
    }
  }

  private async register(key: string, file: string, n: number): Promise<Entry> {
    const described = await this.engine.run(`DESCRIBE SELECT * FROM read_parquet(${sqlString(file)})`);
    const physical = described.getRowObjectsJson().map((row) => ({ name: String(row.column_name), type: String(row.column_type) }));
    const rowIdColumn = athenaRowIdColumn(physical.map((c) => c.name));
    const relation = `version_${this.prefix}_${n}`;
    // Row numbers are the file's row order, 1-based: WITH ORDINALITY, aliasing every column so no name can clash.
    const aliases = [...physical.map((c) => sqlIdentifier(c.name)), sqlIdentifier(rowIdColumn)].join(', ');
    const select = `SELECT * FROM read_parquet(${sqlString(file)}) WITH ORDINALITY AS source(${aliases})`;
    const bytes = (await stat(file)).size;
    if (bytes <= this.budget.memoryTableMaxParquetBytes && this.budget.fileFirst)
      return this.registerFileFirst(key, file, relation, physical, rowIdColumn, select, bytes);
    const inMemory = bytes <= this.budget.memoryTableMaxParquetBytes;
    const searchText = inMemory ? searchTextOf(physical, rowIdColumn) : undefined;
    let memoryBytes = 0;
    if (inMemory) {
      const before = await this.tableMemory();
      const withText = searchText ? `SELECT *, ${searchTextSql(searchText)} AS ${sqlIdentifier(searchText.column)} FROM (${select})` : select;
      await this.engine.run(`CREATE TABLE ${sqlIdentifier(relation)} AS ${withText}`);
      memoryBytes = Math.max(0, (await this.tableMemory()) - before);
      await rm(file, { force: true });
    } else {
      await this.engine.run(`CREATE VIEW ${sqlIdentifier(relation)} AS ${select}`);
    }
    const counted = await this.engine.run(`SELECT count(*) AS n FROM ${sqlIdentifier(relation)}`);
    const rowCount = Number(counted.getRowObjectsJson()[0].n);
    return {
      key,
      loaded: { relation, rowIdColumn, physical, rowCount, inMemory, ...(searchText ? { searchText } : {}) },
      memoryBytes,
      diskBytes: inMemory ? 0 : bytes,
      file: inMemory ? undefined : file,
      users: 0,
      lastUsed: performance.now(),
    };
  }

  /**
   * The version as a view over its file, answering at once, and its table loaded afterwards (in
   * turn with other loads): the row number is the Parquet reader's own file_row_number, so a
   * first page reads one row group instead of numbering every row. A file with a column of that
   * name is numbered WITH ORDINALITY instead.
   */
  private async registerFileFirst(
    key: string,
    file: string,
    relation: string,
    physical: PhysicalColumn[],
    rowIdColumn: string,
    ordinalSelect: string,
    bytes: number,
  ): Promise<Entry> {
    const view = `${relation}_file`;
    const clashes = physical.some((c) => c.name.toLowerCase() === 'file_row_number');
    const numbered = clashes
      ? ordinalSelect
      : `SELECT * EXCLUDE (file_row_number), file_row_number + 1 AS ${sqlIdentifier(rowIdColumn)} FROM read_parquet(${sqlString(file)}, file_row_number = true)`;
    await this.engine.run(`CREATE VIEW ${sqlIdentifier(view)} AS ${numbered}`);
    const counted = await this.engine.run(`SELECT count(*) AS n FROM ${sqlIdentifier(view)}`);
    const rowCount = Number(counted.getRowObjectsJson()[0].n);
    const entry: Entry = {
      key,
      loaded: { relation: view, rowIdColumn, physical, rowCount, inMemory: false },
      memoryBytes: 0,
      diskBytes: bytes,
      file,
      users: 0,
      lastUsed: performance.now(),
      fileView: view,
    };
    // Queued once the query that brought the version in has its answer (the first release), or
    // after budget.promoteAfterMs should that query run long: started at once, the load (CPU-bound,
    // about a second for 1M rows) took the cores from that first query on a small machine.
    const fallback = setTimeout(() => entry.promote?.(), this.budget.promoteAfterMs);
    fallback.unref();
    entry.promote = () => {
      entry.promote = undefined;
      clearTimeout(fallback);
      // Not awaited: a release is no place to wait; the load queues behind other loads.
      this.serially(() => this.promote(entry, relation, ordinalSelect, physical, rowIdColumn, rowCount)).catch((error) =>
        console.error('row cache: loading a version into memory failed; it stays queried from its file', error),
      );
    };
    return entry;
  }

  /** Loads a file-first version into its table; leases taken before keep the view (and the file stays until eviction). */
  private async promote(
    entry: Entry,
    relation: string,
    ordinalSelect: string,
    physical: PhysicalColumn[],
    rowIdColumn: string,
    rowCount: number,
  ): Promise<void> {
    if (this.entries.get(entry.key) !== entry) return;
    const searchText = searchTextOf(physical, rowIdColumn);
    const before = await this.tableMemory();
    const withText = searchText ? `SELECT *, ${searchTextSql(searchText)} AS ${sqlIdentifier(searchText.column)} FROM (${ordinalSelect})` : ordinalSelect;
    await this.engine.run(`CREATE TABLE ${sqlIdentifier(relation)} AS ${withText}`);
    entry.memoryBytes = Math.max(0, (await this.tableMemory()) - before);
    entry.loaded = { relation, rowIdColumn, physical, rowCount, inMemory: true, ...(searchText ? { searchText } : {}) };
    await this.evict(this.budget.memoryBytes, this.budget.diskBytes, entry);
  }

  /**
   * Builds the ART index on an in-memory version's row number, once, when the first page that
   * reads rows by row number needs it (~0.1 s and ~9 MB for 1M rows; counted in its memory).
   * The caller holds a lease, so the table cannot be dropped meanwhile.
   */
  private indexRowNumbers(entry: Entry): Promise<void> {
    if (!entry.loaded.inMemory) return Promise.resolve();
    if (!entry.rowIndex) {
      const { relation, rowIdColumn } = entry.loaded;
      entry.rowIndex = this.serially(async () => {
        const before = await this.tableMemory();
        await this.engine.run(`CREATE INDEX ${sqlIdentifier(`${relation}_row`)} ON ${sqlIdentifier(relation)} (${sqlIdentifier(rowIdColumn)})`);
        entry.memoryBytes += Math.max(0, (await this.tableMemory()) - before);
      });
      entry.rowIndex.catch(() => (entry.rowIndex = undefined));
    }
    return entry.rowIndex;
  }

  /** Memory of DuckDB's tables and their indexes. */
  private async tableMemory(): Promise<number> {
    const result = await this.engine.run(`SELECT coalesce(sum(memory_usage_bytes), 0) AS b FROM duckdb_memory() WHERE tag IN ('IN_MEMORY_TABLE', 'ART_INDEX')`);
    return Number(result.getRowObjectsJson()[0].b);
  }

  /** Drops least recently used versions not in use until both totals are within the limits. */
  private async evict(memoryLimit: number, diskLimit: number, keep?: Entry): Promise<void> {
    const byAge = [...this.entries.values()].sort((a, b) => a.lastUsed - b.lastUsed);
    for (const entry of byAge) {
      const { memoryBytes, diskBytes } = this.stats();
      if (memoryBytes <= memoryLimit && diskBytes <= diskLimit) return;
      if (entry.users > 0 || entry === keep || this.entries.get(entry.key) !== entry) continue;
      this.entries.delete(entry.key);
      entry.promote = undefined;
      await this.engine.run(`DROP ${entry.loaded.inMemory ? 'TABLE' : 'VIEW'} IF EXISTS ${sqlIdentifier(entry.loaded.relation)}`);
      if (entry.fileView && entry.fileView !== entry.loaded.relation) await this.engine.run(`DROP VIEW IF EXISTS ${sqlIdentifier(entry.fileView)}`);
      if (entry.file) await rm(entry.file, { force: true });
    }
  }
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

/**
 * In-memory versions keep the lower-cased text of their text columns in one more column, so `q`
 * (a search across every text column) is one substring test per row instead of a lower() and a
 * test per column: EXPLAIN ANALYZE put ~0.2 s of CPU in that filter for 1M rows and 3 columns.
 * The separator (unit separator, U+001F) keeps a match from spanning two columns; a search term
 * containing it falls back to the per-column test (sql-render.ts).
 */
const searchTextOf = (physical: readonly PhysicalColumn[], rowIdColumn: string): SearchText | undefined => {
  const covers = physical.filter((c) => c.type === 'VARCHAR').map((c) => c.name);
  return covers.length === 0
    ? undefined
    : { column: unusedColumnName('__ldx_text', [...physical.map((c) => c.name), rowIdColumn]), covers, separator: '\u001f' };
};

const searchTextSql = (text: SearchText): string =>
  `concat_ws(chr(${text.separator.codePointAt(0)}), ${text.covers.map((name) => `lower(${sqlIdentifier(name)})`).join(', ')})`;

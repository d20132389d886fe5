import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { DomainContext } from '../domain/context';
import { cacheBudget } from './cache-budget';
import { DuckDbEngine } from './duckdb-engine';
import { VersionCache } from './version-cache';

/** Totals of recent filtered queries, so paging through CKAN offsets does not count every time. */
export class CountCache {
  private readonly counts = new Map<string, { total: number; estimated: boolean }>();

  constructor(private readonly capacity = 500) {}

  get(key: string) {
    return this.counts.get(key);
  }

  set(key: string, value: { total: number; estimated: boolean }): void {
    if (this.counts.size >= this.capacity) this.counts.delete(this.counts.keys().next().value!);
    this.counts.set(key, value);
  }
}

export interface RowEngine {
  duckdb: DuckDbEngine;
  versions: VersionCache;
  counts: CountCache;
}

const engines = new WeakMap<DomainContext, Promise<RowEngine>>();
const directories = new Set<string>();

const removeDirectoriesOnExit = () => {
  for (const directory of directories) rmSync(directory, { recursive: true, force: true });
};

const start = async (ctx: DomainContext): Promise<RowEngine> => {
  mkdirSync(ctx.workDir, { recursive: true });
  const directory = mkdtempSync(join(ctx.workDir, 'ldx-rows-'));
  const spillDirectory = join(directory, 'spill');
  mkdirSync(spillDirectory);
  if (directories.size === 0) process.once('exit', removeDirectoriesOnExit);
  directories.add(directory);
  const budget = cacheBudget();
  const duckdb = await DuckDbEngine.open({ directory, spillDirectory, memoryLimit: budget.duckDbMemoryLimit, threads: budget.threads });
  return { duckdb, versions: new VersionCache(duckdb, ctx.objects, directory, budget), counts: new CountCache() };
};

/** The row engine of a domain context: one DuckDB and one version cache per process (per exchange in tests). */
export const rowEngineFor = (ctx: DomainContext): Promise<RowEngine> => {
  let engine = engines.get(ctx);
  if (!engine) {
    engine = start(ctx);
    engine.catch(() => engines.delete(ctx));
    engines.set(ctx, engine);
  }
  return engine;
};

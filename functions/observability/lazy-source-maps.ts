import { existsSync, readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { dirname, resolve } from 'node:path';

/**
 * Stack traces of a bundled function in source terms, with the source map read only when a stack
 * is first written out. Node's --enable-source-maps reads and parses the bundle's map, and scans
 * the bundle's lines, while it loads the bundle: at every cold start, for the rare instance that
 * logs an error. Here each frame in a file that has a map beside it (`<file>.map`) is written with
 * the original file, line and column; frames elsewhere are written as V8 writes them.
 */
const maps = new Map<string, SourceMap | undefined>();

const mapOf = (file: string): SourceMap | undefined => {
  if (!maps.has(file)) {
    let map: SourceMap | undefined;
    try {
      map = existsSync(`${file}.map`) ? new SourceMap(JSON.parse(readFileSync(`${file}.map`, 'utf8'))) : undefined;
    } catch {
      map = undefined; // an unreadable map leaves the frames as they are
    }
    maps.set(file, map);
  }
  return maps.get(file);
};

const frameOf = (site: NodeJS.CallSite): string => {
  const written = site.toString();
  const file = site.getFileName();
  const line = site.getLineNumber();
  const column = site.getColumnNumber();
  if (!file || line === null || column === null || file.startsWith('node:')) return written;
  const entry = mapOf(file)?.findEntry(line - 1, column - 1);
  if (!entry || !('originalSource' in entry) || !entry.originalSource) return written;
  const source = resolve(dirname(file), entry.originalSource);
  return written.replace(`${file}:${line}:${column}`, `${source}:${entry.originalLine + 1}:${entry.originalColumn + 1}`);
};

const headerOf = (error: unknown): string => {
  try {
    return Error.prototype.toString.call(error);
  } catch {
    return '<error>';
  }
};

/**
 * Writes stacks through source maps read on first use, when `bundleFile` (the caller's
 * `__filename`) has a map beside it: so in a bundled function, not under tsx or a test runner,
 * whose own hooks stay. Nor when Node maps stacks already (--enable-source-maps).
 */
export const installLazySourceMaps = (bundleFile: string): void => {
  if (process.sourceMapsEnabled || !existsSync(`${bundleFile}.map`)) return;
  Error.prepareStackTrace = (error, sites) => [headerOf(error), ...sites.map((site) => `    at ${frameOf(site)}`)].join('\n');
};

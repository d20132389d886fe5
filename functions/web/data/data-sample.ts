import type { Readable } from 'node:stream';
import { auditsDataReads, recordAudit } from '../../domain/audit';
import type { Caller } from '../../domain/caller';
import type { DomainContext } from '../../domain/context';
import { readableVersion } from '../../domain/data-access';
import { ExchangeError } from '../../domain/errors';

/** A bounded sample of a version's rows, for the preview table and the column profile. */
export interface DataSample {
  version: number;
  fields: Array<{ name: string; type: string }>;
  rows: Array<Record<string, unknown>>;
  /** Rows in the whole version. */
  rowCount: number;
}

/** At most this many rows and bytes are read, whatever the file's size. */
export const SAMPLE_ROWS = 500;
export const SAMPLE_BYTES = 512 * 1024;

/** Versions never change, so a sample read once serves every caller the policy lets through. */
const cache = new Map<string, Array<Record<string, unknown>>>();
const CACHE_ENTRIES = 32;

const readLines = async (stream: Readable, maxRows: number, maxBytes: number): Promise<Array<Record<string, unknown>>> => {
  const rows: Array<Record<string, unknown>> = [];
  let pending = '';
  let bytes = 0;
  try {
    for await (const chunk of stream) {
      bytes += (chunk as Buffer).byteLength;
      pending += (chunk as Buffer).toString('utf8');
      let newline = pending.indexOf('\n');
      while (newline >= 0 && rows.length < maxRows) {
        const line = pending.slice(0, newline);
        pending = pending.slice(newline + 1);
        if (line.trim()) rows.push(JSON.parse(line) as Record<string, unknown>);
        newline = pending.indexOf('\n');
      }
      if (rows.length >= maxRows || bytes >= maxBytes) break;
    }
  } finally {
    stream.destroy();
  }
  return rows;
};

/**
 * Reads the first rows of the current published version through the same gate as downloads
 * (readableVersion: the policy and the caller's grants, checked on every request). Returns
 * undefined when there is nothing published yet. Reading shared or private data is audited.
 */
export const readDataSample = async (
  ctx: DomainContext,
  caller: Caller,
  datasetName: string,
  resourceName: string,
  route: string,
): Promise<DataSample | undefined> => {
  let readable;
  try {
    readable = await readableVersion(ctx, caller, datasetName, resourceName, undefined);
  } catch (error) {
    if (error instanceof ExchangeError && error.code === 'not_found') return undefined;
    throw error;
  }
  const { dataset, version } = readable;
  const file = version.value.state === 'published' ? version.value.objects?.ndjson : undefined;
  if (!file) return undefined;
  let rows = cache.get(file.key);
  if (!rows) {
    const stream = await ctx.objects.get({ bucket: 'published', key: file.key });
    if (!stream) return undefined;
    rows = await readLines(stream, SAMPLE_ROWS, SAMPLE_BYTES);
    if (cache.size >= CACHE_ENTRIES) cache.delete(cache.keys().next().value!);
    cache.set(file.key, rows);
  }
  if (auditsDataReads(dataset)) {
    await recordAudit(ctx, caller, dataset, 'data.rows', route, { resource: resourceName, version: version.value.version, rows: rows.length, via: 'web preview' });
  }
  const schema = version.value.schema as { fields?: Array<{ name: string; type?: string }> } | undefined;
  const declared: Array<{ name: string; type?: string }> = schema?.fields ?? Object.keys(rows[0] ?? {}).map((name) => ({ name }));
  const fields = declared.map((f) => ({ name: f.name, type: f.type ?? 'string' }));
  return { version: version.value.version, fields, rows, rowCount: version.value.rowCount ?? rows.length };
};

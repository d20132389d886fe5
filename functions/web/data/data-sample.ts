import type { Readable } from 'node:stream';
import { auditsDataReads, recordAudit } from '../../domain/audit';
import type { Caller } from '../../domain/caller';
import type { DomainContext } from '../../domain/context';
import type { Dataset } from '../../domain/datasets';
import type { ResourceVersion } from '../../domain/versions';
import type { StoredRecord } from '../../storage/catalogue-store';
import { type ColumnProfile, profileColumn } from './column-profile';

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

/** Columns given a profile: the first ones, so a wide file's page stays readable. */
export const PROFILED_COLUMNS = 16;

/** A version's preview: its sample and the column profiles computed from it. */
export interface VersionPreview {
  sample: DataSample;
  profiles: ColumnProfile[];
}

/**
 * Versions never change, so a preview computed once (the file read, the profiles) serves every
 * caller the policy lets through; only the gate and the audit run on each request. Least
 * recently used first out, so a busy page stays in.
 */
const cache = new Map<string, VersionPreview>();
const CACHE_ENTRIES = 32;

const remember = (key: string, preview: VersionPreview): void => {
  cache.delete(key);
  if (cache.size >= CACHE_ENTRIES) cache.delete(cache.keys().next().value!);
  cache.set(key, preview);
};

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
 * The preview of a version whose data the caller may read: the page checked the caller's permit
 * on this very request (mayReadDataNow: the tier policy and the caller's grants) before reading
 * the version, and passes both here, so the gate is not read twice. Returns undefined when the
 * version has no rows file. Reading shared or private data is audited.
 */
export const readVersionPreview = async (
  ctx: DomainContext,
  caller: Caller,
  permitted: { dataset: Dataset; resourceName: string; version: StoredRecord<ResourceVersion> },
  route: string,
): Promise<VersionPreview | undefined> => {
  const { dataset, resourceName, version } = permitted;
  const file = version.value.state === 'published' ? version.value.objects?.ndjson : undefined;
  if (!file) return undefined;
  let preview = cache.get(file.key);
  if (preview) {
    remember(file.key, preview);
  } else {
    const stream = await ctx.objects.get({ bucket: 'published', key: file.key });
    if (!stream) return undefined;
    const rows = await readLines(stream, SAMPLE_ROWS, SAMPLE_BYTES);
    const schema = version.value.schema as { fields?: Array<{ name: string; type?: string }> } | undefined;
    const declared: Array<{ name: string; type?: string }> = schema?.fields ?? Object.keys(rows[0] ?? {}).map((name) => ({ name }));
    const fields = declared.map((f) => ({ name: f.name, type: f.type ?? 'string' }));
    const sample: DataSample = { version: version.value.version, fields, rows, rowCount: version.value.rowCount ?? rows.length };
    preview = { sample, profiles: fields.slice(0, PROFILED_COLUMNS).map((f) => profileColumn(f.name, f.type, rows)) };
    remember(file.key, preview);
  }
  if (auditsDataReads(dataset)) {
    await recordAudit(ctx, caller, dataset, 'data.rows', route, {
      resource: resourceName,
      version: version.value.version,
      rows: preview.sample.rows.length,
      via: 'web preview',
    });
  }
  return preview;
};

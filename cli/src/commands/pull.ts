import { createHash } from 'node:crypto';
import { createWriteStream, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { type Api, call } from '../api';
import { apiError, CliError, unreachable } from '../cli-error';
import { EXIT, type ExitCode } from '../exit-codes';
import { formatBytes, type Output } from '../output';

/**
 * `ldx pull <dataset>`: every published resource's file and a datapackage.json describing them,
 * into a directory. Each file is checked as it lands: its size, and for the original its SHA-256,
 * against what the exchange says it published; a file that differs is deleted and the pull fails
 * (exit 9). The package is the exchange's own, each resource's `path` pointing at the pulled file,
 * with the dataset's exchange fields (tier, themes...) so that `ldx publish` of it changes nothing.
 */
export interface PullOptions {
  dir?: string;
  format: 'original' | 'csv' | 'json' | 'ndjson' | 'parquet';
}

type Json = Record<string, unknown>;
const EXCHANGE_FIELDS = ['tier', 'themes', 'updateFrequency', 'spatialCoverage', 'temporalCoverage', 'contactPoint'] as const;
const EXTENSIONS = new Map([
  ['csv', 'csv'],
  ['json', 'json'],
  ['ndjson', 'ndjson'],
  ['parquet', 'parquet'],
]);

/** Downloads through the exchange's redirect; the bearer token goes to the exchange only, never to the object store. */
const download = async (api: Api, dataset: string, resource: string, format: string, version: number, target: string) => {
  let location: string | null;
  try {
    const answer = await fetch(
      `${api.url}/api/v1/datasets/${encodeURIComponent(dataset)}/resources/${encodeURIComponent(resource)}/download?format=${format}&version=${version}`,
      { headers: api.token ? { authorization: `Bearer ${api.token}` } : {}, redirect: 'manual' },
    );
    location = answer.headers.get('location');
    if (answer.status !== 302 || !location) throw apiError(answer.status, await answer.json().catch(() => undefined), `Downloading ${resource}`);
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw unreachable(api.url, error);
  }
  const file = await fetch(location).catch((error: unknown) => {
    throw unreachable(new URL(location!).origin, error);
  });
  if (!file.ok || !file.body) throw new CliError(`The object store answered ${file.status} for ${resource}'s file.`, EXIT.unavailable, 'Try again.');
  const hash = createHash('sha256');
  let bytes = 0;
  const temporary = `${target}.part`;
  await pipeline(
    Readable.fromWeb(file.body as import('node:stream/web').ReadableStream<Uint8Array>),
    new Transform({
      transform(chunk: Buffer, _encoding, done) {
        hash.update(chunk);
        bytes += chunk.length;
        done(null, chunk);
      },
    }),
    createWriteStream(temporary),
  );
  return { temporary, bytes, sha256: hash.digest('hex') };
};

export const pull = async (api: Api, out: Output, dataset: string, options: PullOptions): Promise<ExitCode> => {
  const record = await call(api, `Reading dataset ${dataset}`, api.client.GET('/api/v1/datasets/{dataset}', { params: { path: { dataset } } }));
  const pkg = (await call(
    api,
    `Reading the data package of ${dataset}`,
    api.client.GET('/api/v1/datasets/{dataset}/datapackage.json', { params: { path: { dataset } } }),
  )) as Json;
  const dir = options.dir ?? record.name;
  mkdirSync(dir, { recursive: true });
  const pulled: Json[] = [];
  const resources: Json[] = [];
  const used = new Set<string>();
  for (const entry of (pkg.resources as Json[] | undefined) ?? []) {
    const name = String(entry.name);
    const resource = await call(
      api,
      `Reading resource ${name}`,
      api.client.GET('/api/v1/datasets/{dataset}/resources/{resource}', { params: { path: { dataset: record.name, resource: name } } }),
    );
    const current = resource.current;
    if (!current) continue;
    const versions = await call(
      api,
      `Reading the versions of ${name}`,
      api.client.GET('/api/v1/datasets/{dataset}/resources/{resource}/versions', { params: { path: { dataset: record.name, resource: name } } }),
    );
    const version = versions.results.find((v) => v.version === current.version);
    const original = options.format === 'original';
    let filename = original ? basename(version?.filename ?? name) : `${name}.${EXTENSIONS.get(options.format) ?? options.format}`;
    // Two resources uploaded from files of the same name must not overwrite each other.
    if (used.has(filename) || filename === 'datapackage.json') filename = `${name}-${filename}`;
    used.add(filename);
    const files = version?.files ?? {};
    const expectedBytes = original ? current.bytes : Object.hasOwn(files, options.format) ? files[options.format].bytes : undefined;
    const target = join(dir, filename);
    const got = await download(api, record.name, name, options.format, current.version, target);
    const wrongSize = expectedBytes !== undefined && got.bytes !== expectedBytes;
    const wrongHash = original && got.sha256 !== current.sha256;
    if (wrongSize || wrongHash) {
      rmSync(got.temporary, { force: true });
      throw new CliError(
        `${name}: the downloaded file is ${got.bytes} bytes with SHA-256 ${got.sha256}, but the exchange published ${expectedBytes} bytes${original ? ` with SHA-256 ${current.sha256}` : ''}.`,
        EXIT.integrity,
        "Nothing was kept for this resource. Pull again; if it fails again, tell the exchange's operators.",
      );
    }
    renameSync(got.temporary, target);
    out.line(`${name}: ${filename} (${formatBytes(got.bytes)}, version ${current.version}${original ? `, sha256 ${got.sha256.slice(0, 12)}…` : ''}) verified`);
    pulled.push({ name, file: target, version: current.version, bytes: got.bytes, sha256: got.sha256 });
    const local: Json = { ...entry, path: filename, bytes: got.bytes, hash: `sha256:${got.sha256}` };
    if (original) {
      // The exchange's Table Schema describes its normalised CSV, not the file as uploaded.
      delete local.schema;
      local.format = extname(filename).slice(1).toLowerCase() || undefined;
      local.mediatype = current.mediaType;
      if (version?.detected?.encoding) local.encoding = version.detected.encoding;
      else delete local.encoding;
    }
    if (resource.dataSchema) local.dataSchema = resource.dataSchema;
    resources.push(local);
  }
  const exchangeFields = Object.fromEntries(EXCHANGE_FIELDS.filter((f) => record[f] !== undefined).map((f) => [f, record[f]]));
  const written = { ...pkg, ...exchangeFields, resources };
  const packageFile = join(dir, 'datapackage.json');
  writeFileSync(packageFile, `${JSON.stringify(written, null, 2)}\n`);
  out.line(`wrote ${packageFile}`);
  out.result({ dataset: record.name, dir, datapackage: packageFile, resources: pulled });
  return EXIT.ok;
};

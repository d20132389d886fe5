import { basename } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { type Api, call, callOrMissing, requireToken } from '../api';
import { apiError, unreachable } from '../cli-error';
import type { Schemas } from '../client';
import { EXIT, type ExitCode } from '../exit-codes';
import { fingerprint } from '../files';
import { followUpload, type Version } from '../follow';
import { type DatasetInput, type PackageResource, readLocalPackage } from '../local-package';
import { formatBytes, type Output } from '../output';
import { sendFile, type SentUpload, type UploadOptions } from '../uploads';

/**
 * `ldx publish ./datapackage.json`: makes the exchange hold what the package describes, and
 * changes nothing that already matches. The dataset is created, or patched with only the fields
 * that differ (If-Match: no one else's change is overwritten); each resource is created if
 * missing; each file is sent only when its SHA-256 differs from the resource's current version
 * (or from a newer version still validating or already refused), so publishing the same package
 * twice makes no new version.
 */
export interface PublishOptions extends UploadOptions {
  wait: boolean;
  force: boolean;
  intervalMs: number;
  timeoutMs: number;
}

type ResourceInput = Schemas['ResourceInput'];
const KNOWN_FORMATS = new Set(['csv', 'tsv', 'json', 'ndjson', 'geojson']);

type DatasetAction = 'created' | 'updated' | 'unchanged';

const changedFields = (desired: DatasetInput, stored: Record<string, unknown>): Partial<DatasetInput> => {
  const patch: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(desired)) if (field !== 'name' && !isDeepStrictEqual(stored[field], value)) patch[field] = value;
  return patch as Partial<DatasetInput>;
};

const ensureDataset = async (api: Api, desired: DatasetInput): Promise<{ action: DatasetAction; changed: string[] }> => {
  const answer = await api.client.GET('/api/v1/datasets/{dataset}', { params: { path: { dataset: desired.name } } }).catch((error: unknown) => {
    throw unreachable(api.url, error);
  });
  if (answer.response.status === 404) {
    await call(api, `Creating dataset ${desired.name}`, api.client.POST('/api/v1/datasets', { body: desired }));
    return { action: 'created', changed: [] };
  }
  if (!answer.data) throw apiError(answer.response.status, answer.error, `Reading dataset ${desired.name}`);
  const patch = changedFields(desired, answer.data as unknown as Record<string, unknown>);
  const changed = Object.keys(patch);
  if (changed.length === 0) return { action: 'unchanged', changed };
  await call(
    api,
    `Updating dataset ${desired.name}`,
    api.client.PATCH('/api/v1/datasets/{dataset}', {
      params: { path: { dataset: desired.name }, header: { 'If-Match': answer.response.headers.get('etag') ?? '*' } },
      body: patch,
      headers: { 'content-type': 'application/merge-patch+json' },
    }),
  );
  return { action: 'updated', changed };
};

const ensureResource = async (api: Api, dataset: string, wanted: PackageResource) => {
  const path = { params: { path: { dataset, resource: wanted.name } } };
  const existing = await callOrMissing(api, `Reading resource ${wanted.name}`, api.client.GET('/api/v1/datasets/{dataset}/resources/{resource}', path));
  if (existing) return { resource: existing, created: false };
  const { file: _file, contentType: _type, format, ...fields } = wanted;
  // The exchange names the formats it knows; anything else is left to detection.
  const input = { ...fields, ...(format && KNOWN_FORMATS.has(format) ? { format: format as ResourceInput['format'] } : {}) };
  const created = await call(
    api,
    `Creating resource ${wanted.name}`,
    api.client.POST('/api/v1/datasets/{dataset}/resources', { params: { path: { dataset } }, body: input }),
  );
  return { resource: created, created: true };
};

/** The newest version, if it is this very file: sending it again would only repeat its outcome. */
const newestIfSameFile = async (api: Api, dataset: string, resource: string, sha256: string): Promise<Version | undefined> => {
  const versions = await call(
    api,
    `Reading the versions of ${resource}`,
    api.client.GET('/api/v1/datasets/{dataset}/resources/{resource}/versions', { params: { path: { dataset, resource } } }),
  );
  const newest = versions.results.at(-1);
  return newest?.sha256 === sha256 ? newest : undefined;
};

export interface ResourceOutcome {
  name: string;
  file: string;
  bytes: number;
  sha256: string;
  created: boolean;
  upload: 'unchanged' | 'sent' | 'sent-not-followed';
  version?: number;
  state?: string;
  errorCount?: number;
  transfer?: SentUpload;
}

const describe = (outcome: ResourceOutcome): string => {
  const head = `  ${outcome.name}: ${outcome.upload === 'unchanged' ? 'unchanged' : `sent ${basename(outcome.file)} (${formatBytes(outcome.bytes)})`}`;
  if (outcome.version === undefined) return `${head}; ingest runs next (ldx status to follow it)`;
  const errors = outcome.state === 'failed' ? `, ${outcome.errorCount ?? 0} errors: see its report` : '';
  return `${head}, version ${outcome.version} ${outcome.state}${errors}`;
};

export const publish = async (api: Api, out: Output, packagePath: string, options: PublishOptions): Promise<ExitCode> => {
  requireToken(api);
  const local = readLocalPackage(packagePath);
  const name = local.dataset.name;
  // Every file is read before anything is sent: a missing file stops the run before it changes anything.
  const prints = [];
  for (const resource of local.resources) prints.push(await fingerprint(resource.file));
  const dataset = await ensureDataset(api, local.dataset);
  out.line(`dataset ${name}: ${dataset.action}${dataset.changed.length ? ` (${dataset.changed.join(', ')})` : ''}`);
  const outcomes: ResourceOutcome[] = [];
  for (const [index, wanted] of local.resources.entries()) {
    const { bytes, sha256 } = prints[index];
    const { resource, created } = await ensureResource(api, name, wanted);
    const base = { name: wanted.name, file: wanted.file, bytes, sha256, created };
    let outcome: ResourceOutcome;
    const current = resource.current;
    if (!options.force && current?.sha256 === sha256) {
      outcome = { ...base, upload: 'unchanged', version: current.version, state: 'published' };
    } else {
      // A newer version of this very file (still validating, or refused) would only be repeated by sending it again.
      const same = options.force ? undefined : await newestIfSameFile(api, name, wanted.name, sha256);
      if (same) {
        outcome = { ...base, upload: 'unchanged', version: same.version, state: same.state, errorCount: same.errorCount };
      } else {
        const transfer = await sendFile(api, out, name, wanted.name, { path: wanted.file, bytes, sha256, contentType: wanted.contentType }, options);
        if (options.wait) {
          const version = await followUpload(api, name, wanted.name, transfer.uploadId, options);
          outcome = { ...base, upload: 'sent', version: version.version, state: version.state, errorCount: version.errorCount, transfer };
        } else {
          outcome = { ...base, upload: 'sent-not-followed', transfer };
        }
      }
    }
    out.line(describe(outcome));
    outcomes.push(outcome);
  }
  out.result({ dataset: { name, action: dataset.action, changed: dataset.changed }, resources: outcomes });
  return outcomes.some((outcome) => outcome.state === 'failed') ? EXIT.invalidData : EXIT.ok;
};

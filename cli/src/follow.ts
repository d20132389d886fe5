import { setTimeout as sleep } from 'node:timers/promises';
import { type Api, call } from './api';
import { CliError } from './cli-error';
import type { Schemas } from './client';
import { EXIT } from './exit-codes';

/** Follows an upload until ingest has finished with it, and answers the version it became. */
export type Version = Schemas['VersionList']['results'][number];

export interface FollowOptions {
  intervalMs: number;
  timeoutMs: number;
}

export const followUpload = async (api: Api, dataset: string, resource: string, uploadId: string, options: FollowOptions): Promise<Version> => {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    const upload = await call(
      api,
      'Following the upload',
      api.client.GET('/api/v1/datasets/{dataset}/resources/{resource}/uploads/{upload}', { params: { path: { dataset, resource, upload: uploadId } } }),
    );
    if (upload.state === 'done' && upload.version !== undefined) {
      const versions = await call(
        api,
        'Reading the versions',
        api.client.GET('/api/v1/datasets/{dataset}/resources/{resource}/versions', { params: { path: { dataset, resource } } }),
      );
      const version = versions.results.find((v) => v.version === upload.version);
      if (version && version.state !== 'validating') return version;
    }
    if (Date.now() > deadline) {
      throw new CliError(
        `The exchange has not finished with upload ${uploadId} of ${dataset}/${resource} yet.`,
        EXIT.unavailable,
        `Follow it with \`ldx status ${dataset} --watch\`.`,
      );
    }
    await sleep(options.intervalMs);
  }
};

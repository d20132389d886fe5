import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { startLocalExchange } from '../functions/local/local-exchange';
import { newToken } from '../functions/domain/tokens';

/**
 * The whole ingest as it runs locally: a throwaway exchange, a presigned PUT of the file to
 * s3rver, and the S3 event driving the same ingest code the Lambda runs. Timed from the start of
 * the PUT until the version is published.
 */
export const ingestThroughLocalExchange = async (file: string): Promise<{ report: { valid: boolean; errorCount: number; rowCount: number } }> => {
  const adminToken = newToken();
  const exchange = await startLocalExchange({ port: 0, adminToken, seed: false });
  const call = async (method: string, path: string, token: string, body?: unknown) => {
    const response = await fetch(`${exchange.url}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await response.json()) as Record<string, any>;
    if (response.status >= 400) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
    return json;
  };
  try {
    await call('POST', '/organisations', adminToken, { id: 'bench', name: 'Bench', type: 'gla' });
    const { token } = await call('POST', '/organisations/bench/tokens', adminToken, { role: 'editor' });
    await call('POST', '/datasets', token, { name: 'bench-readings', title: 'Bench readings', licence: 'OGL-UK-3.0', tier: 'open' });
    await call('POST', '/datasets/bench-readings/resources', token, { name: 'readings', dataSchema: 'air-quality-readings' });
    const { size } = await stat(file);
    const started = await call('POST', '/datasets/bench-readings/resources/readings/uploads', token, { filename: 'readings.csv', bytes: size, contentType: 'text/csv' });
    const put = await fetch(started.uploadUrl, {
      method: 'PUT',
      headers: started.uploadHeaders,
      body: Readable.toWeb(createReadStream(file)) as ReadableStream,
      duplex: 'half',
    } as RequestInit);
    if (put.status !== 200) throw new Error(`presigned PUT answered ${put.status}`);
    await exchange.ingestIdle();
    const resource = await call('GET', '/datasets/bench-readings/resources/readings', token);
    const versions = await call('GET', '/datasets/bench-readings/resources/readings/versions', token);
    const latest = versions.results[versions.results.length - 1];
    return { report: { valid: resource.status === 'published', errorCount: latest?.errorCount ?? -1, rowCount: latest?.rowCount ?? 0 } };
  } finally {
    await exchange.stop();
  }
};

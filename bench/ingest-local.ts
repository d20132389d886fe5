import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { request } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { startLocalExchange } from '../functions/local/local-exchange';
import { newToken } from '../functions/domain/tokens';

/**
 * The whole ingest as it runs locally: a throwaway exchange, a presigned PUT of the file to
 * s3rver, and the S3 event driving the same ingest code the Lambda runs. Timed from the start of
 * the PUT until the version is published. The emulators run in a child process, whose peak RSS
 * is reported separately.
 */
export const ingestThroughLocalExchange = async (file: string): Promise<{ report: { valid: boolean; errorCount: number; rowCount: number }; emulatorPeakRssMb: number; ms: number }> => {
  const adminToken = newToken();
  // The emulators run in a child process: in AWS, S3 and DynamoDB are not in the Lambda's memory.
  const exchange = await startLocalExchange({ port: 0, adminToken, seed: false, emulatorsInChildProcess: true });
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
    const putStarted = process.hrtime.bigint();
    const status = await putFile(started.uploadUrl as string, started.uploadHeaders as Record<string, string>, file, size);
    if (status !== 200) throw new Error(`presigned PUT answered ${status}`);
    // s3rver's event reaches this process over IPC, possibly after the PUT's response: wait for the outcome itself.
    let resource = await call('GET', '/datasets/bench-readings/resources/readings', token);
    while (resource.status !== 'published' && resource.status !== 'failed') {
      await new Promise((resolve) => setTimeout(resolve, 10));
      resource = await call('GET', '/datasets/bench-readings/resources/readings', token);
    }
    const ms = Number(process.hrtime.bigint() - putStarted) / 1e6;
    await exchange.ingestIdle();
    const versions = await call('GET', '/datasets/bench-readings/resources/readings/versions', token);
    const latest = versions.results[versions.results.length - 1];
    const emulatorPeakRssMb = (await exchange.emulators.peakRssBytes?.()) ?? 0;
    return { report: { valid: resource.status === 'published', errorCount: latest?.errorCount ?? -1, rowCount: latest?.rowCount ?? 0 }, emulatorPeakRssMb: emulatorPeakRssMb / 2 ** 20, ms };
  } finally {
    await exchange.stop();
  }
};

/**
 * The client's PUT, streamed with backpressure (64 KB at a time). fetch with a web stream made
 * from a file stream (Readable.toWeb) buffered most of the file in this process on Node 20:
 * ~80 MB of the exchange's peak RSS that was the client's, not the exchange's.
 */
async function putFile(url: string, headers: Record<string, string>, file: string, size: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'PUT', headers: { ...headers, 'content-length': String(size) } }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
    });
    req.on('error', reject);
    pipeline(createReadStream(file), req).catch(reject);
  });
}

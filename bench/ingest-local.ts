import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { request } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { startLocalExchange } from '../functions/local/local-exchange';
import { newToken } from '../functions/domain/tokens';

type Call = (method: string, path: string, token: string, body?: unknown) => Promise<Record<string, any>>;

/** A JSON client of the exchange's API that throws on any error answer. */
export const apiClient =
  (baseUrl: string): Call =>
  async (method, path, token, body) => {
    const response = await fetch(`${baseUrl}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await response.json()) as Record<string, any>;
    if (response.status >= 400) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
    return json;
  };

/** The bench's organisation, dataset and resource (declaring the air-quality schema), and an editor's token. */
export const createBenchResource = async (call: Call, adminToken: string): Promise<string> => {
  await call('POST', '/organisations', adminToken, { id: 'bench', name: 'Bench', type: 'gla' });
  const { token } = await call('POST', '/organisations/bench/tokens', adminToken, { role: 'editor' });
  await call('POST', '/datasets', token, { name: 'bench-readings', title: 'Bench readings', licence: 'OGL-UK-3.0', tier: 'open' });
  await call('POST', '/datasets/bench-readings/resources', token, { name: 'readings', dataSchema: 'air-quality-readings' });
  return token as string;
};

/** Starts a presigned upload of `file` to the bench's resource: its id, URL and headers. */
export const startUpload = async (
  call: Call,
  token: string,
  file: string,
): Promise<{ uploadId: string; uploadUrl: string; uploadHeaders: Record<string, string>; size: number }> => {
  const { size } = await stat(file);
  const started = await call('POST', '/datasets/bench-readings/resources/readings/uploads', token, {
    filename: 'readings.csv',
    bytes: size,
    contentType: 'text/csv',
  });
  return { uploadId: started.uploadId as string, uploadUrl: started.uploadUrl as string, uploadHeaders: started.uploadHeaders as Record<string, string>, size };
};

/** The latest version's outcome, as the report columns of the bench table. */
export const latestOutcome = async (call: Call, token: string): Promise<{ valid: boolean; errorCount: number; rowCount: number }> => {
  const resource = await call('GET', '/datasets/bench-readings/resources/readings', token);
  const versions = await call('GET', '/datasets/bench-readings/resources/readings/versions', token);
  const latest = versions.results[versions.results.length - 1];
  return { valid: resource.status === 'published', errorCount: latest?.errorCount ?? -1, rowCount: latest?.rowCount ?? 0 };
};

/**
 * The whole ingest as it runs locally: a throwaway exchange, a presigned PUT of the file to
 * s3rver, and the S3 event driving the same ingest code the Lambda runs. Timed from the start of
 * the PUT until the version is published. The emulators run in a child process, whose peak RSS
 * is reported separately.
 */
export const ingestThroughLocalExchange = async (
  file: string,
): Promise<{ report: { valid: boolean; errorCount: number; rowCount: number }; emulatorPeakRssMb: number; ms: number }> => {
  const adminToken = newToken();
  // The emulators run in a child process: in AWS, S3 and DynamoDB are not in the Lambda's memory.
  const exchange = await startLocalExchange({ port: 0, adminToken, seed: false, emulatorsInChildProcess: true });
  const call = apiClient(exchange.url);
  try {
    const token = await createBenchResource(call, adminToken);
    const { uploadUrl, uploadHeaders, size } = await startUpload(call, token, file);
    const putStarted = process.hrtime.bigint();
    const status = await putFile(uploadUrl, uploadHeaders, file, size);
    if (status !== 200) throw new Error(`presigned PUT answered ${status}`);
    // s3rver's event reaches this process over IPC, possibly after the PUT's response: wait for the outcome itself,
    // asking every 100 ms (at most ~1-2% on the times measured; asking more often would take CPU from the ingest timed).
    let resource = await call('GET', '/datasets/bench-readings/resources/readings', token);
    while (resource.status !== 'published' && resource.status !== 'failed') {
      await new Promise((resolve) => setTimeout(resolve, 100));
      resource = await call('GET', '/datasets/bench-readings/resources/readings', token);
    }
    const ms = Number(process.hrtime.bigint() - putStarted) / 1e6;
    await exchange.ingestIdle();
    const emulatorPeakRssMb = (await exchange.emulators.peakRssBytes?.()) ?? 0;
    return { report: await latestOutcome(call, token), emulatorPeakRssMb: emulatorPeakRssMb / 2 ** 20, ms };
  } finally {
    await exchange.stop();
  }
};

/**
 * The client's PUT, streamed with backpressure (64 KB at a time). fetch with a web stream made
 * from a file stream (Readable.toWeb) buffered most of the file in this process on Node 20:
 * ~80 MB of the exchange's peak RSS that was the client's, not the exchange's.
 */
export async function putFile(url: string, headers: Record<string, string>, file: string, size: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'PUT', headers: { ...headers, 'content-length': String(size) } }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
    });
    req.on('error', reject);
    pipeline(createReadStream(file), req).catch(reject);
  });
}

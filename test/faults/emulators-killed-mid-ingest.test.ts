import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newToken } from '../../functions/domain/tokens';
import type { LocalExchange } from '../../functions/local/local-exchange';

/**
 * The emulators' process (DynamoDB and S3, in a child as the ingest benchmark runs them) is
 * killed with SIGKILL in the middle of an ingest and comes back on the same ports and data.
 * The upload still ends, failed with a report or published, never stuck, and version 1 is
 * served by every answer until then.
 */
const DEADLINE_SECONDS = 3;
let exchange: LocalExchange;
const adminToken = newToken();
const dataDir = mkdtempSync(join(tmpdir(), 'ldx-fault-emulators-'));
const savedDeadline = process.env.LDX_INGEST_DEADLINE_SECONDS;

beforeAll(async () => {
  process.env.LDX_INGEST_DEADLINE_SECONDS = String(DEADLINE_SECONDS);
  const { startLocalExchange } = require('../../functions/local/local-exchange') as typeof import('../../functions/local/local-exchange');
  exchange = await startLocalExchange({ port: 0, adminToken, seed: false, dataDir, emulatorsInChildProcess: true });
});
afterAll(async () => {
  await exchange.stop();
  if (savedDeadline === undefined) delete process.env.LDX_INGEST_DEADLINE_SECONDS;
  else process.env.LDX_INGEST_DEADLINE_SECONDS = savedDeadline;
  rmSync(dataDir, { recursive: true, force: true });
});

const api = async (method: string, path: string, token: string, body?: string | Uint8Array, contentType = 'application/json') => {
  const response = await fetch(`${exchange.url}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': contentType },
    body,
    redirect: 'manual',
  });
  const text = await response.text();
  let parsed: any;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = text;
  }
  return { status: response.status, headers: response.headers, body: parsed };
};

const RESOURCE = '/datasets/bus-counts/resources/counts';

/** Many rows, so the ingest takes long enough to be interrupted. */
const bigCsv = (rows: number): Buffer => {
  const lines = ['stop_id,hour,boardings,alightings,route'];
  for (let i = 0; i < rows; i++) lines.push(`S${i % 9000},${i % 24},${i % 97},${i % 89},R${i % 300}`);
  return Buffer.from(`${lines.join('\n')}\n`);
};

describe('the emulators’ process killed mid-ingest', () => {
  it('comes back on the same ports, and the upload ends with version 1 served throughout', async () => {
    await api('POST', '/organisations', adminToken, JSON.stringify({ id: 'tfl', name: 'TfL', type: 'gla' }));
    const token = (await api('POST', '/organisations/tfl/tokens', adminToken, JSON.stringify({ role: 'editor' }))).body.token as string;
    await api('POST', '/datasets', token, JSON.stringify({ name: 'bus-counts', title: 'Bus counts', licence: 'OGL-UK-3.0', tier: 'open' }));
    await api('POST', '/datasets/bus-counts/resources', token, JSON.stringify({ name: 'counts' }));
    await api('PUT', `${RESOURCE}/data?filename=v1.csv`, token, 'stop_id,hour,boardings,alightings,route\nS1,7,12,3,R1\n', 'text/csv');
    await exchange.ingestIdle();
    expect((await api('GET', RESOURCE, token)).body).toMatchObject({ status: 'published', current: { version: 1 } });

    // Version 2, large enough to be mid-ingest when the emulators die.
    const bytes = bigCsv(600_000);
    const started = await api('POST', `${RESOURCE}/uploads`, token, JSON.stringify({ filename: 'v2.csv', bytes: bytes.byteLength, contentType: 'text/csv' }));
    expect(started.status).toBe(201);
    expect((await fetch(started.body.uploadUrl, { method: 'PUT', headers: started.body.uploadHeaders, body: bytes })).status).toBe(200);
    let status = '';
    for (let tries = 0; tries < 400 && status !== 'validating'; tries++) {
      status = (await api('GET', RESOURCE, token)).body.status;
      if (status !== 'validating') await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(status).toBe('validating');

    const killed = exchange.emulators.childProcessId!()!;
    process.kill(killed, 'SIGKILL');

    // Until the upload ends: answers may fail while the emulators are down; every one that succeeds serves version 1.
    let final: Record<string, any> | undefined;
    let unavailable = 0;
    for (let tries = 0; tries < 600 && !final; tries++) {
      const { status: code, body } = await api('GET', RESOURCE, token);
      if (code !== 200) unavailable++;
      else if (body.status === 'published' || body.status === 'failed') final = body;
      else expect(body.current.version).toBe(1);
      if (!final) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(exchange.emulators.childProcessId!()).not.toBe(killed);
    expect(final).toBeDefined();
    expect(final!.latestVersion).toBe(2);
    if (final!.status === 'failed') {
      expect(final!.current.version).toBe(1);
      const report = await api('GET', `${RESOURCE}/versions/2/report`, token);
      expect(report.body).toMatchObject({ state: 'failed', report: { valid: false, errors: [{ code: 'processing-error' }] } });
      expect(report.body.report.errors[0].message).toMatch(/^Processing (did not finish in time|failed)/);
    } else {
      expect(final!.current).toMatchObject({ version: 2, rowCount: 600_000 });
    }
    const served = final!.current.version as number;
    const link = await api('GET', `${RESOURCE}/download?format=csv&version=${served}`, token);
    expect(link.status).toBe(302);
    expect((await fetch(link.headers.get('location')!)).status).toBe(200);
    // Recorded so a reader of the test log can see which way it went and how long the emulators were away.
    console.info(`emulators killed mid-ingest: version 2 ${final!.status}; ${unavailable} answers failed while they were down`);
  }, 120_000);
});

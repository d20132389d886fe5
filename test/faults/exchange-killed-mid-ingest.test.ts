import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newToken } from '../../functions/domain/tokens';
import { type ExchangeProcess, interrupt, startExchangeProcess } from './exchange-process';

/**
 * The exchange's own process is killed (SIGKILL, as a crash would) between writing a version's
 * files and moving the resource's pointer (fault points in functions/ingest/fault-points.ts).
 * After a restart the upload ends, failed with a report or published, never stuck and never
 * half-visible, and version 1 is served whenever the exchange answers.
 */
const adminToken = newToken();
const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/**
 * The sweep runs every second. The ingest deadline is short (2 s) only for the upload a test waits
 * to see ended by it, so that one is ended within seconds of the restart. An ingest the test needs
 * to finish gets a long one: a fresh process's first ingest on a loaded CI machine can take more
 * than 2 s, and the sweep or a read would then fail it (or, before the fault point after the
 * version's record, end it first so the process never reaches the point and never dies).
 */
const SHORT_DEADLINE_SECONDS = '2';
const LONG_DEADLINE_SECONDS = '120';
const env = (dataDir: string, options: { faultPoint?: string; deadlineSeconds?: string } = {}) => ({
  LDX_DATA_DIR: dataDir,
  LDX_ADMIN_TOKEN: adminToken,
  LDX_INGEST_DEADLINE_SECONDS: options.deadlineSeconds ?? SHORT_DEADLINE_SECONDS,
  LDX_INGEST_SWEEP_SECONDS: '1',
  LDX_FAULT_POINT: options.faultPoint ?? '',
});

const api = async (exchange: ExchangeProcess, method: string, path: string, token: string, body?: string, contentType = 'application/json') => {
  const response = await fetch(`${exchange.url}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': contentType },
    body,
    redirect: 'manual',
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
};

const RESOURCE = '/datasets/fire-incidents/resources/incidents';

/** Asks for the resource until its status is final; every answer on the way must still serve `served`. */
const waitForEnd = async (exchange: ExchangeProcess, token: string, served: number | null = 1): Promise<Record<string, any>> => {
  for (let tries = 0; tries < 300; tries++) {
    const { body } = await api(exchange, 'GET', RESOURCE, token);
    if (body.status === 'published' || body.status === 'failed') return body;
    expect(body.current?.version ?? null).toBe(served);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the upload never ended');
};

const expectServed = async (exchange: ExchangeProcess, token: string, version: number, text: string) => {
  const link = await api(exchange, 'GET', `${RESOURCE}/download?format=csv`, token);
  expect(link.status).toBe(302);
  const file = await fetch(link.headers.get('location')!);
  expect(file.status).toBe(200);
  expect(await file.text()).toContain(text);
  expect((await api(exchange, 'GET', RESOURCE, token)).body.current.version).toBe(version);
};

/** A fresh exchange with version 1 of a resource published; returns an editor token. */
const withVersion1 = async (dataDir: string): Promise<string> => {
  const first = await startExchangeProcess(env(dataDir, { deadlineSeconds: LONG_DEADLINE_SECONDS }));
  try {
    const issued = await api(first, 'POST', '/organisations/london-fire-brigade/tokens', adminToken, JSON.stringify({ role: 'editor' }));
    expect(issued.status).toBe(201);
    const token = issued.body.token as string;
    await api(first, 'POST', '/datasets', token, JSON.stringify({ name: 'fire-incidents', title: 'Fire incidents', licence: 'OGL-UK-3.0', tier: 'open' }));
    await api(first, 'POST', '/datasets/fire-incidents/resources', token, JSON.stringify({ name: 'incidents' }));
    await api(first, 'PUT', `${RESOURCE}/data?filename=v1.csv`, token, 'station,calls\nSoho,1\nLambeth,2\n', 'text/csv');
    expect(await waitForEnd(first, token, null)).toMatchObject({ status: 'published', current: { version: 1 } });
    return token;
  } finally {
    expect(await interrupt(first)).toBe(0);
  }
};

/**
 * Starts the exchange with the fault point armed, uploads version 2, and waits for the process to
 * kill itself. Version 2's deadline is set now, by this process: `deadlineSeconds` is the time it
 * has, whichever process later finds it overdue.
 */
const crashWhileIngestingVersion2 = async (dataDir: string, token: string, faultPoint: string, deadlineSeconds: string): Promise<void> => {
  const armed = await startExchangeProcess(env(dataDir, { faultPoint, deadlineSeconds }));
  await expectServed(armed, token, 1, 'Lambeth');
  const upload = await api(armed, 'PUT', `${RESOURCE}/data?filename=v2.csv`, token, 'station,calls\nSoho,3\nBrixton,4\n', 'text/csv');
  expect(upload.status).toBe(202);
  expect(await armed.exited).toBe('SIGKILL');
  expect(armed.output()).toContain(`fault point ${faultPoint}`);
};

describe('the exchange process killed mid-ingest', () => {
  it('after the version’s files, before its record: after a restart version 2 is failed with a report, its files never served', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ldx-fault-files-'));
    dirs.push(dataDir);
    const token = await withVersion1(dataDir);
    // Ended by its deadline after the restart.
    await crashWhileIngestingVersion2(dataDir, token, 'after-version-files', SHORT_DEADLINE_SECONDS);

    const restarted = await startExchangeProcess(env(dataDir));
    try {
      expect(await waitForEnd(restarted, token)).toMatchObject({ status: 'failed', latestVersion: 2, current: { version: 1 } });
      const report = await api(restarted, 'GET', `${RESOURCE}/versions/2/report`, token);
      expect(report.body).toMatchObject({
        state: 'failed',
        report: { valid: false, errors: [{ code: 'processing-error', message: expect.stringMatching(/did not finish in time/) }] },
      });
      expect((await api(restarted, 'GET', `${RESOURCE}/download?format=csv&version=2`, token)).status).toBe(404);
      await expectServed(restarted, token, 1, 'Lambeth');
    } finally {
      await interrupt(restarted);
    }
  }, 600_000);

  it('after the version’s record, before the resource’s pointer: after a restart version 2 is published and served', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ldx-fault-pointer-'));
    dirs.push(dataDir);
    const token = await withVersion1(dataDir);
    // Published by the restart as soon as the resource is read, long before any deadline.
    await crashWhileIngestingVersion2(dataDir, token, 'after-version-record', LONG_DEADLINE_SECONDS);

    const restarted = await startExchangeProcess(env(dataDir));
    try {
      expect(await waitForEnd(restarted, token)).toMatchObject({ status: 'published', latestVersion: 2, current: { version: 2, rowCount: 2 } });
      await expectServed(restarted, token, 2, 'Brixton');
      const versions = (await api(restarted, 'GET', `${RESOURCE}/versions`, token)).body.results;
      expect(versions.map((v: { state: string }) => v.state)).toEqual(['published', 'published']);
    } finally {
      await interrupt(restarted);
    }
  }, 600_000);
});

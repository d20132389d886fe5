import { createWriteStream, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { createLdxClient, type LdxClient } from '../../cli/src/client';
import { download } from '../support/publishing';
import { startTestExchange, type TestExchange } from '../support/test-exchange';
import { finished, freshConfigDir, ldxEnv, runLdx, startLdx } from './ldx-process';

/**
 * A multipart upload killed half-way (SIGKILL: no clean-up of any kind) resumes on the next
 * `ldx publish`: the exchange lists the parts it holds, only the others are sent, and the file
 * published is byte for byte the local one.
 */
// Each command is a new process, and ingest of the 11 MiB file takes a while on a busy machine.
jest.setTimeout(180_000);

let t: TestExchange;
let token: string;
let client: LdxClient;
let env: NodeJS.ProcessEnv;
let workDir: string;
const MiB = 1024 * 1024;
const DATASET = 'ldx-resumed-readings';

/** About 11 MiB of valid CSV: three parts of 5 MiB (S3's smallest). */
const writeCsv = async (path: string) => {
  const out = createWriteStream(path);
  out.write('site,measured_at,value\n');
  let size = 0;
  for (let i = 0; size < 11 * MiB; i++) {
    const line = `site-${String(i % 997).padStart(4, '0')},2025-01-01T00:00:00Z,${(i % 5000) / 10}\n`;
    size += line.length;
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
};

beforeAll(async () => {
  t = await startTestExchange();
  token = await t.organisationWithToken('ldx-resume', 'editor');
  client = createLdxClient({ baseUrl: t.url, token });
  env = ldxEnv(t.url, token, freshConfigDir());
  workDir = mkdtempSync(join(tmpdir(), 'ldx-resume-'));
  await writeCsv(join(workDir, 'readings.csv'));
  writeFileSync(
    join(workDir, 'datapackage.json'),
    JSON.stringify({
      name: DATASET,
      title: 'Resumed readings',
      licenses: [{ name: 'OGL-UK-3.0' }],
      tier: 'open',
      resources: [{ name: 'readings', path: 'readings.csv' }],
    }),
  );
});
afterAll(() => t.stop());

it('resumes a killed multipart upload without sending the stored parts again', async () => {
  const args = ['publish', join(workDir, 'datapackage.json'), '--multipart-threshold', '5MiB', '--part-size', '5MiB', '--interval', '0.2'];
  const first = startLdx(args, env);
  first.stdin?.end();
  const firstRun = finished(first);
  let uploadId: string | undefined;
  let stderr = '';
  await new Promise<void>((resolve) => {
    first.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      uploadId ??= /multipart upload ([0-9a-f-]{36}): 3 parts of 5\.0 MiB/.exec(stderr)?.[1];
      if (/readings: part 1\/3 stored/.test(stderr)) {
        first.kill('SIGKILL');
        resolve();
      }
    });
  });
  const killed = await firstRun;
  expect(killed.code).toBeNull();
  expect(uploadId).toBeDefined();

  const { data: parts } = await client.GET('/api/v1/datasets/{dataset}/resources/{resource}/uploads/{upload}/parts', {
    params: { path: { dataset: DATASET, resource: 'readings', upload: uploadId! } },
  });
  const stored = parts!.stored.map((part) => part.partNumber);
  expect(stored.length).toBeGreaterThanOrEqual(1);
  expect(stored.length).toBeLessThan(3);
  const missing = [1, 2, 3].filter((n) => !stored.includes(n));
  expect(parts!.missing.map((part) => part.partNumber)).toEqual(missing);

  const resumed = await runLdx(args, env);
  expect(resumed.code).toBe(0);
  expect(resumed.stderr).toContain(`readings: resuming upload ${uploadId}: ${stored.length} of 3 parts already stored`);
  // Only the missing parts leave: the log names each part as the exchange records it.
  const sent = [...resumed.stderr.matchAll(/readings: part (\d)\/3 stored/g)].map((match) => Number(match[1]));
  expect(sent).toEqual(missing);
  expect(resumed.stdout).toBe(`dataset ${DATASET}: unchanged\n  readings: sent readings.csv (11.0 MiB), version 1 published\n`);

  const local = readFileSync(join(workDir, 'readings.csv'));
  const published = await download(t, `/api/v1/datasets/${DATASET}/resources/readings/download?format=original`, token);
  expect(published.bytes.equals(local)).toBe(true);

  // Nothing is pending any more: the next publish has nothing to send.
  const again = await runLdx([...args, '--json'], env);
  expect(JSON.parse(again.stdout).resources[0]).toMatchObject({ upload: 'unchanged', version: 1, state: 'published' });
});

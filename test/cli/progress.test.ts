import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestExchange, type TestExchange } from '../support/test-exchange';
import { freshConfigDir, LDX_BIN, ldxEnv, type LdxRun, runLdx } from './ldx-process';

/**
 * Upload progress: on a terminal a bar redrawn in place (cursor control, no new line per step);
 * in a pipe or a log plain lines, one per quarter reached, with no control characters at all. The
 * terminal is a real pseudo-terminal, made by util-linux `script`, so no native module is needed.
 */
// Each command is a new process (tsx, then the exchange's answers): slow on a busy machine.
jest.setTimeout(120_000);

let t: TestExchange;
let env: NodeJS.ProcessEnv;
let workDir: string;
const FIXTURE = join(__dirname, 'fixtures', 'borough-profiles');
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/;

const packageFor = (name: string): string => {
  const pkg = JSON.parse(readFileSync(join(FIXTURE, 'datapackage.json'), 'utf8'));
  const path = join(workDir, `${name}.json`);
  writeFileSync(path, JSON.stringify({ ...pkg, name }));
  return path;
};

/** ldx under `script`: its stdout and stderr are the pseudo-terminal, whose output arrives here as one stream. */
const runOnTerminal = (args: string[]): Promise<LdxRun> =>
  new Promise((resolve, reject) => {
    const command = [process.execPath, LDX_BIN, ...args].map((arg) => `'${arg.replace(/'/g, "'\\''")}'`).join(' ');
    const child = spawn('script', ['-qec', command, '/dev/null'], { env: { ...env, TERM: 'xterm', COLUMNS: '120' }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end();
  });

beforeAll(async () => {
  t = await startTestExchange();
  env = ldxEnv(t.url, await t.organisationWithToken('ldx-progress', 'editor'), freshConfigDir());
  workDir = mkdtempSync(join(tmpdir(), 'ldx-progress-'));
  copyFileSync(join(FIXTURE, 'london-borough-profiles.csv'), join(workDir, 'london-borough-profiles.csv'));
});
afterAll(() => t.stop());

it('draws a bar on a pseudo-terminal', async () => {
  const run = await runOnTerminal(['publish', packageFor('profiles-on-a-terminal'), '--interval', '0.2']);
  expect(run.code).toBe(0);
  // The bar is redrawn with cursor control, and reaches the whole file.
  expect(run.stdout).toMatch(/profiles: uploading london-borough-profiles\.csv \[#{40}\] 100% \| 19\.8 KiB of 19\.8 KiB/);
  expect(run.stdout).toContain('\u001b[');
  expect(run.stdout).not.toMatch(/uploading london-borough-profiles\.csv: \d+%/);
  expect(run.stdout).toContain('profiles: sent london-borough-profiles.csv (19.8 KiB), version 1 published');
});

it('prints plain lines, without control characters, off a terminal', async () => {
  const run = await runLdx(['publish', packageFor('profiles-in-a-pipe'), '--interval', '0.2'], env);
  expect(run.code).toBe(0);
  // The file is read in one chunk: one line, for the last quarter it reached.
  expect(run.stderr).toBe('profiles: uploading london-borough-profiles.csv: 100% (19.8 KiB of 19.8 KiB)\n');
  expect(run.stderr).not.toMatch(CONTROL);
  expect(run.stdout).toBe('dataset profiles-in-a-pipe: created\n  profiles: sent london-borough-profiles.csv (19.8 KiB), version 1 published\n');
  expect(run.stdout).not.toMatch(CONTROL);
});

it('prints only the JSON result with --json', async () => {
  const run = await runLdx(['publish', packageFor('profiles-as-json'), '--json', '--interval', '0.2'], env);
  expect(run.code).toBe(0);
  expect(run.stderr).toBe('');
  expect(JSON.parse(run.stdout).resources[0]).toMatchObject({ name: 'profiles', upload: 'sent', state: 'published' });
});

import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Runs ldx as a user would: its bin (cli/bin/ldx.mjs) in a child process, against a test
 * exchange, with its own config directory, and no terminal unless the test asks for one.
 */
export const LDX_BIN = join(__dirname, '..', '..', 'cli', 'bin', 'ldx.mjs');

export interface LdxRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export const freshConfigDir = (): string => mkdtempSync(join(tmpdir(), 'ldx-config-'));

export const ldxEnv = (url: string, token: string | undefined, configDir: string): NodeJS.ProcessEnv => {
  const env: NodeJS.ProcessEnv = { ...process.env, LDX_URL: url, LDX_CONFIG_DIR: configDir };
  delete env.LDX_TOKEN;
  if (token) env.LDX_TOKEN = token;
  return env;
};

export const startLdx = (args: string[], env: NodeJS.ProcessEnv, cwd?: string): ChildProcess =>
  spawn(process.execPath, [LDX_BIN, ...args], { env, cwd, stdio: ['pipe', 'pipe', 'pipe'] });

export const finished = (child: ChildProcess): Promise<LdxRun> =>
  new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });

export const runLdx = (args: string[], env: NodeJS.ProcessEnv, options: { cwd?: string; stdin?: string } = {}): Promise<LdxRun> => {
  const child = startLdx(args, env, options.cwd);
  const done = finished(child);
  child.stdin?.end(options.stdin ?? '');
  return done;
};

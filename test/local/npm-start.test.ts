import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** `npm start` as a user runs it: a real process, a data directory, Ctrl-C, and a second start. */
const root = join(__dirname, '..', '..');
const dataDir = mkdtempSync(join(tmpdir(), 'ldx-start-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

interface Started {
  child: ChildProcess;
  url: string;
  token: string;
  output: () => string;
}

const start = (): Promise<Started> =>
  new Promise((resolve, reject) => {
    // As `npm start` runs it: one node process with tsx as a loader, so Ctrl-C reaches the exchange itself.
    const child = spawn(process.execPath, ['--openssl-legacy-provider', '--import', 'tsx', 'functions/local/start.ts'], {
      cwd: root,
      env: { ...process.env, PORT: '0', LDX_DATA_DIR: dataDir, LDX_ADMIN_TOKEN: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    // A hang detector, not a speed check: a fresh start seeds the catalogue before this line, and
    // CI shares two cores between two workers.
    const timer = setTimeout(() => reject(new Error(`no start-up line within 90 s:\n${output}`)), 90_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const url = /running at (http:\/\/\S+)/.exec(output)?.[1];
      const token = /administrator token: (ldx_\S+)/.exec(output)?.[1];
      if (url && token) {
        clearTimeout(timer);
        resolve({ child, url, token, output: () => output });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`exited early with ${code}:\n${output}`)));
  });

const interrupt = (child: ChildProcess): Promise<number | null> =>
  new Promise((resolve) => {
    child.removeAllListeners('exit');
    child.on('exit', (code) => resolve(code));
    child.kill('SIGINT');
  });

describe('npm start', () => {
  it('seeds a fresh data directory, stops cleanly on Ctrl-C, and reuses the data on the next start', async () => {
    const first = await start();
    expect(first.output()).toMatch(/fresh: seeded/);
    const health = await fetch(`${first.url}/api/v1/health`);
    expect(health.status).toBe(200);
    // How to sign in as a seeded publisher through the local OpenID provider, which is up.
    expect(first.output()).toMatch(/sign in as a publisher: open http:\/\/\S+\/publish\/sign-in.*\n.*amara\.okafor@camden\.gov\.uk \/ london-local/);
    const issuer = /local identity provider" \((http:\/\/\S+)\)/.exec(first.output())?.[1];
    expect((await fetch(`${issuer}/.well-known/openid-configuration`)).status).toBe(200);
    const organisations = (await (await fetch(`${first.url}/api/v1/organisations`)).json()) as { count: number };
    expect(organisations.count).toBe(40);
    const made = await fetch(`${first.url}/api/v1/organisations`, {
      method: 'POST',
      headers: { authorization: `Bearer ${first.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ id: 'made-before-restart', name: 'Survives a restart', type: 'charity' }),
    });
    expect(made.status).toBe(201);
    expect(await interrupt(first.child)).toBe(0);

    const second = await start();
    try {
      expect(second.output()).not.toMatch(/fresh: seeded/);
      expect(second.token).toBe(first.token);
      const kept = await fetch(`${second.url}/api/v1/organisations/made-before-restart`);
      expect(kept.status).toBe(200);
      const datasets = (await (await fetch(`${second.url}/api/v1/datasets?limit=100`)).json()) as { results: Array<{ provenance?: unknown }> };
      // The eight real open datasets and the shared demo; the private one is hidden. Harvested ones (the recorded catalogues) come beside them.
      expect(datasets.results.filter((d) => !d.provenance)).toHaveLength(9);
    } finally {
      expect(await interrupt(second.child)).toBe(0);
    }
    // A fresh start publishes the seed's files in the background; Ctrl-C waits until they are ingested.
  }, 240_000);
});

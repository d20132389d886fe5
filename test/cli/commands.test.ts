import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLdxClient } from '../../cli/src/client';
import { startTestExchange, type TestExchange } from '../support/test-exchange';
import { freshConfigDir, ldxEnv, runLdx } from './ldx-process';

/**
 * What scripts rely on: login storing the token privately, exit codes by kind of failure, errors
 * that say what to do (and their --json shape), the offline validation report, and the admin
 * commands (grants, access requests, harvest sources) over the public API.
 */
// Each command is a new process (tsx, then the exchange's answers): slow on a busy machine.
jest.setTimeout(120_000);

let t: TestExchange;
let admin: string;
let workDir: string;

beforeAll(async () => {
  t = await startTestExchange();
  admin = await t.organisationWithToken('ldx-admins', 'admin');
  await t.organisationWithToken('ldx-partner', 'viewer');
  workDir = mkdtempSync(join(tmpdir(), 'ldx-commands-'));
  const client = createLdxClient({ baseUrl: t.url, token: admin });
  const created = await client.POST('/api/v1/datasets', { body: { name: 'ldx-shared', title: 'Shared with partners', licence: 'OGL-UK-3.0', tier: 'shared' } });
  expect(created.response.status).toBe(201);
});
afterAll(() => t.stop());

describe('login', () => {
  it('checks the token and stores it, with the address, readable by its owner only', async () => {
    const dir = freshConfigDir();
    const run = await runLdx(['login', '--url', t.url], ldxEnv('http://127.0.0.1:9', undefined, dir), { stdin: `${admin}\n` });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const file = join(dir, 'config.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ url: t.url, token: admin });
    // Later commands use what was stored: no LDX_URL, no LDX_TOKEN.
    const env = { ...ldxEnv(t.url, undefined, dir) };
    delete env.LDX_URL;
    const grants = await runLdx(['grants', 'list', 'ldx-shared'], env);
    expect(grants.stdout).toBe('ldx-shared has no grants.\n');
    expect(grants.code).toBe(0);
  });

  it('refuses a token the exchange refuses, says how to get another, and stores nothing', async () => {
    const dir = freshConfigDir();
    const run = await runLdx(['login', '--token', 'ldx_not-a-real-token'], ldxEnv(t.url, undefined, dir));
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/^ldx: Checking the token with http:\/\/localhost:\d+: /);
    expect(run.stderr).toContain('then run `ldx login`');
    expect(() => statSync(join(dir, 'config.json'))).toThrow();
  });
});

describe('exit codes and errors', () => {
  it('exits 3 with what to do when a stored token has been revoked', async () => {
    const issued = await t.request('POST', '/api/v1/organisations/ldx-admins/tokens', { token: admin, body: { role: 'editor', label: 'to revoke' } });
    const revoked = await t.request('DELETE', `/api/v1/organisations/ldx-admins/tokens/${issued.body.tokenId}`, { token: admin });
    expect(revoked.status).toBe(204);
    const run = await runLdx(['status', 'ldx-shared', '--json'], ldxEnv(t.url, issued.body.token, freshConfigDir()));
    expect(run.code).toBe(3);
    const { error } = JSON.parse(run.stdout);
    expect(error).toMatchObject({ exitCode: 3, hint: expect.stringContaining('Ask an admin of your organisation for a new one') });
    expect(run.stderr).toContain(error.message);
  });

  it('exits 5 for a dataset that does not exist (or cannot be seen), 4 for a role that may not act', async () => {
    const missing = await runLdx(['status', 'no-such-dataset'], ldxEnv(t.url, admin, freshConfigDir()));
    expect(missing.code).toBe(5);
    expect(missing.stderr).toBe('ldx: Reading dataset no-such-dataset: No such dataset.\n');
    const viewer = await t.tokenFor('ldx-admins', 'viewer');
    const refused = await runLdx(['publish', join(__dirname, 'fixtures', 'borough-profiles', 'datapackage.json')], ldxEnv(t.url, viewer, freshConfigDir()));
    expect(refused.code).toBe(4);
    expect(refused.stderr).toMatch(
      /^ldx: Creating dataset london-borough-profiles-2017: .*\nYour token's organisation or role may not do this: publishing needs an editor or admin token/,
    );
  });

  it('exits 2 for a command line it cannot run, 8 when the exchange cannot be reached', async () => {
    expect((await runLdx(['publish'], ldxEnv(t.url, admin, freshConfigDir()))).code).toBe(2);
    expect((await runLdx(['status', 'x', '--no-such-option'], ldxEnv(t.url, admin, freshConfigDir()))).code).toBe(2);
    const noFile = await runLdx(['publish', join(workDir, 'absent.json')], ldxEnv(t.url, admin, freshConfigDir()));
    expect(noFile).toMatchObject({ code: 2, stderr: `ldx: ${join(workDir, 'absent.json')}: no such file.\n` });
    const unreachable = await runLdx(['status', 'x'], ldxEnv('http://127.0.0.1:9', admin, freshConfigDir()));
    expect(unreachable.code).toBe(8);
    expect(unreachable.stderr).toMatch(/^ldx: Could not reach http:\/\/127\.0\.0\.1:9: .*\nCheck the address/);
  });
});

describe('validate (offline)', () => {
  it('reports errors against a common schema as a table, or the report with --json, and exits 7', async () => {
    const file = join(workDir, 'readings.csv');
    writeFileSync(
      file,
      'site_code,borough_gss_code,pollutant,measured_at,value,unit\nBX1,E09000002,NO2,2025-01-01T00:00:00Z,41.5,ug/m3\nbx 1,E09000099,CO2,yesterday,12,ug/m3\n',
    );
    const env = ldxEnv('http://127.0.0.1:9', undefined, freshConfigDir());
    const run = await runLdx(['validate', file, '--schema', 'air-quality-readings'], env);
    expect(run.code).toBe(7);
    expect(run.stdout).toMatch(/^INVALID: 2 rows, 6 columns, \d+ errors, checked against air-quality-readings \d+\.\d+\.\d+$/m);
    expect(run.stdout).toMatch(/^row\s+column\s+error\s+message$/m);
    expect(run.stdout).toMatch(/^3\s+site_code\s+\S+/m);
    const json = await runLdx(['validate', file, '--schema', 'air-quality-readings', '--json'], env);
    expect(json.code).toBe(7);
    const report = JSON.parse(json.stdout);
    expect(report.valid).toBe(false);
    expect(report.report.errors.map((e: { row: number; field: string }) => [e.row, e.field])).toEqual(
      expect.arrayContaining([
        [3, 'site_code'],
        [3, 'borough_gss_code'],
        [3, 'pollutant'],
        [3, 'measured_at'],
      ]),
    );
    const unknown = await runLdx(['validate', file, '--schema', 'no-such-schema'], env);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('The schemas are: ');
  });
});

describe('admin commands', () => {
  it('grants, lists and revokes access to a shared dataset', async () => {
    const env = ldxEnv(t.url, admin, freshConfigDir());
    const granted = await runLdx(
      [
        'grants',
        'add',
        'ldx-shared',
        '--org',
        'ldx-partner',
        '--purpose',
        'Planning the school places forecast',
        '--lawful-basis',
        'public-task',
        '--agreement',
        'DSA-2026-001',
        '--expires',
        new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10),
        '--json',
      ],
      env,
    );
    expect(granted.code).toBe(0);
    expect(JSON.parse(granted.stdout)).toMatchObject({ organisation: 'ldx-partner', purpose: 'Planning the school places forecast' });
    const listed = await runLdx(['grants', 'list', 'ldx-shared'], env);
    expect(listed.stdout).toMatch(/^ldx-partner\s+active\s+\d{4}-\d{2}-\d{2}\s+public-task\s+DSA-2026-001\s+Planning the school places forecast$/m);
    const revoked = await runLdx(['grants', 'revoke', 'ldx-shared', 'ldx-partner'], env);
    expect(revoked).toMatchObject({ code: 0, stdout: "revoked ldx-partner's grant to ldx-shared\n" });
    const badBasis = await runLdx(
      ['grants', 'add', 'ldx-shared', '--org', 'x', '--purpose', 'p', '--lawful-basis', 'because', '--agreement', 'a', '--expires', '2030-01-01'],
      env,
    );
    expect(badBasis.code).toBe(2);
  });

  it('lists and declines access requests', async () => {
    const partner = await t.tokenFor('ldx-partner', 'admin');
    const asked = await t.request('POST', '/api/v1/datasets/ldx-shared/access-requests', {
      token: partner,
      body: { purpose: 'Checking the forecast against our own counts', lawfulBasis: 'public-task', requestedDays: 90 },
    });
    expect(asked.status).toBe(201);
    const env = ldxEnv(t.url, admin, freshConfigDir());
    const listed = await runLdx(['access-requests', 'list', 'ldx-shared', '--json'], env);
    expect(JSON.parse(listed.stdout).results).toEqual([
      expect.objectContaining({ requestId: asked.body.requestId, state: 'pending', organisation: 'ldx-partner' }),
    ]);
    const declined = await runLdx(['access-requests', 'decline', 'ldx-shared', asked.body.requestId, '--reason', 'Our agreement does not cover this.'], env);
    expect(declined).toMatchObject({ code: 0, stdout: `declined access request ${asked.body.requestId}\n` });
  });

  it('lists an organisation’s harvest sources', async () => {
    const run = await runLdx(['harvest', 'list', 'ldx-admins', '--json'], ldxEnv(t.url, admin, freshConfigDir()));
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ count: 0, results: [] });
  });
});

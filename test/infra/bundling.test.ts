import { execFile, execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { DeleteObjectCommand } from '@aws-sdk/client-s3';
import { Template } from 'aws-cdk-lib/assertions';
import { readLogHead } from '../../functions/search/change-log';
import { SNAPSHOT_LOCATION, storedSnapshotSeq } from '../../functions/search/snapshot-store';
import { createS3Client } from '../../functions/storage/aws-clients';
import { envNames } from '../../functions/storage/layout';
import { buildApp } from '../../infra/build-app';
import { apiLazyFiles, apiLazyPackages, lazySpecifiers } from '../../infra/constructs/lazy-packages';
import { apiLazyGroups } from '../../infra/constructs/lazy-groups';
import { lambdaEnvironment } from '../support/lambda-environment';
import { datasetInput, startTestExchange, type TestExchange } from '../support/test-exchange';
import { writeZip } from '../support/zip-writer';
import { apiEntry, exchangeFunction, indexerEntry, ingestEntry, tempOutdir } from './helpers';

// The one synth that bundles for real: NodejsFunction must build with the local esbuild,
// offline and without Docker, from the repository root and package-lock.json.
let outdir: string;
let template: Template;
beforeAll(() => {
  outdir = tempOutdir();
  const { app, stack } = buildApp({ nag: false, outdir });
  const assembly = app.synth();
  template = Template.fromJSON(assembly.getStackByName(stack.stackName).template);
}, 120_000);
// The API and ingest assets are ~75 MB each (DuckDB's shared library).
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

/** The staged asset directory of an exchange function's code. */
function assetDirOf(entry: string): string {
  const [, fn] = exchangeFunction(template, entry);
  return path.join(outdir, `asset.${(fn.Properties.Code.S3Key as string).replace(/\.zip$/, '')}`);
}

const fakeStorageEnv = {
  [envNames.tableName]: 'table',
  [envNames.uploadsBucket]: 'uploads',
  [envNames.publishedBucket]: 'published',
  // The stack always sets it on the API (api.ts), which refuses to start without it.
  [envNames.publicBaseUrl]: 'https://data.example.london',
};

/**
 * Runs a script in a child node with only PATH, a region, the storage names and the public base URL (no NODE_PATH).
 * Its stdout is the script's answer alone: the functions' own log lines (Powertools writes them to stdout) are silenced.
 */
const runNode = (script: string): string =>
  execFileSync(process.execPath, ['-e', script], {
    env: { PATH: process.env.PATH, AWS_REGION: 'eu-west-2', POWERTOOLS_LOG_LEVEL: 'SILENT', ...fakeStorageEnv },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });

/**
 * A bundle of a function with `nativeDuckDb`: index.js (CommonJS, source map) beside a
 * node_modules/ holding exactly the DuckDB packages and the linux-x64 binding, under Lambda's
 * 250 MB unzipped limit, with DuckDB left to load at run time (not inlined). Requiring the
 * bundle then running a query loads DuckDB, and every DuckDB file loaded is the bundle's own.
 * Returns the required module's export names.
 */
function expectDuckDbShipped(assetDir: string, lazyPackages: readonly string[] = [], workers: readonly string[] = []): string[] {
  const groupFiles = apiLazyGroups.flatMap((group) => [`${path.basename(group.specifier)}.js`, `${path.basename(group.specifier)}.js.map`]);
  const lazyEntries = lazyPackages.length ? [...apiLazyFiles.map((file) => path.basename(file.specifier)), 'lazy', ...groupFiles] : [];
  expect(readdirSync(assetDir).sort()).toEqual([...lazyEntries, ...workers, 'index.js', 'index.js.map', 'node_modules'].sort());
  // The scope or package folder of each lazily loaded name (its stub lives at node_modules/<name>/index.js).
  const topLevel = (name: string) => name.split('/')[0];
  expect(readdirSync(path.join(assetDir, 'node_modules')).sort()).toEqual([...new Set(['@duckdb', ...lazyPackages.map(topLevel)])].sort());
  expect(readdirSync(path.join(assetDir, 'node_modules', '@duckdb')).sort()).toEqual(['node-api', 'node-bindings', 'node-bindings-linux-x64']);
  const binding = path.join(assetDir, 'node_modules', '@duckdb', 'node-bindings-linux-x64');
  expect(
    readdirSync(binding)
      .filter((f) => /\.(node|so)$/.test(f))
      .sort(),
  ).toEqual(['duckdb.node', 'libduckdb.so']);
  expect(directoryBytes(assetDir)).toBeLessThan(250 * 1024 * 1024);

  const code = readFileSync(path.join(assetDir, 'index.js'), 'utf8');
  expect(code).toMatch(/exports|module\.exports/);
  expect(code).toContain('sourceMappingURL=index.js.map');
  // The map holds the mappings only: --enable-source-maps reads it at every cold start.
  const map = JSON.parse(readFileSync(path.join(assetDir, 'index.js.map'), 'utf8')) as { mappings: string; sourcesContent?: unknown };
  expect(map.mappings.length).toBeGreaterThan(0);
  expect(map.sourcesContent).toBeUndefined();
  // require("@duckdb/node-api") or import("@duckdb/node-api") (a dynamic import of an external
  // stays an import() in esbuild's CommonJS output): resolved at run time from node_modules/.
  expect(code).toMatch(/(require|import)\("@duckdb\/node-api"\)/);
  // The bindings loader (which requires `…/duckdb.node`) is not inlined either.
  expect(code).not.toContain('duckdb.node');

  const index = path.join(assetDir, 'index.js');
  const answer = runNode(`
    const index = ${JSON.stringify(index)};
    const bundle = require(index);
    const { DuckDBInstance } = require('node:module').createRequire(index)('@duckdb/node-api');
    (async () => {
      const connection = await (await DuckDBInstance.create(':memory:')).connect();
      const rows = (await connection.runAndReadAll('select 40 + 2 as answer')).getRowObjectsJson();
      const loaded = Object.keys(require.cache).filter((file) => file.includes('@duckdb'));
      process.stdout.write(JSON.stringify({ exports: Object.keys(bundle), rows, loaded }));
    })();`);
  const result = JSON.parse(answer) as { exports: string[]; rows: unknown[]; loaded: string[] };
  expect(result.rows).toEqual([{ answer: 42 }]);
  expect(result.loaded).toContain(path.join(binding, 'duckdb.node'));
  for (const file of result.loaded) expect(file.startsWith(`${assetDir}${path.sep}`)).toBe(true);
  return result.exports;
}

test('the API bundle ships the DuckDB packages and its linux-x64 binding, and loads DuckDB from them', () => {
  const assetDir = assetDirOf(apiEntry);
  expect(expectDuckDbShipped(assetDir, lazySpecifiers(apiLazyPackages))).toContain('handler');
  expect(readFileSync(path.join(assetDir, 'index.js'), 'utf8')).toContain('/api/v1/health');
});

test('the bundled API answers GET /api/v1/health through an HTTP API v2 event, in a process of its own', () => {
  const index = path.join(assetDirOf(apiEntry), 'index.js');
  const answer = runNode(`require(${JSON.stringify(index)}).handler(${JSON.stringify(healthEvent)}, {})
    .then((r) => process.stdout.write(JSON.stringify(r)))`);
  expect(JSON.parse(answer)).toMatchObject({ statusCode: 200 });
});

test('the API bundle leaves the packages it requires on first use to files beside it, which load from there', () => {
  const assetDir = assetDirOf(apiEntry);
  const index = path.join(assetDir, 'index.js');
  const specifiers = lazySpecifiers(apiLazyPackages);
  const answer = runNode(`
    const index = ${JSON.stringify(index)};
    require(index);
    const lazyFiles = () => Object.keys(require.cache).filter((file) => file.startsWith(${JSON.stringify(path.join(assetDir, 'lazy'))}));
    const atInit = lazyFiles();
    // Each as the repository's own require hands it over: a package's function (proj4) not an ES module namespace.
    const fromRepo = require('node:module').createRequire(${JSON.stringify(path.join(__dirname, '..', '..', 'package.json'))});
    const exported = ${JSON.stringify(specifiers)}.map((name) => {
      const loaded = require('node:module').createRequire(index)(name);
      const original = fromRepo(name);
      return typeof loaded === typeof original && (typeof loaded === 'function' || (Object.keys(loaded).length > 0 && Object.keys(original).every((key) => key in loaded)));
    });
    process.stdout.write(JSON.stringify({ atInit, exported, loaded: lazyFiles().map((file) => file.slice(${JSON.stringify(assetDir.length + 1)})).sort() }));`);
  const result = JSON.parse(answer) as { atInit: string[]; exported: boolean[]; loaded: string[] };
  // None is read at the cold start; each one, asked for, is the package itself (its function or its exports, as node loads it), read from its group's file.
  expect(result.atInit).toEqual([]);
  expect(result.exported).toEqual(specifiers.map(() => true));
  expect(result.loaded).toEqual(apiLazyPackages.map((group) => path.join('lazy', `${group.name}.js`)).sort());
  // ...and neither the bundle nor its lazy groups' files hold them: they require them (the ingest core's parsers, from its group's file).
  const code = [index, ...apiLazyGroups.map((group) => path.join(assetDir, `${path.basename(group.specifier)}.js`))]
    .map((file) => readFileSync(file, 'utf8'))
    .join('\n');
  for (const name of specifiers) expect(code).toContain(`require("${name}")`);
});

test("the API bundle serves the API reference's swagger-ui assets from the file copied beside it, read on first use", () => {
  const assetDir = assetDirOf(apiEntry);
  const index = path.join(assetDir, 'index.js');
  const [docs] = apiLazyFiles;
  const event = {
    ...healthEvent,
    rawPath: '/api/docs/assets/swagger-ui.css',
    requestContext: { ...healthEvent.requestContext, http: { ...healthEvent.requestContext.http, path: '/api/docs/assets/swagger-ui.css' } },
  };
  const answer = runNode(`
    const file = require('node:path').join(${JSON.stringify(assetDir)}, ${JSON.stringify(docs.specifier)});
    const { handler } = require(${JSON.stringify(index)});
    const atInit = Object.keys(require.cache).includes(file);
    handler(${JSON.stringify(event)}, {}).then((r) => process.stdout.write(JSON.stringify({ atInit, status: r.statusCode, type: r.headers['content-type'], after: Object.keys(require.cache).includes(file) })));`);
  expect(JSON.parse(answer)).toEqual({ atInit: false, status: 200, type: 'text/css; charset=utf-8', after: true });
  // The bundle does not carry the file's content (its generated comment, for one).
  expect(readFileSync(index, 'utf8')).not.toContain('from swagger-ui-dist; do not edit');
});

test("the API bundle leaves its lazy groups (the web pages, the ingest core) to files beside it, read on first use, using the bundle's own modules", () => {
  const assetDir = assetDirOf(apiEntry);
  const index = path.join(assetDir, 'index.js');
  const groupFile = (name: string) => path.join(assetDir, `${path.basename(apiLazyGroups.find((group) => group.name === name)!.specifier)}.js`);
  const page = (rawPath: string) => ({
    ...healthEvent,
    rawPath,
    requestContext: { ...healthEvent.requestContext, http: { ...healthEvent.requestContext.http, path: rawPath } },
  });
  const answer = runNode(`
    const loaded = (file) => Object.keys(require.cache).includes(file);
    const web = ${JSON.stringify(groupFile('web-pages'))}, ingest = ${JSON.stringify(groupFile('ingest-core'))};
    const { handler } = require(${JSON.stringify(index)});
    const atInit = [loaded(web), loaded(ingest)];
    (async () => {
      // The 404 page: the pages' error handler answers the bundle's own error (one ExchangeError class), with its status.
      const missing = await handler(${JSON.stringify(page('/no-such-page'))}, {});
      const afterPage = [loaded(web), loaded(ingest)];
      const core = require(ingest);
      process.stdout.write(JSON.stringify({ atInit, afterPage, status: missing.statusCode, type: missing.headers['content-type'], page: /<html/i.test(missing.body), core: typeof core.processUpload }));
    })();`);
  expect(JSON.parse(answer)).toEqual({
    atInit: [false, false],
    afterPage: [true, false],
    status: 404,
    type: 'text/html; charset=UTF-8',
    page: true,
    core: 'function',
  });
  // The bundle holds neither group's own modules, and the groups hold no copy of the bundle's (its error class, for one).
  const code = readFileSync(index, 'utf8');
  for (const group of apiLazyGroups) expect(code).toContain(`require("${group.specifier}")`);
  expect(code).toContain('"ExchangeError"');
  for (const group of apiLazyGroups) expect(readFileSync(groupFile(group.name), 'utf8')).not.toContain('"ExchangeError"');
});

test('the ingest bundle ships the DuckDB packages and its linux-x64 binding, and loads DuckDB from them', () => {
  expect(expectDuckDbShipped(assetDirOf(ingestEntry), [], ['sheet-worker.js'])).toContain('handler');
});

test("the ingest bundle's sheet worker, built beside index.js where the bundle looks for it, parses a sheet on its own", () => {
  const assetDir = assetDirOf(ingestEntry);
  expect(readFileSync(path.join(assetDir, 'index.js'), 'utf8')).toContain('sheet-worker.js');
  const dir = tempOutdir();
  const zipPath = path.join(dir, 'book.xlsx');
  let rows = '';
  for (let i = 1; i <= 3000; i++) rows += `<row r="${i}"><c r="A${i}" t="inlineStr"><is><t>n${i}</t></is></c><c r="B${i}"><v>${i}.50</v></c></row>`;
  writeFileSync(zipPath, writeZip([{ name: 'xl/worksheets/sheet1.xml', data: `<worksheet><sheetData>${rows}</sheetData></worksheet>` }]));
  const data = {
    zipPath,
    caps: { maxEntries: 10, maxUncompressedBytes: 2 ** 30, maxRatio: 200, ratioCheckAboveBytes: 2 ** 20 },
    parts: { sharedStrings: [], styleDates: [], date1904: false },
    sheetPath: 'xl/worksheets/sheet1.xml',
    maxColumns: 1000,
    credits: 1_000_000,
    entry: path.join(assetDir, 'sheet-worker.js'),
  };
  const answer = runNode(`
    const { Worker } = require('node:worker_threads');
    // Started ahead of its sheet, as the ingest starts it (sheet-in-worker.ts), then given the sheet.
    const worker = new Worker(${JSON.stringify(data.entry)}, { workerData: { entry: ${JSON.stringify(data.entry)}, awaitJob: true } });
    worker.postMessage(${JSON.stringify(data)});
    let rows = 0, last = null;
    worker.on('message', (m) => {
      // A batch's cells cross as one buffer of characters with each cell's end in it (sheet-rows-message.ts).
      const cell = (i) => String.fromCharCode(...m.chars.subarray(i === 0 ? 0 : m.ends[i - 1], m.ends[i]));
      if (m.kind === 'rows') { rows += m.numbers.length; last = [cell(m.ends.length - 2), cell(m.ends.length - 1)]; }
      else { process.stdout.write(JSON.stringify({ rows, last, end: m.kind })); worker.terminate(); }
    });`);
  rmSync(dir, { recursive: true, force: true });
  expect(JSON.parse(answer)).toEqual({ rows: 3000, last: ['n3000', '3000.50'], end: 'end' });
});

describe('the indexer bundle', () => {
  let t: TestExchange;
  beforeAll(async () => {
    t = await startTestExchange();
  }, 60_000);
  afterAll(() => t?.stop());

  test('is index.js and its source map only: no node_modules, no DuckDB', () => {
    const assetDir = assetDirOf(indexerEntry);
    expect(readdirSync(assetDir).sort()).toEqual(['index.js', 'index.js.map']);
    expect(readFileSync(path.join(assetDir, 'index.js'), 'utf8')).not.toMatch(/duckdb/i);
  });

  test('against the emulators: a queue batch rebuilds and stores the snapshot, then a scheduled event (no Records) runs from memory', async () => {
    const token = await t.organisationWithToken('tfl', 'editor');
    expect((await t.request('POST', '/api/v1/datasets', { token, body: datasetInput('tube-stations') })).status).toBe(201);
    await t.exchange.indexIdle();
    const { lastSeq } = await readLogHead(t.exchange.domain);
    expect(lastSeq).toBeGreaterThan(0);
    // Remove the snapshot the local indexer stored: the bundle must rebuild it and write it back.
    const s3 = createS3Client(t.exchange.endpoints);
    await s3.send(new DeleteObjectCommand({ Bucket: t.exchange.names.published, Key: SNAPSHOT_LOCATION.key }));
    s3.destroy();
    expect(await storedSnapshotSeq(t.exchange.domain)).toBeUndefined();

    const index = path.join(assetDirOf(indexerEntry), 'index.js');
    // Asynchronous: the emulators answer from this process, which must not block while the child runs.
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [
        '-e',
        `const { handler } = require(${JSON.stringify(index)});
        (async () => {
          const queued = await handler({ Records: [{ messageId: 'm1', body: '{}' }, { messageId: 'm2', body: '{}' }] });
          const scheduled = await handler({ source: 'aws.events', 'detail-type': 'Scheduled Event', detail: {} });
          process.stdout.write('RESULT ' + JSON.stringify({ queued, scheduled }) + '\\n');
        })();`,
      ],
      {
        // Outside Lambda logs default to warnings only; this test reads the handler's info lines.
        env: { PATH: process.env.PATH, ...lambdaEnvironment(t), POWERTOOLS_LOG_LEVEL: 'INFO' },
        encoding: 'utf8',
      },
    );
    const lines = stdout.trim().split('\n');
    const result = JSON.parse(lines.find((line) => line.startsWith('RESULT '))!.slice('RESULT '.length));
    // A rebuild reads the current catalogue, so no change is left to apply after it (changed: 0).
    expect(result).toEqual({
      queued: { batchItemFailures: [], changed: 0, seq: lastSeq },
      scheduled: { batchItemFailures: [], changed: 0, seq: lastSeq },
    });
    const runs = lines.filter((line) => line.includes('"indexer run"')).map((line) => JSON.parse(line));
    expect(runs.map((run) => [run.messages, run.from, run.snapshotBytes > 0])).toEqual([
      [2, 'rebuild', true],
      [0, 'memory', false],
    ]);
    expect(await storedSnapshotSeq(t.exchange.domain)).toBe(lastSeq);
  }, 60_000);
});

function directoryBytes(dir: string): number {
  return readdirSync(dir, { withFileTypes: true }).reduce((sum, entry) => {
    const full = path.join(dir, entry.name);
    return sum + (entry.isDirectory() ? directoryBytes(full) : statSync(full).size);
  }, 0);
}

const healthEvent = {
  version: '2.0',
  routeKey: '$default',
  rawPath: '/api/v1/health',
  rawQueryString: '',
  headers: { host: 'example.execute-api.eu-west-2.amazonaws.com' },
  requestContext: {
    http: { method: 'GET', path: '/api/v1/health', protocol: 'HTTP/1.1', sourceIp: '192.0.2.1', userAgent: 'jest' },
    domainName: 'example.execute-api.eu-west-2.amazonaws.com',
    requestId: 'smoke',
    routeKey: '$default',
    stage: '$default',
    timeEpoch: 0,
  },
  isBase64Encoded: false,
};

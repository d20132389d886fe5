import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSync } from 'esbuild';

/**
 * A minified bundle with a source map beside it, run by plain node without --enable-source-maps
 * (as the API Lambda runs): with installLazySourceMaps its stacks name the source file and line,
 * and the map is read only when a stack is written out.
 */
const scratchRoot = join(__dirname, '..', '..', '..', '.tmp');
let dir: string;

const bundle = (install: boolean): string => {
  const entry = join(dir, `entry-${install}.ts`);
  writeFileSync(
    entry,
    [
      `import { installLazySourceMaps } from ${JSON.stringify(join(__dirname, '..', '..', '..', 'functions', 'observability', 'lazy-source-maps'))};`,
      install ? 'installLazySourceMaps(__filename);' : 'void installLazySourceMaps;',
      'export const fail = (): never => {',
      "  throw new Error('from the source');",
      '};',
      '',
    ].join('\n'),
  );
  const outfile = join(dir, `out-${install}`, 'index.js');
  buildSync({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    minify: true,
    sourcemap: true,
    sourcesContent: false,
    logLevel: 'error',
  });
  return outfile;
};

/** The stack of the bundle's error, and whether its map had been opened before the stack was written. */
const run = (outfile: string): { stack: string; mapReadFirst: boolean } => {
  const script = `
    const fs = require('node:fs');
    let mapRead = false;
    const readFileSync = fs.readFileSync;
    fs.readFileSync = (file, ...rest) => { if (String(file).endsWith('.map')) mapRead = true; return readFileSync(file, ...rest); };
    const { fail } = require(${JSON.stringify(outfile)});
    const mapReadFirst = mapRead;
    try { fail(); } catch (error) { process.stdout.write(JSON.stringify({ stack: error.stack, mapReadFirst })); }`;
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { env: { PATH: process.env.PATH }, encoding: 'utf8' }));
};

beforeAll(() => {
  mkdirSync(scratchRoot, { recursive: true });
  dir = mkdtempSync(join(scratchRoot, 'lazy-source-maps-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('installLazySourceMaps', () => {
  it("writes a bundled function's stack with the source file, line and column, reading the map only then", () => {
    const { stack, mapReadFirst } = run(bundle(true));
    expect(stack.split('\n')[0]).toBe('Error: from the source');
    expect(stack).toMatch(/entry-true\.ts:4:\d+\)/);
    expect(mapReadFirst).toBe(false);
  });

  it('without it, plain node writes the bundle position (the control)', () => {
    const { stack } = run(bundle(false));
    expect(stack).not.toContain('entry-false.ts');
    expect(stack).toMatch(/index\.js:\d+:\d+/);
  });
});

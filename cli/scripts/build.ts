import { build } from 'esbuild';
import { join } from 'node:path';

/**
 * The bundle `ldx` runs when installed on its own (bin/ldx.mjs prefers it): the command line, the
 * typed client and the exchange's ingest core in one CommonJS file, so an installed ldx needs
 * neither tsx nor the repository. DuckDB stays outside (a native module, installed as ldx's
 * dependency). `npm pack` in cli/ builds it first (prepack).
 */
const root = join(__dirname, '..');

build({
  entryPoints: [join(root, 'src', 'main.ts')],
  outfile: join(root, 'dist', 'ldx.cjs'),
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  external: ['@duckdb/node-api'],
  legalComments: 'external',
  logLevel: 'info',
}).catch(() => {
  process.exitCode = 1;
});

import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';

/** A Chromium to launch, and the environment it needs beyond the test process's own. */
export interface ChromiumInstall {
  executablePath: string;
  env: Record<string, string>;
}

const run = promisify(execFile);

/**
 * The Chromium the browser tests drive. LDX_CHROMIUM names a system browser; without it, the one
 * that the @sparticuz/chromium npm package ships, unpacked on first use into node_modules/.cache
 * (so `npm ci && npm test` needs no system package). That build brings its own fonts (Open Sans)
 * and its own NSS and expat libraries, so it relies on nothing beyond the C library.
 */
export const findChromium = async (): Promise<ChromiumInstall> => {
  const system = process.env.LDX_CHROMIUM;
  if (system) {
    if (!existsSync(system)) throw new Error(`LDX_CHROMIUM names ${system}, which does not exist`);
    return { executablePath: system, env: {} };
  }
  const packageDir = join(dirname(require.resolve('@sparticuz/chromium')), '..');
  const { version } = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { version: string };
  const folder = join(packageDir, '..', '..', '.cache', 'ldx-chromium', version);
  if (!existsSync(folder)) await run(process.execPath, [join(__dirname, 'unpack-chromium.mjs'), folder]);
  const libraries = join(folder, 'al2023', 'lib');
  return {
    executablePath: join(folder, 'chromium'),
    env: {
      FONTCONFIG_FILE: join(folder, 'fonts', 'fonts.conf'),
      LD_LIBRARY_PATH: process.env.LD_LIBRARY_PATH ? `${libraries}:${process.env.LD_LIBRARY_PATH}` : libraries,
    },
  };
};

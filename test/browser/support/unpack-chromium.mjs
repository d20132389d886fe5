// Unpacks the Chromium that the @sparticuz/chromium npm package ships (the browser, its fonts, its
// software-GL libraries and the NSS/expat libraries it links against) into the folder named by the
// first argument, so the browser tests need no system package. Run as a separate Node process
// because the package is ES-module-only and Jest loads test code as CommonJS.
//
// The package unpacks into os.tmpdir(), so this points TMPDIR at a private staging folder and then
// renames that folder into place: the rename is atomic, so test workers that start at the same time
// never see a half-written browser, and whichever finishes second throws its copy away.
import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const target = process.argv[2];
if (!target) throw new Error('usage: node unpack-chromium.mjs <folder>');

await mkdir(dirname(target), { recursive: true });
const staging = await mkdtemp(`${target}.staging-`);
process.env.TMPDIR = staging;
const { inflate } = await import('@sparticuz/chromium');
const bin = join(dirname(fileURLToPath(import.meta.resolve('@sparticuz/chromium'))), '..', 'bin');
try {
  for (const archive of ['chromium.br', 'fonts.tar.br', 'swiftshader.tar.br', 'al2023.tar.br']) await inflate(join(bin, archive));
  // The package's own fonts.conf names /tmp/fonts; this one names the fonts where they end up, and
  // only them, so pages render the same on every machine whatever fonts it has installed.
  const fontsConf = `<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <dir>${join(target, 'fonts', 'fonts')}</dir>
  <cachedir>${join(target, 'fonts-cache')}</cachedir>
</fontconfig>
`;
  await writeFile(join(staging, 'fonts', 'fonts.conf'), fontsConf);
  await rename(staging, target);
} catch (error) {
  await rm(staging, { recursive: true, force: true });
  // Another worker renamed its complete copy into place first.
  if (error.code !== 'ENOTEMPTY' && error.code !== 'EEXIST') throw error;
}

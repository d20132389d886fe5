#!/usr/bin/env node
// Installed on its own, ldx runs its bundle (dist/, built by `npm run build` before packing);
// inside the repository it runs the TypeScript sources through tsx, so there is no build step.
import { existsSync } from 'node:fs';

const bundle = new URL('../dist/ldx.cjs', import.meta.url);
if (existsSync(bundle)) {
  await import(bundle.href);
} else {
  const { tsImport } = await import('tsx/esm/api');
  await tsImport('../src/main.ts', import.meta.url);
}

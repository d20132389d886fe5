#!/usr/bin/env node
// In the repository ldx runs its TypeScript sources through tsx, so there is no build step and
// never a stale build; installed on its own (the package ships no sources) it runs its bundle,
// dist/ldx.cjs, built by `npm run build` (and by `npm pack`, before packing).
import { existsSync } from 'node:fs';

const sources = new URL('../src/main.ts', import.meta.url);
if (existsSync(sources)) {
  const { tsImport } = await import('tsx/esm/api');
  await tsImport(sources.href, import.meta.url);
} else {
  await import(new URL('../dist/ldx.cjs', import.meta.url).href);
}

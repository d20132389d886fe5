/**
 * Builds the API function's lazily required packages and groups beside its bundle (infra/constructs/lazy-packages.ts,
 * infra/constructs/lazy-groups.ts): `tsx infra/build-lazy-packages.ts <bundle dir> <esbuild target> [external package ...]`.
 * NodejsFunction runs it after bundling the API (its commandHooks are shell commands), with the bundle's metafile
 * (index.meta.json, paths relative to the repository root, where NodejsFunction runs esbuild) beside it: the groups
 * share the modules the bundle holds. The metafile is removed once read: it is not part of the function's code.
 */
import { readFile, rm } from 'node:fs/promises';
import * as path from 'node:path';
import type { Metafile } from 'esbuild';
import { apiLazyBundleExternals, apiLazyFiles, apiLazyPackages, buildLazyPackages } from './constructs/lazy-packages';
import { buildLazyGroups } from './constructs/lazy-groups';
import { repoRoot } from './paths';

const [bundleDir, target, ...external] = process.argv.slice(2);
if (!bundleDir || !target) {
  console.error('usage: tsx infra/build-lazy-packages.ts <bundle dir> <esbuild target> [external package ...]');
  process.exit(2);
}
const build = async (): Promise<void> => {
  await buildLazyPackages(bundleDir, apiLazyPackages, apiLazyFiles, { target, external });
  const metafilePath = path.join(bundleDir, 'index.meta.json');
  const metafile = JSON.parse(await readFile(metafilePath, 'utf8')) as Metafile;
  await buildLazyGroups(bundleDir, metafile, repoRoot, { target, external: apiLazyBundleExternals(external) });
  await rm(metafilePath);
};
build().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

/**
 * Builds the API function's lazily required packages beside its bundle (infra/constructs/lazy-packages.ts):
 * `tsx infra/build-lazy-packages.ts <bundle dir> <esbuild target> [external package ...]`.
 * NodejsFunction runs it after bundling the API (its commandHooks are shell commands).
 */
import { apiLazyFiles, apiLazyPackages, buildLazyPackages } from './constructs/lazy-packages';

const [bundleDir, target, ...external] = process.argv.slice(2);
if (!bundleDir || !target) {
  console.error('usage: tsx infra/build-lazy-packages.ts <bundle dir> <esbuild target> [external package ...]');
  process.exit(2);
}
buildLazyPackages(bundleDir, apiLazyPackages, apiLazyFiles, { target, external }).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

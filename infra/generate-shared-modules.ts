/**
 * Writes functions/api/shared-modules.generated.ts: the project modules the API function's bundle
 * shares with its lazily loaded groups (infra/constructs/lazy-groups.ts). Run after changing what
 * the API's entry point or a group imports: `npx tsx infra/generate-shared-modules.ts`.
 */
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { functionArchitecture } from './constructs/exchange-function';
import { apiLazyBundleExternals } from './constructs/lazy-packages';
import { SHARED_MODULES_FILE, sharedModulesSource } from './constructs/lazy-groups';
import { duckDbPackages } from './constructs/native-duckdb';
import { repoRoot } from './paths';

sharedModulesSource({ external: apiLazyBundleExternals(duckDbPackages(functionArchitecture)) })
  .then((source) => writeFileSync(path.join(repoRoot, SHARED_MODULES_FILE), source))
  .catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });

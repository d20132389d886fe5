import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { functionArchitecture } from '../../../infra/constructs/exchange-function';
import { SHARED_MODULES_FILE, sharedModulesSource } from '../../../infra/constructs/lazy-groups';
import { apiLazyBundleExternals } from '../../../infra/constructs/lazy-packages';
import { duckDbPackages } from '../../../infra/constructs/native-duckdb';

/**
 * The API function's lazily loaded groups (infra/constructs/lazy-groups.ts) take every project module the bundle
 * also holds from the bundle, through the generated list: it must name exactly those modules, or a group's build
 * fails (a module missing) or the bundle imports more than it needs (one no longer shared).
 */
test('the list of modules the API bundle shares with its lazy groups is current (npx tsx infra/generate-shared-modules.ts)', async () => {
  const expected = await sharedModulesSource({ external: apiLazyBundleExternals(duckDbPackages(functionArchitecture)) });
  // A real list: the groups use the bundle's error class and the domain's modules.
  expect(expected).toContain("['functions/domain/errors.ts', () => m");
  expect(readFileSync(path.join(__dirname, '..', '..', '..', SHARED_MODULES_FILE), 'utf8')).toBe(expected);
}, 60_000);

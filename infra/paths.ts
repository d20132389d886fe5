import * as path from 'node:path';
import { readFileSync } from 'node:fs';

/** The repository root: every function entry and the lock file are resolved from here. */
export const repoRoot = path.resolve(__dirname, '..');

/** The lock file NodejsFunction uses to find the project root and pin dependency versions. */
export const lockFile = path.join(repoRoot, 'package-lock.json');

/** Absolute path of a Lambda entry file given relative to the repository root. */
export function functionEntry(relativePath: string): string {
  return path.join(repoRoot, relativePath);
}

/** The `context` block of cdk.json (feature flags), so apps built outside the CLI (tests) match. */
export function cdkJsonContext(): Record<string, unknown> {
  const cdkJson = JSON.parse(readFileSync(path.join(repoRoot, 'cdk.json'), 'utf8')) as {
    context?: Record<string, unknown>;
  };
  return cdkJson.context ?? {};
}

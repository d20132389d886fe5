/** The version-number rules a new schema version must follow, given how it changes the schema (semver). */
import type Semver from 'semver';

// semver builds its many expressions when it is loaded: required by the first version check, not when the API starts.
const semver = (): typeof Semver => require('semver') as typeof Semver;
import type { ChangeKind } from './schema-change-types';

/** Why `next` is not an acceptable number for a change of this kind after `previous`; undefined when it is. */
export const versionNumberProblem = (previous: string, next: string, change: ChangeKind): string | undefined => {
  if (!semver().valid(next)) return `"${next}" is not a semantic version (major.minor.patch, such as 1.1.0)`;
  if (!semver().gt(next, previous)) return `must be greater than the latest published version, ${previous}`;
  if (change === 'none') return 'the proposed schema does not change which rows conform: no new version is needed';
  const bump = semver().diff(previous, next);
  const major = bump === 'major' || bump === 'premajor';
  if (change === 'breaking' && !major) return `the change is breaking, so it needs a new major version (${semver().inc(previous, 'major')})`;
  if (change === 'compatible' && major)
    return `the change is compatible, so it takes a minor or patch version (${semver().inc(previous, 'minor')}), not a new major one`;
  return undefined;
};

/** The highest of `versions` inside `range` (a semver range such as `^1.0.0` or `1.x`); undefined if none. */
export const highestInRange = (versions: readonly string[], range: string): string | undefined => semver().maxSatisfying([...versions], range) ?? undefined;

export const isVersionRange = (range: string): boolean => semver().validRange(range) !== null;

export const compareVersions = (a: string, b: string): number => semver().compare(a, b);

/** The range a declaration without one means: compatible versions of the major it was made against. */
export const defaultRange = (version: string): string => `^${semver().major(version)}.0.0`;

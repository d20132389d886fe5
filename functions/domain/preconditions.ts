import { ExchangeError, preconditionFailed } from './errors';

/** What the client said about the version it last saw (HTTP: If-Match). */
export type VersionPrecondition = { version: number } | 'any' | 'none';

/**
 * The version a conditional write must replace. Checked after visibility and permission, so a
 * caller who may not see a record learns nothing from the precondition.
 */
export const versionToReplace = (precondition: VersionPrecondition, currentVersion: number, required: boolean): number => {
  if (precondition === 'none') {
    if (!required) return currentVersion;
    throw new ExchangeError('precondition_required', "Send If-Match with the ETag you last read, so that no one else's change is overwritten.");
  }
  if (precondition === 'any') return currentVersion;
  if (precondition.version !== currentVersion) throw preconditionFailed();
  return currentVersion;
};

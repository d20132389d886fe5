import type { Caller } from '../domain/caller';
import type { GovernanceActor } from './version-records';

/** Who acted, for the public history: the organisation and token id, never a secret. */
export const governanceActor = (caller: Caller): GovernanceActor =>
  caller.kind === 'member' ? { kind: 'member', organisation: caller.organisationId, tokenId: caller.tokenId } : { kind: 'platform-admin' };

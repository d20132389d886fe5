/** Who is making a request, as established from its bearer token, its session (or the lack of either). */
export const roles = ['viewer', 'editor', 'admin'] as const;
export type Role = (typeof roles)[number];

/**
 * A member acts for one organisation with one role. Behind it is a token (an organisation token,
 * a person's personal token or a service token: `tokenId`), a person signed in through their
 * identity provider (`personId`, with no token), or both (a personal token).
 */
export interface MemberCaller {
  kind: 'member';
  organisationId: string;
  role: Role;
  tokenId?: string;
  /** The person acting (signed in, or the owner of the personal token used). */
  personId?: string;
  /** The person's name and email as their session or personal token recorded them (for audit entries). */
  personLabel?: string;
  /** A service token's name. */
  service?: string;
}

export type Caller = { kind: 'anonymous' } | { kind: 'platform-admin' } | MemberCaller;

export const anonymous: Caller = { kind: 'anonymous' };

const rank: Record<Role, number> = { viewer: 1, editor: 2, admin: 3 };

export const roleRank = (role: Role): number => rank[role];

/** The lesser of two roles: a personal token never carries more than its owner's membership. */
export const lesserRole = (a: Role, b: Role): Role => (rank[a] <= rank[b] ? a : b);

export const hasRole = (caller: Caller, organisationId: string, atLeast: Role): boolean =>
  caller.kind === 'member' && caller.organisationId === organisationId && rank[caller.role] >= rank[atLeast];

export const isMemberOf = (caller: Caller, organisationId: string): boolean => hasRole(caller, organisationId, 'viewer');

/** How records name who did something: `{organisation}/{tokenId}`, `{organisation}/person:{personId}`, or the caller's kind. */
export const actorName = (caller: Caller): string => {
  if (caller.kind !== 'member') return caller.kind;
  return `${caller.organisationId}/${caller.tokenId ?? `person:${caller.personId ?? 'unknown'}`}`;
};

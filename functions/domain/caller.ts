/** Who is making a request, as established from its bearer token (or the lack of one). */
export const roles = ['viewer', 'editor', 'admin'] as const;
export type Role = (typeof roles)[number];

export type Caller = { kind: 'anonymous' } | { kind: 'platform-admin' } | { kind: 'member'; organisationId: string; role: Role; tokenId: string };

export const anonymous: Caller = { kind: 'anonymous' };

const rank: Record<Role, number> = { viewer: 1, editor: 2, admin: 3 };

export const hasRole = (caller: Caller, organisationId: string, atLeast: Role): boolean =>
  caller.kind === 'member' && caller.organisationId === organisationId && rank[caller.role] >= rank[atLeast];

export const isMemberOf = (caller: Caller, organisationId: string): boolean => hasRole(caller, organisationId, 'viewer');

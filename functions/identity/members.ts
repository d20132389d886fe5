import { actorName, type Caller, type Role } from '../domain/caller';
import { requestShapeProblems } from '../domain/request-schemas';
import type { DomainContext } from '../domain/context';
import { conflict, notFound, validationFailed } from '../domain/errors';
import { getOrganisation } from '../domain/organisations';
import { mayManageMembers, refusal } from '../domain/policy';
import { log } from '../observability/telemetry';
import { type Invitation, listInvitations, storeInvitation } from './invitations';
import { listMemberships, type Membership, membershipOf, removeMembership, updateMembership } from './memberships';
import { isPersonId } from './people';

/** An organisation's people, as its admins manage them (API and publisher pages alike). */

const requireManager = async (ctx: DomainContext, caller: Caller, organisation: string): Promise<void> => {
  await getOrganisation(ctx, organisation);
  if (!mayManageMembers(caller, organisation)) throw refusal(caller, true, 'organisation', "manage this organisation's members");
};

export const listMembers = async (ctx: DomainContext, caller: Caller, organisation: string): Promise<{ members: Membership[]; invitations: Invitation[] }> => {
  await requireManager(ctx, caller, organisation);
  const now = ctx.now().getTime();
  const [members, invitations] = await Promise.all([listMemberships(ctx, organisation), listInvitations(ctx, organisation)]);
  return { members, invitations: invitations.filter((i) => !i.acceptedAt && Date.parse(i.expiresAt) > now) };
};

/**
 * Invites a person by email. The link is returned to the admin and logged (no mail is sent by
 * the exchange: locally the terminal shows it; in AWS the admin passes it on, or a mail
 * integration reads the log event).
 */
export const inviteMember = async (
  ctx: DomainContext,
  caller: Caller,
  organisation: string,
  input: Record<string, unknown>,
  linkFor: (code: string) => string,
): Promise<{ invitation: Invitation; link: string }> => {
  await requireManager(ctx, caller, organisation);
  const problems = requestShapeProblems('member-invitation', input);
  if (problems.length) throw validationFailed(problems);
  const email = (input.email as string).trim().toLowerCase();
  const { invitation, code } = await storeInvitation(ctx, { organisation, email, role: input.role as Role, createdBy: actorName(caller) });
  const link = linkFor(code);
  log().info('invitation created', { organisation, invitationId: invitation.invitationId, email, role: invitation.role, link });
  return { invitation, link };
};

const existing = async (ctx: DomainContext, organisation: string, personId: string): Promise<Membership> => {
  const membership = isPersonId(personId) ? await membershipOf(ctx, organisation, personId) : undefined;
  if (!membership) throw notFound('member');
  return membership;
};

/** An organisation keeps at least one person as admin once it has one, so nobody locks everyone out by accident. */
const refuseLosingLastAdmin = async (ctx: DomainContext, membership: Membership): Promise<void> => {
  if (membership.role !== 'admin') return;
  const admins = (await listMemberships(ctx, membership.organisation)).filter((m) => m.role === 'admin');
  if (admins.length <= 1) throw conflict('This person is the organisation’s only admin. Make someone else an admin first.');
};

export const changeMemberRole = async (
  ctx: DomainContext,
  caller: Caller,
  organisation: string,
  personId: string,
  input: Record<string, unknown>,
): Promise<Membership> => {
  await requireManager(ctx, caller, organisation);
  const problems = requestShapeProblems('member-role-change', input);
  if (problems.length) throw validationFailed(problems);
  const role = input.role as Role;
  const current = await existing(ctx, organisation, personId);
  if (role !== 'admin') await refuseLosingLastAdmin(ctx, current);
  const updated = await updateMembership(ctx, organisation, personId, (m) => (m.role === role ? undefined : { ...m, role }));
  if (!updated) throw notFound('member');
  return updated;
};

/** Removes a member: their sessions and personal tokens stop at the next request. A person may also leave by themselves. */
export const removeMember = async (ctx: DomainContext, caller: Caller, organisation: string, personId: string): Promise<void> => {
  const leaving = caller.kind === 'member' && caller.organisationId === organisation && caller.personId === personId;
  if (!leaving) await requireManager(ctx, caller, organisation);
  const current = await existing(ctx, organisation, personId);
  await refuseLosingLastAdmin(ctx, current);
  await removeMembership(ctx, organisation, personId);
};

/** Ends every session the member has now (they can sign in again). */
export const endMemberSessions = async (ctx: DomainContext, caller: Caller, organisation: string, personId: string): Promise<Membership> => {
  await requireManager(ctx, caller, organisation);
  await existing(ctx, organisation, personId);
  const at = ctx.now().toISOString();
  const updated = await updateMembership(ctx, organisation, personId, (m) => ({ ...m, sessionsValidAfter: at }));
  if (!updated) throw notFound('member');
  return updated;
};

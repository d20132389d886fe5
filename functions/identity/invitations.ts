import { createHash, randomBytes } from 'node:crypto';
import { listAll, mutate } from '../storage/catalogue-store';
import type { Role } from '../domain/caller';
import type { DomainContext } from '../domain/context';
import { conflict, forbidden, notFound } from '../domain/errors';
import { addMembership } from './memberships';
import { type Person, personLabel } from './people';

/**
 * Invitations by email: an organisation's admin names an address and a role; the exchange makes a
 * single-use link that expires. Whoever opens it must be signed in as a person whose provider
 * vouches for that very address (a verified email claim), so a forwarded link is useless to
 * anyone else. Only the link's sha256 is stored.
 */
export interface Invitation {
  invitationId: string;
  organisation: string;
  email: string;
  role: Role;
  created: string;
  createdBy: string;
  expiresAt: string;
  acceptedAt?: string;
  acceptedBy?: string;
}

export const INVITATION_DAYS = 7;
const CODE_SHAPE = /^[A-Za-z0-9_-]{43}$/;
const hashOf = (code: string) => createHash('sha256').update(code, 'utf8').digest('hex');
const invitationKey = (codeHash: string) => ({ pk: `INVITE#${codeHash}`, sk: 'INVITE' });
const invitationList = (organisation: string) => `ORG#${organisation}#INVITES`;

export const storeInvitation = async (
  ctx: DomainContext,
  input: { organisation: string; email: string; role: Role; createdBy: string },
): Promise<{ invitation: Invitation; code: string }> => {
  const code = randomBytes(32).toString('base64url');
  const hash = hashOf(code);
  const now = ctx.now();
  const invitation: Invitation = {
    invitationId: hash.slice(0, 12),
    ...input,
    email: input.email.toLowerCase(),
    created: now.toISOString(),
    expiresAt: new Date(now.getTime() + INVITATION_DAYS * 86_400_000).toISOString(),
  };
  await ctx.catalogue.create(invitationKey(hash), invitation, {
    list: invitationList(input.organisation),
    order: `${invitation.created}#${invitation.invitationId}`,
  });
  return { invitation, code };
};

export const listInvitations = async (ctx: DomainContext, organisation: string): Promise<Invitation[]> =>
  (await listAll<Invitation>(ctx.catalogue, invitationList(organisation))).map((stored) => stored.value);

/** The invitation a link names, if it is still open (for the page that shows it before accepting). */
export const openInvitation = async (ctx: DomainContext, code: string): Promise<Invitation> => {
  const stored = CODE_SHAPE.test(code) ? await ctx.catalogue.get<Invitation>(invitationKey(hashOf(code))) : undefined;
  if (!stored || stored.value.acceptedAt || Date.parse(stored.value.expiresAt) <= ctx.now().getTime())
    throw notFound('invitation (it may have expired or been used)');
  return stored.value;
};

/**
 * Accepts an invitation as a signed-in person: once only (a conditional write marks it used
 * before the membership is made), before it expires, and only for the invited address.
 */
export const acceptInvitation = async (ctx: DomainContext, code: string, person: Person): Promise<Invitation> => {
  const open = await openInvitation(ctx, code);
  if (!person.emailVerified || person.email !== open.email)
    throw forbidden(`This invitation is for ${open.email}. Sign in as that person (with a verified email address) to accept it.`);
  const acceptedAt = ctx.now().toISOString();
  let won = false;
  const accepted = await mutate<Invitation>(
    ctx.catalogue,
    invitationKey(hashOf(code)),
    (current) => {
      if (current.acceptedAt) return undefined;
      won = true;
      return { ...current, acceptedAt, acceptedBy: person.personId };
    },
    (value) => ({ list: invitationList(value.organisation), order: `${value.created}#${value.invitationId}` }),
  );
  if (!accepted || !won) throw notFound('invitation (it may have expired or been used)');
  const added = await addMembership(ctx, {
    organisation: open.organisation,
    personId: person.personId,
    role: open.role,
    label: personLabel(person),
    ...(person.email ? { email: person.email } : {}),
    created: acceptedAt,
    createdBy: open.createdBy,
    via: 'invitation',
  });
  if (!added) throw conflict(`You are already a member of ${open.organisation}; your role was not changed.`);
  return accepted.value;
};

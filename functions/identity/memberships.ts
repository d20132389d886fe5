import { listAll, mutate } from '../storage/catalogue-store';
import type { Role } from '../domain/caller';
import type { DomainContext } from '../domain/context';

/**
 * A person's membership of an organisation, with their role. The organisation-side record is
 * the one that counts: every request by a person (session or personal token) reads it, so a role
 * change or a removal applies to the very next request. A second, person-side record lists a
 * person's organisations (for /me and the acting-for choice); it is written after and removed
 * after the organisation-side one, and every use of it confirms against the organisation side.
 */
export interface Membership {
  organisation: string;
  personId: string;
  role: Role;
  /** The person's label when they joined or last signed in, for listings. */
  label: string;
  email?: string;
  created: string;
  createdBy: string;
  via: 'invitation' | 'email-domain' | 'seed' | 'platform-admin';
  /** Sessions started before this moment are ended (an admin's "sign out everywhere"). */
  sessionsValidAfter?: string;
}

const memberKey = (organisation: string, personId: string) => ({ pk: `ORG#${organisation}#MEMBER#${personId}`, sk: 'MEMBER' });
const indexKey = (personId: string, organisation: string) => ({ pk: `PERSON#${personId}#ORG#${organisation}`, sk: 'MEMBERSHIP' });
const memberList = (organisation: string) => `ORG#${organisation}#MEMBERS`;
const indexList = (personId: string) => `PERSON#${personId}#MEMBERSHIPS`;
const memberListing = (m: Membership) => ({ list: memberList(m.organisation), order: m.personId });

/** The membership, read consistently; undefined when the person is not (or no longer) a member. */
export const membershipOf = async (ctx: DomainContext, organisation: string, personId: string): Promise<Membership | undefined> =>
  (await ctx.catalogue.get<Membership>(memberKey(organisation, personId)))?.value;

/** Adds a membership; false when the person is already a member (their role is left as it is). */
export const addMembership = async (ctx: DomainContext, membership: Membership): Promise<boolean> => {
  try {
    await ctx.catalogue.create(memberKey(membership.organisation, membership.personId), membership, memberListing(membership));
  } catch (error) {
    if (error instanceof Error && error.name === 'RecordExistsError') return false;
    throw error;
  }
  await ctx.catalogue
    .create(
      indexKey(membership.personId, membership.organisation),
      { organisation: membership.organisation },
      { list: indexList(membership.personId), order: membership.organisation },
    )
    .catch((error: unknown) => {
      if (!(error instanceof Error && error.name === 'RecordExistsError')) throw error;
    });
  return true;
};

export const updateMembership = async (
  ctx: DomainContext,
  organisation: string,
  personId: string,
  change: (current: Membership) => Membership | undefined,
): Promise<Membership | undefined> => (await mutate<Membership>(ctx.catalogue, memberKey(organisation, personId), change, memberListing))?.value;

/** Ends a membership: the organisation side first, so it stops at once. */
export const removeMembership = async (ctx: DomainContext, organisation: string, personId: string): Promise<void> => {
  await ctx.catalogue.remove(memberKey(organisation, personId));
  await ctx.catalogue.remove(indexKey(personId, organisation));
};

export const listMemberships = async (ctx: DomainContext, organisation: string): Promise<Membership[]> =>
  (await listAll<Membership>(ctx.catalogue, memberList(organisation))).map((stored) => stored.value);

/** A person's memberships, each confirmed against the organisation side. */
export const membershipsOfPerson = async (ctx: DomainContext, personId: string): Promise<Membership[]> => {
  const index = await listAll<{ organisation: string }>(ctx.catalogue, indexList(personId));
  if (index.length === 0) return [];
  const found = await ctx.catalogue.getMany<Membership>(index.map((entry) => memberKey(entry.value.organisation, personId)));
  return found.flatMap((stored) => (stored ? [stored.value] : []));
};

import { type Caller, hasRole, isMemberOf } from './caller';
import { ExchangeError, forbidden, notFound, unauthorized } from './errors';

/**
 * The one place that decides what a caller may see and do. Every read and write path asks
 * here; nothing else compares tiers, organisations or roles.
 */
export const tiers = ['open', 'shared', 'private'] as const;
export type Tier = (typeof tiers)[number];

/** The facts about a dataset that the policy needs. */
export interface Governed {
  organisation: string;
  tier: Tier;
}

/** The publishing organisation's members, and platform admins: they see and read everything of theirs. */
export const isPublisher = (caller: Caller, subject: Governed): boolean => caller.kind === 'platform-admin' || isMemberOf(caller, subject.organisation);

/** Metadata: open and shared are public; private only to the publisher. */
export const maySeeMetadata = (caller: Caller, subject: Governed): boolean => subject.tier !== 'private' || isPublisher(caller, subject);

/**
 * Data (downloads, rows, previews): open is public; shared needs the publisher or an unexpired
 * grant to the caller's organisation; private only the publisher.
 */
export const mayReadData = (caller: Caller, subject: Governed, grantedOrganisations: ReadonlySet<string> = new Set()): boolean => {
  if (subject.tier === 'open' || isPublisher(caller, subject)) return true;
  return subject.tier === 'shared' && caller.kind === 'member' && grantedOrganisations.has(caller.organisationId);
};

export const mayEditDataset = (caller: Caller, subject: Governed): boolean =>
  caller.kind === 'platform-admin' || hasRole(caller, subject.organisation, 'editor');

/** Tier changes and deletion are governance decisions: the publisher's admins only. */
export const mayGovernDataset = (caller: Caller, subject: Governed): boolean =>
  caller.kind === 'platform-admin' || hasRole(caller, subject.organisation, 'admin');

export const mayCreateDatasetFor = (caller: Caller, organisationId: string): boolean => hasRole(caller, organisationId, 'editor');

export const mayCreateOrganisation = (caller: Caller): boolean => caller.kind === 'platform-admin';

export const mayManageTokens = (caller: Caller, organisationId: string): boolean =>
  caller.kind === 'platform-admin' || hasRole(caller, organisationId, 'admin');

/** Harvest sources write datasets in the organisation's name: its admins (and the platform admin) manage them. */
export const mayManageHarvestSources = (caller: Caller, organisationId: string): boolean =>
  caller.kind === 'platform-admin' || hasRole(caller, organisationId, 'admin');

/**
 * A common standard's versions are proposed and published by the platform administrator and by
 * the admins of the organisations appointed as its stewards; appointing stewards is the platform's.
 */
export const mayGovernStandard = (caller: Caller, stewards: ReadonlySet<string>): boolean =>
  caller.kind === 'platform-admin' || [...stewards].some((organisation) => hasRole(caller, organisation, 'admin'));

export const mayAppointStewards = (caller: Caller): boolean => caller.kind === 'platform-admin';

/** People: inviting, changing roles, removing members and ending their sessions are for the organisation's admins. */
export const mayManageMembers = (caller: Caller, organisationId: string): boolean =>
  caller.kind === 'platform-admin' || hasRole(caller, organisationId, 'admin');

/**
 * Turns a refusal into the right error: things the caller cannot see are indistinguishable from
 * things that do not exist; anonymous callers are asked to authenticate; others are forbidden.
 */
export const refusal = (caller: Caller, canSee: boolean, what: string, action: string): ExchangeError => {
  if (!canSee) return notFound(what);
  if (caller.kind === 'anonymous') return unauthorized(`Sign in with a bearer token to ${action}.`);
  return forbidden(`Your token does not allow you to ${action}.`);
};

import type { DomainContext } from '../domain/context';
import type { SessionPerson } from '../domain/sessions';
import { addMembership, membershipsOfPerson } from './memberships';
import type { VerifiedIdentity } from './oidc-client';
import { personLabel, recordSignIn } from './people';
import type { IdentityProviderConfig } from './provider-config';

/**
 * What happens once a provider has vouched for a person: their record is created or refreshed,
 * automatic memberships by verified email domain are made (only for organisations this provider
 * serves), and the organisation they act for is chosen: the one they asked for, else their only
 * or first one. A person with no membership is signed in too, and told how to get access.
 */
export const signInPerson = async (
  ctx: DomainContext,
  provider: IdentityProviderConfig,
  identity: VerifiedIdentity,
  preferredOrganisation?: string,
): Promise<SessionPerson & { organisations: string[] }> => {
  const person = await recordSignIn(ctx, identity);
  const label = personLabel(person);
  const domain = identity.emailVerified && identity.email ? identity.email.split('@')[1] : undefined;
  for (const rule of provider.autoJoin ?? []) {
    if (!domain || rule.emailDomain !== domain) continue;
    await addMembership(ctx, {
      organisation: rule.organisation,
      personId: person.personId,
      role: rule.role,
      label,
      ...(person.email ? { email: person.email } : {}),
      created: ctx.now().toISOString(),
      createdBy: `identity-provider:${provider.id}`,
      via: 'email-domain',
    });
  }
  const organisations = (await membershipsOfPerson(ctx, person.personId)).map((m) => m.organisation);
  const organisationId = preferredOrganisation && organisations.includes(preferredOrganisation) ? preferredOrganisation : organisations[0];
  return { personId: person.personId, label, ...(organisationId ? { organisationId } : {}), organisations };
};

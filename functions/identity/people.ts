import { createHash } from 'node:crypto';
import { mutate } from '../storage/catalogue-store';
import type { DomainContext } from '../domain/context';
import type { VerifiedIdentity } from './oidc-client';

/**
 * A person: someone an identity provider vouched for, known by issuer and subject (the only pair
 * OpenID Connect promises is stable and unique; an email address can change hands). The id is
 * derived from that pair, so a person is found again on every sign-in without a lookup table.
 */
export interface Person {
  personId: string;
  issuer: string;
  subject: string;
  email?: string;
  emailVerified: boolean;
  name?: string;
  created: string;
  lastSignInAt: string;
}

export const personIdFor = (issuer: string, subject: string): string =>
  createHash('sha256').update(issuer).update('\u0000').update(subject).digest('hex').slice(0, 20);

const PERSON_ID_SHAPE = /^[0-9a-f]{20}$/;
export const isPersonId = (value: string): boolean => PERSON_ID_SHAPE.test(value);

const personKey = (personId: string) => ({ pk: `PERSON#${personId}`, sk: 'PERSON' });

/** How audit entries and listings name a person: "Name <email>", or whichever is known. */
export const personLabel = (person: Pick<Person, 'name' | 'email' | 'personId'>): string =>
  person.name && person.email ? `${person.name} <${person.email}>` : (person.name ?? person.email ?? `person ${person.personId}`);

export const getPerson = async (ctx: DomainContext, personId: string): Promise<Person | undefined> =>
  isPersonId(personId) ? (await ctx.catalogue.get<Person>(personKey(personId)))?.value : undefined;

/** Records a sign-in: the person is created on their first, and their email and name follow the provider's latest claims. */
export const recordSignIn = async (ctx: DomainContext, identity: VerifiedIdentity): Promise<Person> => {
  const personId = personIdFor(identity.issuer, identity.subject);
  const now = ctx.now().toISOString();
  const claims = {
    ...(identity.email ? { email: identity.email } : {}),
    emailVerified: identity.emailVerified,
    ...(identity.name ? { name: identity.name } : {}),
    lastSignInAt: now,
  };
  const updated = await mutate<Person>(ctx.catalogue, personKey(personId), ({ email: _email, name: _name, ...current }) => ({ ...current, ...claims }));
  if (updated) return updated.value;
  const person: Person = { personId, issuer: identity.issuer, subject: identity.subject, created: now, ...claims };
  try {
    await ctx.catalogue.create(personKey(personId), person);
  } catch {
    // Two first sign-ins at once: the other one wrote it.
  }
  return person;
};

import type { Role } from '../../domain/caller';

/**
 * The people the local OpenID provider knows, and the memberships local mode gives them. Fictional
 * staff of seeded organisations: one admin, someone in two organisations, a viewer, and a person
 * with no membership at all (to see what someone without access is told).
 */
export interface SeededPerson {
  /** The provider's subject identifier (`sub`), stable across restarts. */
  subject: string;
  email: string;
  name: string;
  memberships: Array<{ organisation: string; role: Role }>;
}

/** Every seeded person signs in to the local provider with this password (local mode only; never deployed). */
export const LOCAL_PASSWORD = 'london-local';

export const seededPeople: readonly SeededPerson[] = [
  { subject: 'amara-okafor', email: 'amara.okafor@camden.gov.uk', name: 'Amara Okafor', memberships: [{ organisation: 'camden', role: 'admin' }] },
  {
    subject: 'ben-hughes',
    email: 'ben.hughes@london.gov.uk',
    name: 'Ben Hughes',
    memberships: [
      { organisation: 'gla', role: 'editor' },
      { organisation: 'camden', role: 'viewer' },
    ],
  },
  { subject: 'chloe-wright', email: 'chloe.wright@tfl.gov.uk', name: 'Chloe Wright', memberships: [{ organisation: 'tfl', role: 'admin' }] },
  { subject: 'dev-patel', email: 'dev.patel@camden.gov.uk', name: 'Dev Patel', memberships: [{ organisation: 'camden', role: 'viewer' }] },
  // No membership yet: a verified @camden.gov.uk address joins Camden as a viewer at first sign-in (the local provider's auto-join rule).
  { subject: 'femi-adeyemi', email: 'femi.adeyemi@camden.gov.uk', name: 'Femi Adeyemi', memberships: [] },
  { subject: 'erin-walsh', email: 'erin.walsh@example.org', name: 'Erin Walsh', memberships: [] },
];

export const seededPersonByEmail = (email: string): SeededPerson | undefined => seededPeople.find((person) => person.email === email.trim().toLowerCase());

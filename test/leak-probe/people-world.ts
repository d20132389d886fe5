import { personalToken, postForm, personIdOf, signIn } from '../support/people';
import type { TestExchange } from '../support/test-exchange';

/**
 * The probe's people: seeded people of the local OpenID provider, signed in for real, invited into
 * the probe's organisations and holding personal tokens. A viewer of the publisher (sees what its
 * viewer token sees), an admin of a stranger organisation, and a former editor of the publisher who
 * was removed (their personal token must now see no more than the public).
 */
export const personCallers = ['publisherPerson', 'strangerPerson', 'removedPerson'] as const;
export type PersonCaller = (typeof personCallers)[number];
/** Callers whose credential no longer works: the probe checks they see nothing, not that they see what the public does. */
export const refusedCredentials: ReadonlySet<string> = new Set<PersonCaller>(['removedPerson']);

const join = async (t: TestExchange, adminToken: string, organisation: string, email: string, role: string): Promise<string> => {
  const invited = await t.request('POST', `/api/v1/organisations/${organisation}/members`, { token: adminToken, body: { email, role } });
  if (invited.status !== 201) throw new Error(`probe invitation: ${invited.status} ${invited.text}`);
  const jar = await signIn(t, email);
  const path = new URL(invited.body.link as string).pathname;
  const accepted = await postForm(t, jar, path, path);
  if (accepted.response.status !== 303) throw new Error(`probe invitation not accepted: ${accepted.response.status}`);
  return personalToken(t, jar, `probe ${organisation}`);
};

export const enrolPeople = async (t: TestExchange, publisherAdmin: string, strangerAdmin: string): Promise<Record<PersonCaller, string>> => {
  const people = {
    publisherPerson: await join(t, publisherAdmin, 'probe-publisher', 'erin.walsh@example.org', 'viewer'),
    strangerPerson: await join(t, strangerAdmin, 'probe-stranger', 'chloe.wright@tfl.gov.uk', 'admin'),
    removedPerson: await join(t, publisherAdmin, 'probe-publisher', 'dev.patel@camden.gov.uk', 'editor'),
  };
  const removed = await personIdOf(t, 'probe-publisher', 'dev.patel@camden.gov.uk');
  const gone = await t.request('DELETE', `/api/v1/organisations/probe-publisher/members/${removed}`, { token: publisherAdmin });
  if (gone.status !== 204) throw new Error(`probe removal: ${gone.status} ${gone.text}`);
  return people;
};

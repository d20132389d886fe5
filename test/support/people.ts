import { LOCAL_PASSWORD } from '../../functions/identity/local-provider/seeded-people';
import { type CookieJar, signInThroughProvider, walk } from './oidc-walk';
import type { TestExchange } from './test-exchange';

/** The CSRF token a page's forms carry. */
export const csrfOf = (html: string): string => {
  const token = /name="csrf" value="([^"]+)"/.exec(html)?.[1];
  if (!token) throw new Error('no CSRF field on the page');
  return token;
};

/** Signs a seeded person in through the local provider; returns their cookie jar. */
export const signIn = async (t: TestExchange, email: string): Promise<CookieJar> => {
  const { jar, final } = await signInThroughProvider(t.url, email, LOCAL_PASSWORD);
  if (final.response.status !== 200) throw new Error(`sign-in as ${email} ended with ${final.response.status}: ${final.text.slice(0, 300)}`);
  return jar;
};

/** Posts a publisher form as the signed-in person (the CSRF token read from `formPage` first). */
export const postForm = async (t: TestExchange, jar: CookieJar, formPage: string, action: string, fields: Record<string, string> = {}) => {
  const page = await walk(jar, `${t.url}${formPage}`);
  return walk(jar, `${t.url}${action}`, { form: { csrf: csrfOf(page.text), ...fields }, stopAt: () => true });
};

/** Creates a personal token on the account page, as the signed-in person. */
export const personalToken = async (t: TestExchange, jar: CookieJar, label = 'test script'): Promise<string> => {
  const created = await postForm(t, jar, '/publish/account', '/publish/account/tokens', { label });
  const token = /<pre>(ldx_[A-Za-z0-9_-]{43})<\/pre>/.exec(created.text)?.[1];
  if (!token) throw new Error(`no token issued: ${created.response.status} ${created.text.slice(0, 300)}`);
  return token;
};

/** A member's person id, by email, as the organisation's admin lists them. */
export const personIdOf = async (t: TestExchange, organisation: string, email: string): Promise<string> => {
  const listed = await t.request('GET', `/api/v1/organisations/${organisation}/members`, { token: t.adminToken });
  const member = (listed.body.results as Array<{ email?: string; personId: string }>).find((m) => m.email === email);
  if (!member) throw new Error(`${email} is not a member of ${organisation}`);
  return member.personId;
};

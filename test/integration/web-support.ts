import type { TestExchange } from '../support/test-exchange';

/** A browser-like session for page tests: the cookie jar of one visitor, and their CSRF token. */
export interface WebSession {
  cookie: string;
  csrf: string;
}

const cookiesOf = (response: Response): Record<string, string> =>
  Object.fromEntries(
    response.headers.getSetCookie().map((line) => {
      const [pair] = line.split(';');
      const at = pair.indexOf('=');
      return [pair.slice(0, at), pair.slice(at + 1)];
    }),
  );

export const hiddenCsrf = (html: string): string | undefined => /name="csrf" value="([^"]*)"/.exec(html)?.[1];

export interface PageResponse {
  status: number;
  html: string;
  headers: Headers;
  location: string | null;
}

/** GETs a page as a browser would (Accept: text/html), optionally with a session cookie. */
export const getPage = async (t: TestExchange, path: string, session?: { cookie: string }, headers: Record<string, string> = {}): Promise<PageResponse> => {
  const response = await fetch(`${t.url}${path}`, {
    redirect: 'manual',
    headers: { accept: 'text/html', ...(session ? { cookie: session.cookie } : {}), ...headers },
  });
  return { status: response.status, html: await response.text(), headers: response.headers, location: response.headers.get('location') };
};

/** POSTs a form (urlencoded) with the session's cookie; `csrf` is added unless given. */
export const postForm = async (
  t: TestExchange,
  path: string,
  session: WebSession | undefined,
  fields: Record<string, string | string[]>,
  headers: Record<string, string> = {},
): Promise<PageResponse> => {
  const body = new URLSearchParams();
  if (!('csrf' in fields) && session) body.set('csrf', session.csrf);
  for (const [name, value] of Object.entries(fields)) for (const v of Array.isArray(value) ? value : [value]) body.append(name, v);
  const response = await fetch(`${t.url}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded', ...(session ? { cookie: session.cookie } : {}), ...headers },
    body,
  });
  return { status: response.status, html: await response.text(), headers: response.headers, location: response.headers.get('location') };
};

/** Signs in through the sign-in form, as a browser would, and returns the session. */
export const signIn = async (t: TestExchange, token: string): Promise<WebSession & { setCookie: string }> => {
  const form = await fetch(`${t.url}/publish/sign-in`, { headers: { accept: 'text/html' } });
  const nonceCookie = cookiesOf(form);
  const nonce = hiddenCsrf(await form.text());
  const response = await fetch(`${t.url}/publish/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `ldx_signin=${nonceCookie.ldx_signin}` },
    body: new URLSearchParams({ csrf: nonce ?? '', token }),
  });
  if (response.status !== 303) throw new Error(`sign-in failed: ${response.status} ${await response.text()}`);
  const setCookie = response.headers.getSetCookie().find((line) => line.startsWith('ldx_session='))!;
  const cookie = `ldx_session=${cookiesOf(response).ldx_session}`;
  const dashboard = await getPage(t, '/publish', { cookie });
  return { cookie, csrf: hiddenCsrf(dashboard.html)!, setCookie };
};

/**
 * A cookie-keeping HTTP client for the sign-in tests that need to stop or tamper between the
 * exchange and the identity provider (the browser tests walk the same path in Chromium). It keeps
 * cookies per host and port (paths and attributes other than expiry are not needed here) and
 * follows redirects itself, so a test can stop at any hop.
 */
export class CookieJar {
  private readonly hosts = new Map<string, Map<string, string>>();

  store(url: string, response: Response): void {
    const host = new URL(url).host;
    const jar = this.hosts.get(host) ?? new Map<string, string>();
    this.hosts.set(host, jar);
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const gone =
        attributes.some((a) => /^\s*max-age=0\s*$/i.test(a)) || attributes.some((a) => /^\s*expires=/i.test(a) && Date.parse(a.split('=')[1]) < Date.now());
      if (gone || value === '') jar.delete(name);
      else jar.set(name, value);
    }
  }

  header(url: string): string {
    return [...(this.hosts.get(new URL(url).host) ?? new Map()).entries()].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  get(url: string, name: string): string | undefined {
    return this.hosts.get(new URL(url).host)?.get(name);
  }
}

export interface Hop {
  url: string;
  response: Response;
  text: string;
}

/** Requests `url`, then follows redirects (as GETs) until `stopAt` says so or a non-redirect answers. */
export const walk = async (
  jar: CookieJar,
  url: string,
  init: { method?: string; form?: Record<string, string>; stopAt?: (next: string) => boolean } = {},
): Promise<Hop> => {
  let current = url;
  let method = init.method ?? (init.form ? 'POST' : 'GET');
  let body: string | undefined = init.form ? new URLSearchParams(init.form).toString() : undefined;
  for (let hops = 0; hops < 20; hops++) {
    const headers: Record<string, string> = { cookie: jar.header(current) };
    if (body) headers['content-type'] = 'application/x-www-form-urlencoded';
    const response = await fetch(current, { method, headers, body, redirect: 'manual' });
    jar.store(current, response);
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      const next = new URL(location, current).href;
      await response.arrayBuffer();
      if (init.stopAt?.(next)) return { url: next, response, text: '' };
      current = next;
      method = 'GET';
      body = undefined;
      continue;
    }
    return { url: current, response, text: await response.text() };
  }
  throw new Error('too many redirects');
};

/** The local provider's sign-in form action on its interaction page. */
export const interactionAction = (hop: Hop): string => {
  const action = /<form method="post" action="([^"]+)"/.exec(hop.text)?.[1];
  if (!action) throw new Error(`no sign-in form at ${hop.url}: ${hop.response.status} ${hop.text.slice(0, 200)}`);
  return new URL(action.replace(/&amp;/g, '&'), hop.url).href;
};

/**
 * Signs in through the exchange and the local provider as the given seeded person. With
 * `stopAtCallback`, stops before the exchange's callback and returns its URL unvisited.
 */
export const signInThroughProvider = async (
  exchangeUrl: string,
  email: string,
  password: string,
  options: { jar?: CookieJar; stopAtCallback?: boolean; provider?: string } = {},
): Promise<{ jar: CookieJar; final: Hop }> => {
  const jar = options.jar ?? new CookieJar();
  const login = await walk(jar, `${exchangeUrl}/publish/sign-in/oidc/${options.provider ?? 'local'}`);
  const stopAt = options.stopAtCallback ? (next: string) => next.startsWith(`${exchangeUrl}/publish/sign-in/callback`) : undefined;
  const final = await walk(jar, interactionAction(login), { form: { email, password }, stopAt });
  return { jar, final };
};

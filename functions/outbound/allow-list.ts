/**
 * The explicit exceptions to the address policy, for local mode and tests whose sources listen on
 * loopback. An entry is `host:port` exactly as the URL names it (`localhost:8080`,
 * `127.0.0.1:8080`, `[::1]:8080`); it lets requests to that host and port through without the
 * address check, and nothing else. A redirect is matched afresh, so an allowed server cannot
 * send the fetcher on to a host that is not listed.
 *
 * `LDX_FETCH_ALLOW_HOSTS` (comma-separated entries) is read at each request. A deployment never
 * sets it.
 */

export const ALLOW_HOSTS_ENV = 'LDX_FETCH_ALLOW_HOSTS';

const DEFAULT_PORTS: ReadonlyMap<string, string> = new Map([
  ['http:', '80'],
  ['https:', '443'],
]);

/** `host:port` of a URL, lower-cased, with the scheme's default port filled in. */
export const hostPortOf = (url: URL): string => `${url.hostname.toLowerCase()}:${url.port || DEFAULT_PORTS.get(url.protocol) || ''}`;

const parseEntries = (text: string | undefined): string[] =>
  (text ?? '')
    .split(',')
    .map((entry) => entry.trim().toLowerCase())
    .filter((entry) => entry.length > 0);

export interface AllowList {
  allows(url: URL): boolean;
}

/** The allow-list from explicit entries plus, unless told otherwise, the environment variable. */
export const allowListOf = (entries: readonly string[] = [], env: NodeJS.ProcessEnv | undefined = process.env): AllowList => {
  const explicit = new Set(entries.flatMap((entry) => parseEntries(entry)));
  return {
    allows: (url) => {
      const target = hostPortOf(url);
      return explicit.has(target) || parseEntries(env?.[ALLOW_HOSTS_ENV]).includes(target);
    },
  };
};

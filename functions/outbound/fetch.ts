import http, { type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import https from 'node:https';
import type { Readable } from 'node:stream';
import zlib from 'node:zlib';
import { refusalForAddress, isIpLiteral } from './address-policy';
import { allowListOf } from './allow-list';
import { checkedLookup } from './checked-lookup';
import { OutboundError, OutboundHttpError, OutboundNetworkError, OutboundRefused, OutboundTimeout, OutboundTooLarge } from './errors';

/**
 * The exchange's one outbound HTTP client, for harvesting, link checks and mirroring. It only
 * speaks http and https, only connects to public unicast addresses (checked on every hop,
 * connecting to exactly the address checked), follows at most five redirects, and bounds every
 * request in time and size. Responses are read whole into memory, so `maxBytes` is also the
 * memory bound.
 */

export const MAX_REDIRECTS = 5;

export interface OutboundOptions {
  /** POST only with `body` and no redirects followed (an OpenID token request; see functions/identity). */
  method?: 'GET' | 'HEAD' | 'POST';
  /** The request body of a POST. */
  body?: string;
  /** Resolve with a 4xx/5xx response rather than rejecting (an OAuth error answer is a JSON body to read). */
  acceptErrorStatus?: boolean;
  /** Extra request headers (e.g. Accept). User-Agent is set by the fetcher. */
  headers?: Readonly<Record<string, string>>;
  /** From the start of a hop until its TCP (and TLS) connection is up, DNS included. */
  connectTimeoutMs?: number;
  /** From the start of a hop until its response headers have arrived. */
  headersTimeoutMs?: number;
  /** The whole fetch: every redirect and the full body. */
  totalTimeoutMs?: number;
  /** Largest body accepted, counted after decompression. */
  maxBytes?: number;
  /** Redirects to follow; never more than MAX_REDIRECTS. */
  maxRedirects?: number;
  /** `host:port` entries exempt from the address check (local sources); see allow-list.ts. */
  allowHosts?: readonly string[];
  /** Where LDX_FETCH_ALLOW_HOSTS is read from; the process environment unless given. */
  env?: NodeJS.ProcessEnv;
  userAgent?: string;
}

export interface OutboundResponse {
  /** The URL that answered, after redirects. */
  url: string;
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** Every URL redirected to, in order. */
  redirects: string[];
}

/** The User-Agent that names the exchange, with where to find it when it has a public address. */
export const userAgentFor = (publicBaseUrl?: string): string =>
  `LondonDataExchange/1.0 (open data harvester and link checker${publicBaseUrl ? `; +${publicBaseUrl}` : ''})`;

const DEFAULTS = {
  connectTimeoutMs: 5_000,
  headersTimeoutMs: 15_000,
  totalTimeoutMs: 60_000,
  maxBytes: 32 * 1024 * 1024,
};

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

type Hop = { kind: 'redirect'; location: string; status: number } | { kind: 'final'; status: number; headers: IncomingHttpHeaders; body: Buffer };

interface HopLimits {
  method: 'GET' | 'HEAD' | 'POST';
  body?: string;
  headers: Record<string, string>;
  connectTimeoutMs: number;
  headersTimeoutMs: number;
  totalTimeoutMs: number;
  deadline: number;
  maxBytes: number;
}

const decoderFor = (encoding: string | undefined): zlib.Gunzip | zlib.Inflate | zlib.BrotliDecompress | undefined => {
  switch ((encoding ?? '').trim().toLowerCase()) {
    case 'gzip':
    case 'x-gzip':
      return zlib.createGunzip();
    case 'deflate':
      return zlib.createInflate();
    case 'br':
      return zlib.createBrotliDecompress();
    default:
      return undefined;
  }
};

/** Refuses what may not be requested at all, before any socket exists. */
const assertRequestable = (url: URL, allowed: boolean): void => {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new OutboundRefused(url.href, 'scheme', `only http and https are fetched, not ${url.protocol.replace(/:$/, '')}`);
  }
  if (url.username || url.password) throw new OutboundRefused(url.href, 'credentials-in-url', 'URLs with credentials are not fetched');
  if (!allowed && isIpLiteral(url.hostname)) {
    // Sockets skip `lookup` for IP literals, so they are checked here.
    const refusal = refusalForAddress(url.hostname);
    if (refusal) throw new OutboundRefused(url.href, 'address', refusal);
  }
};

const bareHost = (hostname: string): string => (hostname.startsWith('[') ? hostname.slice(1, -1) : hostname);

const readBody = (url: URL, response: IncomingMessage, maxBytes: number, done: (error: unknown, body?: Buffer) => void): void => {
  const declared = Number(response.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    response.destroy();
    return done(new OutboundTooLarge(url.href, maxBytes));
  }
  const decoder = decoderFor(response.headers['content-encoding']);
  const stream: Readable = decoder ? response.pipe(decoder) : response;
  const chunks: Buffer[] = [];
  let size = 0;
  stream.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > maxBytes) {
      response.destroy();
      decoder?.destroy();
      done(new OutboundTooLarge(url.href, maxBytes));
    } else chunks.push(chunk);
  });
  stream.on('end', () => done(undefined, Buffer.concat(chunks)));
  stream.on('error', done);
  if (decoder) response.on('error', done);
};

const requestOnce = (url: URL, allowed: boolean, limits: HopLimits): Promise<Hop> =>
  new Promise<Hop>((resolve, reject) => {
    const timers: NodeJS.Timeout[] = [];
    let settled = false;
    const settle = (error: unknown, hop?: Hop) => {
      if (settled) return;
      settled = true;
      for (const timer of timers) clearTimeout(timer);
      if (hop) resolve(hop);
      else reject(error instanceof OutboundError ? error : new OutboundNetworkError(url.href, error));
    };
    const secure = url.protocol === 'https:';
    const request = (secure ? https : http).request({
      host: bareHost(url.hostname),
      port: url.port || undefined,
      path: `${url.pathname}${url.search}`,
      method: limits.method,
      headers: limits.headers,
      agent: false,
      lookup: allowed ? undefined : checkedLookup(url.href),
    });
    const abortWith = (error: OutboundError) => {
      settle(error);
      request.destroy(error);
    };
    const remaining = Math.max(0, limits.deadline - Date.now());
    timers.push(setTimeout(() => abortWith(new OutboundTimeout(url.href, 'total', limits.totalTimeoutMs)), remaining));
    const headersTimer = setTimeout(() => abortWith(new OutboundTimeout(url.href, 'headers', limits.headersTimeoutMs)), limits.headersTimeoutMs);
    const connectTimer = setTimeout(() => abortWith(new OutboundTimeout(url.href, 'connect', limits.connectTimeoutMs)), limits.connectTimeoutMs);
    timers.push(headersTimer, connectTimer);
    request.on('socket', (socket) => socket.once(secure ? 'secureConnect' : 'connect', () => clearTimeout(connectTimer)));
    request.on('error', (error) => settle(error));
    request.on('response', (response) => {
      clearTimeout(headersTimer);
      const status = response.statusCode ?? 0;
      const location = response.headers.location;
      if (REDIRECT_STATUSES.has(status) && location) {
        response.destroy();
        return settle(undefined, { kind: 'redirect', location, status });
      }
      if (limits.method === 'HEAD') {
        response.destroy();
        return settle(undefined, { kind: 'final', status, headers: response.headers, body: Buffer.alloc(0) });
      }
      readBody(url, response, limits.maxBytes, (error, body) => {
        if (body) settle(undefined, { kind: 'final', status, headers: response.headers, body });
        else {
          settle(error);
          request.destroy();
        }
      });
    });
    request.end(limits.body);
  });

/**
 * Fetches a URL under the outbound rules. Resolves with a 2xx response; rejects with an
 * OutboundError subclass otherwise (OutboundHttpError carries the status for link checks).
 */
export const fetchOutbound = async (target: string | URL, options: OutboundOptions = {}): Promise<OutboundResponse> => {
  const allowList = allowListOf(options.allowHosts, options.env ?? process.env);
  // A redirected POST would resend its body somewhere else: POSTs follow none.
  const maxRedirects = options.method === 'POST' ? 0 : Math.min(Math.max(0, options.maxRedirects ?? MAX_REDIRECTS), MAX_REDIRECTS);
  const totalTimeoutMs = options.totalTimeoutMs ?? DEFAULTS.totalTimeoutMs;
  const limits: HopLimits = {
    method: options.method ?? 'GET',
    body: options.body,
    headers: {
      accept: '*/*',
      // Lower-cased so the fetcher's own headers below replace, not duplicate, a caller's.
      ...Object.fromEntries(Object.entries(options.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value])),
      'accept-encoding': 'gzip, deflate, br',
      'user-agent': options.userAgent ?? userAgentFor(),
    },
    connectTimeoutMs: options.connectTimeoutMs ?? DEFAULTS.connectTimeoutMs,
    headersTimeoutMs: options.headersTimeoutMs ?? DEFAULTS.headersTimeoutMs,
    totalTimeoutMs,
    deadline: Date.now() + totalTimeoutMs,
    maxBytes: options.maxBytes ?? DEFAULTS.maxBytes,
  };
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    throw new OutboundRefused(String(target), 'invalid-url', 'not an absolute URL');
  }
  const redirects: string[] = [];
  for (;;) {
    const allowed = allowList.allows(url);
    assertRequestable(url, allowed);
    const hop = await requestOnce(url, allowed, limits);
    if (hop.kind === 'final') {
      if ((hop.status < 200 || hop.status > 299) && !(options.acceptErrorStatus && hop.status >= 400)) throw new OutboundHttpError(url.href, hop.status);
      return { url: url.href, status: hop.status, headers: hop.headers, body: hop.body, redirects };
    }
    if (redirects.length >= maxRedirects) {
      throw new OutboundRefused(url.href, 'too-many-redirects', `more than ${maxRedirects} redirects`);
    }
    try {
      url = new URL(hop.location, url);
    } catch {
      throw new OutboundRefused(url.href, 'bad-redirect', `HTTP ${hop.status} to an unusable Location`);
    }
    redirects.push(url.href);
  }
};

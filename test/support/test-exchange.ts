import { type LocalExchange, startLocalExchange } from '../../functions/local/local-exchange';
import { newToken } from '../../functions/domain/tokens';

export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export interface RequestOptions {
  token?: string;
  body?: unknown;
  /** Sent as-is instead of JSON-encoding `body`. */
  rawBody?: string | Uint8Array;
  headers?: Record<string, string>;
}

/** A settable clock, so tests can move time past an expiry without waiting. */
export class TestClock {
  private offsetMs = 0;
  now = (): Date => new Date(Date.now() + this.offsetMs);
  advance(ms: number): void {
    this.offsetMs += ms;
  }
}

export interface TestExchange {
  exchange: LocalExchange;
  url: string;
  adminToken: string;
  clock: TestClock;
  request: <T = any>(method: string, path: string, options?: RequestOptions) => Promise<ApiResponse<T>>;
  /** Creates an organisation (as platform admin) and returns a token of the given role for it. */
  organisationWithToken: (id: string, role?: 'viewer' | 'editor' | 'admin') => Promise<string>;
  tokenFor: (organisationId: string, role: 'viewer' | 'editor' | 'admin') => Promise<string>;
  stop: () => Promise<void>;
}

/** Starts a throwaway exchange (in-process emulators, real HTTP server on a free port). */
export const startTestExchange = async (
  options: { seed?: boolean; ingestOnUpload?: boolean; identity?: boolean; emulatorsInChildProcess?: boolean } = {},
): Promise<TestExchange> => {
  const adminToken = newToken();
  const clock = new TestClock();
  const exchange = await startLocalExchange({
    port: 0,
    adminToken,
    seed: options.seed ?? false,
    now: clock.now,
    ingestOnUpload: options.ingestOnUpload,
    emulatorsInChildProcess: options.emulatorsInChildProcess,
    // identity: the local OpenID provider runs beside the exchange, with the seeded people.
    ...(options.identity ? { identityProviderPort: 0 } : {}),
  });

  const request = async <T = any>(method: string, path: string, opts: RequestOptions = {}): Promise<ApiResponse<T>> => {
    const headers: Record<string, string> = { ...(opts.headers ?? {}) };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    let body: string | Uint8Array | undefined = opts.rawBody;
    if (opts.body !== undefined) {
      body = JSON.stringify(opts.body);
      headers['content-type'] ??= 'application/json';
    }
    const response = await fetch(`${exchange.url}${path}`, { method, headers, body, redirect: 'manual' });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: leave the text
    }
    return { status: response.status, headers: response.headers, body: parsed as T, text };
  };

  const tokenFor = async (organisationId: string, role: 'viewer' | 'editor' | 'admin'): Promise<string> => {
    const issued = await request('POST', `/api/v1/organisations/${organisationId}/tokens`, { token: adminToken, body: { role } });
    if (issued.status !== 201) throw new Error(`could not issue token: ${issued.status} ${issued.text}`);
    return issued.body.token as string;
  };

  const organisationWithToken = async (id: string, role: 'viewer' | 'editor' | 'admin' = 'admin'): Promise<string> => {
    const created = await request('POST', '/api/v1/organisations', { token: adminToken, body: { id, name: `Test organisation ${id}`, type: 'borough' } });
    if (created.status !== 201 && created.status !== 409) throw new Error(`could not create organisation: ${created.status} ${created.text}`);
    return tokenFor(id, role);
  };

  return { exchange, url: exchange.url, adminToken, clock, request, organisationWithToken, tokenFor, stop: exchange.stop };
};

/** Minimal valid dataset metadata, with overrides. */
export const datasetInput = (name: string, overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  name,
  title: `Dataset ${name}`,
  description: 'A dataset made by the tests.',
  licence: 'OGL-UK-3.0',
  tier: 'open',
  ...overrides,
});

import type { CustomFetchOptions } from 'openid-client';
import { fetchOutbound } from '../outbound/fetch';

/**
 * openid-client's HTTP requests (discovery, keys, token endpoint) made through the exchange's one
 * outbound client, so an identity provider's URLs get the same address checks, time and size
 * limits as any other outbound request. Error statuses are answered, not thrown: an OAuth error
 * is a JSON body the client reads and reports.
 */
export const outboundFetchFor =
  (allowHost: string | undefined) =>
  async (url: string, options: CustomFetchOptions): Promise<Response> => {
    const method = options.method.toUpperCase();
    if (method !== 'GET' && method !== 'POST') throw new Error(`identity providers are not sent ${method} requests`);
    const body = options.body === undefined || options.body === null ? undefined : String(options.body);
    const answer = await fetchOutbound(url, {
      method,
      body,
      headers: options.headers,
      acceptErrorStatus: true,
      maxRedirects: 0,
      totalTimeoutMs: 10_000,
      maxBytes: 1024 * 1024,
      allowHosts: allowHost ? [allowHost] : [],
    });
    const headers = new Headers();
    for (const [name, value] of Object.entries(answer.headers)) {
      if (value === undefined) continue;
      for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one);
    }
    // The fetcher already decoded any content encoding.
    headers.delete('content-encoding');
    headers.delete('content-length');
    return new Response(answer.body.length ? new Uint8Array(answer.body) : null, { status: answer.status, headers });
  };

import createClient, { type Client } from 'openapi-fetch';
import type { components, paths } from './api-types';

/**
 * The typed client of the exchange's REST API: openapi-fetch over the types generated from the
 * OpenAPI document (api-types.ts). Paths are written in full (`/api/v1/...`), as the document
 * has them, so `baseUrl` is the exchange's origin.
 *
 *   const ldx = createLdxClient({ baseUrl: 'http://localhost:3000', token: process.env.LDX_TOKEN });
 *   const { data, error } = await ldx.GET('/api/v1/datasets/{dataset}', { params: { path: { dataset: 'camden-air-quality' } } });
 */
export type { components, paths } from './api-types';
export type LdxClient = Client<paths>;
export type Schemas = components['schemas'];

export interface LdxClientOptions {
  baseUrl: string;
  /** An organisation token (`ldx_…`) or the platform administrator's; none reads as the public. */
  token?: string;
  /** Another fetch (a test's, or one with a proxy); default: the global fetch. */
  fetch?: typeof globalThis.fetch;
  /** Sent with every request, e.g. a User-Agent naming your script. */
  headers?: Record<string, string>;
}

export const createLdxClient = ({ baseUrl, token, fetch, headers = {} }: LdxClientOptions): LdxClient =>
  createClient<paths>({
    baseUrl: baseUrl.replace(/\/+$/, ''),
    headers: { ...headers, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    ...(fetch ? { fetch } : {}),
  });

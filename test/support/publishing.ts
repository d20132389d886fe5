import type { ApiResponse, TestExchange } from './test-exchange';

/** Helpers for tests that publish files: create a resource, upload, and wait for ingest. */
export const createResource = async (t: TestExchange, token: string, dataset: string, body: Record<string, unknown>): Promise<ApiResponse> => {
  const response = await t.request('POST', `/api/v1/datasets/${dataset}/resources`, { token, body });
  if (response.status !== 201) throw new Error(`could not create resource: ${response.status} ${response.text}`);
  return response;
};

/** PUTs a file as the resource's data and waits until ingest has finished with it. */
export const uploadAndWait = async (
  t: TestExchange,
  token: string,
  dataset: string,
  resource: string,
  bytes: Uint8Array | string,
  filename: string,
  contentType = 'text/csv',
): Promise<{ upload: ApiResponse; resource: ApiResponse }> => {
  const upload = await t.request('PUT', `/api/v1/datasets/${dataset}/resources/${resource}/data?filename=${encodeURIComponent(filename)}`, {
    token,
    rawBody: typeof bytes === 'string' ? bytes : bytes,
    headers: { 'content-type': contentType },
  });
  await t.exchange.ingestIdle();
  const after = await t.request('GET', `/api/v1/datasets/${dataset}/resources/${resource}`, { token });
  return { upload, resource: after };
};

/** Follows a download redirect to the object store and returns the file. */
export const download = async (
  t: TestExchange,
  path: string,
  token?: string,
): Promise<{ redirect: ApiResponse; status: number; headers: Headers; bytes: Buffer }> => {
  const redirect = await t.request('GET', path, { token });
  if (redirect.status !== 302) return { redirect, status: redirect.status, headers: redirect.headers, bytes: Buffer.alloc(0) };
  const file = await fetch(redirect.headers.get('location')!);
  return { redirect, status: file.status, headers: file.headers, bytes: Buffer.from(await file.arrayBuffer()) };
};

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

/** Uploads through a presigned URL (for files above the direct-upload cap) and waits for ingest. */
export const presignedUploadAndWait = async (
  t: TestExchange,
  token: string,
  dataset: string,
  resource: string,
  bytes: Uint8Array,
  filename: string,
): Promise<{ resource: ApiResponse }> => {
  const started = await t.request('POST', `/api/v1/datasets/${dataset}/resources/${resource}/uploads`, {
    token,
    body: { filename, bytes: bytes.byteLength, contentType: 'application/octet-stream' },
  });
  if (started.status !== 201) throw new Error(`could not start upload: ${started.status} ${started.text}`);
  const put = await fetch(started.body.uploadUrl, { method: 'PUT', headers: started.body.uploadHeaders, body: bytes });
  if (put.status !== 200) throw new Error(`presigned PUT answered ${put.status}`);
  await t.exchange.ingestIdle();
  return { resource: await t.request('GET', `/api/v1/datasets/${dataset}/resources/${resource}`, { token }) };
};

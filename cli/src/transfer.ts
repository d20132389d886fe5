import { createReadStream } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CliError, unreachable } from './cli-error';
import { EXIT } from './exit-codes';

/**
 * PUTs bytes [start, end) of a file to a presigned object-store URL, streaming from disk and
 * counting what leaves, with exactly the headers the exchange signed. Returns the store's ETag.
 * node:http rather than fetch: it streams a file body with a fixed Content-Length, which a
 * presigned URL signs, and reports bytes as they are written.
 */
export const putRange = async (
  url: string,
  headers: Record<string, string>,
  file: string,
  range: { start: number; end: number },
  onBytes: (bytes: number) => void,
): Promise<string> => {
  const target = new URL(url);
  const request = (target.protocol === 'https:' ? httpsRequest : httpRequest)(target, { method: 'PUT', headers });
  const answered = new Promise<{ status: number; etag?: string; body: string }>((resolve, reject) => {
    request.on('response', (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        if (body.length < 4096) body += chunk;
      });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, etag: response.headers.etag, body }));
      response.on('error', reject);
    });
    request.on('error', reject);
  });
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      onBytes(chunk.length);
      done(null, chunk);
    },
  });
  try {
    // An empty range has no stream to read: the request ends with no body.
    if (range.end > range.start) await pipeline(createReadStream(file, { start: range.start, end: range.end - 1 }), counter, request);
    else request.end();
  } catch (error) {
    request.destroy();
    throw unreachable(target.origin, error);
  }
  let answer: { status: number; etag?: string; body: string };
  try {
    answer = await answered;
  } catch (error) {
    throw unreachable(target.origin, error);
  }
  if (answer.status !== 200) {
    const expired = /expired/i.test(answer.body);
    throw new CliError(
      `The object store refused the upload (HTTP ${answer.status}${expired ? ': the upload URL expired' : ''}).`,
      answer.status >= 500 ? EXIT.unavailable : EXIT.conflict,
      'Run the same command again: a multipart upload resumes with the parts still missing, a single upload starts afresh.',
    );
  }
  return answer.etag ?? '';
};

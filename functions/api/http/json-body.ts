import type { Context } from 'hono';
import { ExchangeError } from '../../domain/errors';

/** Largest JSON request body accepted (metadata, not data: files go through uploads). */
export const MAX_JSON_BYTES = 256 * 1024;

const isJsonMediaType = (contentType: string | undefined): boolean => {
  const mediaType = contentType?.split(';')[0].trim().toLowerCase();
  return mediaType === 'application/json' || (mediaType?.startsWith('application/') === true && mediaType.endsWith('+json'));
};

const tooLarge = (limit: number) =>
  new ExchangeError('payload_too_large', `The request body is larger than ${limit} bytes.`, { limitBytes: limit });

/** Reads the body up to `limit` bytes without trusting Content-Length, so an oversized body is never buffered whole. */
export const readCappedBody = async (request: Request, limit: number): Promise<Buffer> => {
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > limit) throw tooLarge(limit);
  if (!request.body) return Buffer.alloc(0);
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel();
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
};

const readUtf8 = async (request: Request): Promise<string> => {
  const bytes = await readCappedBody(request, MAX_JSON_BYTES);
  const decoder = new TextDecoder('utf-8', { fatal: true });
  try {
    return decoder.decode(bytes);
  } catch (error) {
    throw new ExchangeError('malformed_json', 'The request body is not valid UTF-8.', undefined, { cause: error });
  }
};

/** The request body as a JSON object, or the right error: 415, 413, or 400. */
export const readJsonObject = async (c: Context): Promise<Record<string, unknown>> => {
  if (!isJsonMediaType(c.req.header('content-type'))) {
    throw new ExchangeError('unsupported_media_type', 'Send the body as JSON with Content-Type: application/json.');
  }
  const text = await readUtf8(c.req.raw);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new ExchangeError('malformed_json', `The request body is not valid JSON: ${(error as Error).message}`, undefined, { cause: error });
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ExchangeError('validation_failed', 'The request body must be a JSON object.', { fields: [{ field: '(body)', message: 'must be an object' }] });
  }
  return parsed as Record<string, unknown>;
};

import type { Context } from 'hono';
import { ExchangeError } from '../../domain/errors';

const isJsonMediaType = (contentType: string | undefined): boolean => {
  const mediaType = contentType?.split(';')[0].trim().toLowerCase();
  return mediaType === 'application/json' || (mediaType?.startsWith('application/') === true && mediaType.endsWith('+json'));
};

/** The body as UTF-8 text; its size was already capped by bodyCap (body-limit.ts). */
const readUtf8 = async (c: Context): Promise<string> => {
  const bytes = new Uint8Array(await c.req.arrayBuffer());
  const decoder = new TextDecoder('utf-8', { fatal: true });
  try {
    return decoder.decode(bytes);
  } catch (error) {
    throw new ExchangeError('malformed_json', 'The request body is not valid UTF-8.', undefined, { cause: error });
  }
};

/** The request body as a JSON object, or the right error: 415 or 400 (413 is bodyCap's). */
export const readJsonObject = async (c: Context): Promise<Record<string, unknown>> => {
  if (!isJsonMediaType(c.req.header('content-type'))) {
    throw new ExchangeError('unsupported_media_type', 'Send the body as JSON with Content-Type: application/json.');
  }
  const text = await readUtf8(c);
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

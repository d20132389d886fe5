import type { MiddlewareHandler } from 'hono';
import { createMiddleware } from 'hono/factory';
import { bodyLimit } from 'hono/body-limit';
import { ExchangeError } from '../../domain/errors';
import { MAX_DIRECT_UPLOAD_BYTES } from '../../domain/uploads';

/** Largest request body accepted, whatever its content type: metadata, forms and CKAN calls (files go through uploads). */
export const MAX_BODY_BYTES = 256 * 1024;

/** The direct data uploads (API and publisher pages) take a file, up to the direct-upload size. */
const DIRECT_UPLOAD_PATH = /^\/(?:api\/v1|publish)\/datasets\/[^/]+\/resources\/[^/]+\/data$/;

const tooLarge = (maxSize: number) => new ExchangeError('payload_too_large', `The request body is larger than ${maxSize} bytes.`, { limitBytes: maxSize });

/**
 * A declared length is judged from the header alone, without touching the body: once the body's
 * stream is opened, the Node adapter can no longer drain an unread body after the answer, and drops
 * the keep-alive connection. A body without a declared length is counted by hono's bodyLimit.
 */
const capAt = (maxSize: number): MiddlewareHandler => {
  const countingCap = bodyLimit({
    maxSize,
    onError: () => {
      throw tooLarge(maxSize);
    },
  });
  return async (c, next) => {
    // GET and HEAD carry no body; not asking for one keeps the adapter from building a full Request.
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const declared = c.req.header('content-length');
    if (declared === undefined || c.req.header('transfer-encoding') !== undefined) return countingCap(c, next);
    if (Number(declared) > maxSize) throw tooLarge(maxSize);
    await next();
  };
};

const requestCap = capAt(MAX_BODY_BYTES);
const uploadCap = capAt(MAX_DIRECT_UPLOAD_BYTES);

/**
 * The one body cap, before any handler reads a body, so an oversized body is never buffered
 * whole. Each surface (REST, CKAN, pages) registers it first, so that its 413 comes in that
 * surface's own error shape.
 */
export const bodyCap = createMiddleware(async (c, next) =>
  c.req.method === 'PUT' && DIRECT_UPLOAD_PATH.test(c.req.path) ? uploadCap(c, next) : requestCap(c, next),
);

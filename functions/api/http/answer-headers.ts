import type { Context } from 'hono';

/**
 * Sets (or appends) a header on the answer a handler has already made. hono's c.header does this
 * after the handler by making the Response again from its body, which turns a body sent as bytes
 * into a stream (the server then copies the bytes into a Response and reads them back through
 * web streams on every request). The answers the handlers make have headers that can be changed
 * in place; one that cannot (a Response whose headers are immutable) gets c.header's way.
 */
export const setAnswerHeader = (c: Context, name: string, value: string, options: { append?: boolean } = {}): void => {
  try {
    if (options.append) c.res.headers.append(name, value);
    else c.res.headers.set(name, value);
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    c.header(name, value, options);
  }
};

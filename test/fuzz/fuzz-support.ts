import fc from 'fast-check';
import type { ApiResponse, TestExchange } from '../support/test-exchange';

/**
 * Shared pieces of the fuzz suites: how many cases to run, the arbitraries of hostile input,
 * and the properties every answer must have (never a 5xx, always the one error shape).
 *
 * FUZZ_RUNS scales every property (npm test keeps the default small; `npm run fuzz` raises it).
 * A failure prints fast-check's seed and path; FUZZ_SEED (and FUZZ_PATH) replay exactly that run.
 */
export const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 40);

export const fuzzParameters = <T>(runs = FUZZ_RUNS): fc.Parameters<T> => ({
  numRuns: Math.max(1, Math.round(runs)),
  ...(process.env.FUZZ_SEED ? { seed: Number(process.env.FUZZ_SEED) } : {}),
  ...(process.env.FUZZ_PATH ? { path: process.env.FUZZ_PATH } : {}),
});

/**
 * Time limits generous enough for a machine shared with other test runs: they catch a hang, not slowness.
 * SETUP_MS covers starting an exchange and publishing the fixtures.
 */
export const SETUP_MS = 180_000;
export const CASE_MS = 60_000;

/** Jest's timeout for a property of `runs` cases, each allowed `perCaseMs`, plus shrinking room. */
export const timeoutFor = (perCaseMs: number, runs = FUZZ_RUNS): number => 2 * SETUP_MS + runs * perCaseMs;

/** Rejects when `work` takes longer than `ms`: a hang is a failure, not a stuck test run. */
export const withinMs = async <T>(ms: number, label: string, work: Promise<T>): Promise<T> => {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${label}: no answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
};

/** Keys that break code which indexes plain objects with user input. */
export const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', '__defineGetter__', 'isPrototypeOf'] as const;

/** Text that has broken parsers before: numbers at the edges, SQL and JSON fragments, escapes, control characters. */
const NASTY = [
  '',
  ' ',
  '-1',
  '0',
  '1e309',
  'NaN',
  'Infinity',
  '9007199254740993',
  '1.5',
  '00',
  '%',
  '%zz',
  '%00',
  '\u0000',
  '\r\n',
  '\t',
  "'",
  '"',
  '\\',
  "' OR 1=1 --",
  '"; DROP TABLE x; --',
  '*',
  '*:*',
  '?',
  '[',
  ']',
  '{',
  '}',
  '[]',
  '{}',
  'null',
  'true',
  '(',
  ')',
  '~',
  '^',
  ':',
  ',',
  ',,',
  'desc',
  'asc',
  ':desc',
  'a:b:c',
  '\u202e',
  '\ud800',
  '\uffff',
  '🏳️‍🌈',
  'ß',
  'İ',
  'AND',
  'OR',
  'NOT',
  'a AND',
  '"unclosed',
  'organization:',
  'tags:"a',
  'name:[* TO *]',
  '-',
  '+',
  '&',
  '=',
  '#',
  '/',
] as const;

/** One string that may be hostile: a prototype key, a nasty fragment, unicode, a long run, or a mix. */
export const hostileString = (maxLength = 40): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...PROTOTYPE_KEYS) },
    { weight: 4, arbitrary: fc.constantFrom(...NASTY) },
    { weight: 3, arbitrary: fc.string({ maxLength }) },
    { weight: 3, arbitrary: fc.string({ unit: 'grapheme', maxLength }) },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength }) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom('a', '9', ' ', 'é', '(', '"', '\\'), fc.integer({ min: 200, max: 3000 })).map(([c, n]) => c.repeat(n)) },
    {
      weight: 2,
      arbitrary: fc
        .tuple(fc.array(fc.constantFrom(...NASTY, ...PROTOTYPE_KEYS, 'camden', 'air', 'x'), { maxLength: 6 }), fc.constantFrom(' ', ',', ':', ''))
        .map(([parts, separator]) => parts.join(separator)),
    },
  );

/** JSON text that may be hostile: any JSON value, objects whose keys are prototype keys, deep nesting. */
export const hostileJsonText = (keys: fc.Arbitrary<string> = hostileString(12)): fc.Arbitrary<string> => {
  const { value } = fc.letrec<{ value: string }>((tie) => ({
    value: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.constantFrom('null', 'true', 'false', '0', '-0', '1e400', '-1', '1.5', '9007199254740993', '""'),
      hostileString(20).map((s) => JSON.stringify(s)),
      fc.array(tie('value'), { maxLength: 4 }).map((items) => `[${items.join(',')}]`),
      fc.array(fc.tuple(keys, tie('value')), { maxLength: 5 }).map((pairs) => `{${pairs.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`),
    ),
  }));
  return fc.oneof(
    { weight: 8, arbitrary: value },
    { weight: 1, arbitrary: fc.integer({ min: 100, max: 20_000 }).map((depth) => `${'['.repeat(depth)}${']'.repeat(depth)}`) },
    { weight: 1, arbitrary: fc.integer({ min: 100, max: 20_000 }).map((depth) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`) },
  );
};

/** A JSON object's text whose keys mix the fields a route expects with hostile ones. */
export const hostileJsonObject = (fields: readonly string[]): fc.Arbitrary<string> =>
  fc
    .array(fc.tuple(fc.oneof(fc.constantFrom(...fields), hostileString(12)), hostileJsonText()), { maxLength: 8 })
    .map((pairs) => `{${pairs.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`);

/** Content types a client may send, odd ones included. */
export const contentType = fc.constantFrom(
  'application/json',
  'application/json; charset=utf-8',
  'application/merge-patch+json',
  'APPLICATION/JSON',
  'application/ld+json',
  'text/plain',
  'text/csv',
  'application/x-www-form-urlencoded',
  'multipart/form-data',
  'multipart/form-data; boundary=x',
  'application/octet-stream',
  'application/json; charset=latin1',
  '',
  'garbage',
  '*/*',
  'application/',
);

/** A query string from name/value pairs, encoded as a browser would (lone surrogates become U+FFFD). */
export const queryString = (pairs: Array<[string, string]>): string => {
  const search = new URLSearchParams();
  for (const [name, value] of pairs) search.append(name, value);
  const text = search.toString();
  return text === '' ? '' : `?${text}`;
};

/** A path segment: usually the encoded hostile string, sometimes raw percent mischief. */
export const pathSegment = (known: readonly string[]): fc.Arbitrary<string> =>
  fc.oneof(
    fc.constantFrom(...known),
    hostileString(30).map((s) => encodeURIComponent(s.replace(/[\ud800-\udfff]/g, '\ufffd')) || 'x'),
    fc.constantFrom('%', '%zz', '%2F', '%00', '..', '%2e%2e', '%ff%fe', 'a%20b'),
  );

const describeResponse = (what: string, response: ApiResponse) =>
  `${what.length > 600 ? `${what.slice(0, 600)}…` : what} → ${response.status} ${response.text.slice(0, 500)}`;

/**
 * Node's HTTP server refuses a request line and headers over 16 KB with its own 431 before the
 * app sees the request (API Gateway has its own such limit): longer requests test neither.
 */
export const MAX_REQUEST_TARGET = 12_000;
export const sendable = (path: string): boolean => Buffer.byteLength(path) <= MAX_REQUEST_TARGET;

/** The property of every /api/v1 answer: no 5xx, and an error is {"error":{"code","message","details?"}} and nothing else. */
export const expectApiAnswer = (what: string, response: ApiResponse): void => {
  if (response.status >= 500) throw new Error(`5xx: ${describeResponse(what, response)}`);
  if (response.status < 400) return;
  const body = response.body as { error?: Record<string, unknown> } | undefined;
  const ok =
    /^application\/json/.test(response.headers.get('content-type') ?? '') &&
    typeof body === 'object' &&
    body !== null &&
    Object.keys(body).join() === 'error' &&
    typeof body.error === 'object' &&
    body.error !== null &&
    typeof body.error.code === 'string' &&
    /^[a-z_]+$/.test(body.error.code) &&
    typeof body.error.message === 'string' &&
    body.error.message.length > 0 &&
    Object.keys(body.error).every((k) => ['code', 'message', 'details'].includes(k)) &&
    (body.error.details === undefined || (typeof body.error.details === 'object' && body.error.details !== null));
  if (!ok) throw new Error(`not the one error shape: ${describeResponse(what, response)}`);
};

/** The property of every CKAN Action API answer: no 5xx, CKAN's envelope, success:false with an error object when it fails. */
export const expectCkanAnswer = (what: string, response: ApiResponse): void => {
  if (response.status >= 500) throw new Error(`5xx: ${describeResponse(what, response)}`);
  const body = response.body as { success?: unknown; result?: unknown; error?: Record<string, unknown>; help?: unknown } | undefined;
  const envelope = typeof body === 'object' && body !== null && typeof body.help === 'string';
  const ok =
    envelope &&
    (response.status < 400
      ? body.success === true && 'result' in body
      : body.success === false && typeof body.error === 'object' && body.error !== null && typeof body.error.__type === 'string');
  if (!ok) throw new Error(`not CKAN's envelope: ${describeResponse(what, response)}`);
};

/** After a property: the server still answers its health check. */
export const expectHealthy = async (t: TestExchange): Promise<void> => {
  const health = await withinMs(CASE_MS, 'GET /api/v1/health', t.request('GET', '/api/v1/health'));
  if (health.status !== 200) throw new Error(`health check answered ${health.status} ${health.text}`);
};

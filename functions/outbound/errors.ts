/**
 * What can go wrong with an outbound request, as typed errors a harvest run report or a link
 * check can show in words (`message`) and group by kind (`kind`, `reason`).
 */

export type OutboundErrorKind = 'refused' | 'timeout' | 'too-large' | 'http' | 'network';

export abstract class OutboundError extends Error {
  abstract readonly kind: OutboundErrorKind;
  /** The URL being fetched when it went wrong (after any redirects followed so far). */
  readonly url: string;

  protected constructor(url: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.url = url;
    this.name = new.target.name;
  }
}

export type RefusalReason = 'invalid-url' | 'scheme' | 'credentials-in-url' | 'address' | 'too-many-redirects' | 'bad-redirect';

/** The request was never sent, or a redirect was not followed: the target is not allowed. */
export class OutboundRefused extends OutboundError {
  readonly kind = 'refused';

  constructor(
    url: string,
    readonly reason: RefusalReason,
    detail: string,
  ) {
    super(url, `Refused to fetch ${url}: ${detail}`);
  }
}

export type TimeoutPhase = 'connect' | 'headers' | 'total';

const PHASE_WORDS: Record<TimeoutPhase, string> = {
  connect: 'connecting took longer than',
  headers: 'the server sent no response headers within',
  total: 'the whole response took longer than',
};

export class OutboundTimeout extends OutboundError {
  readonly kind = 'timeout';

  constructor(
    url: string,
    readonly phase: TimeoutPhase,
    readonly limitMs: number,
  ) {
    super(url, `Timed out fetching ${url}: ${PHASE_WORDS[phase]} ${limitMs} ms`);
  }
}

export class OutboundTooLarge extends OutboundError {
  readonly kind = 'too-large';

  constructor(
    url: string,
    readonly limitBytes: number,
  ) {
    super(url, `The response from ${url} is larger than the ${limitBytes}-byte limit`);
  }
}

/** The server answered, with a status that is not success (4xx, 5xx, or a 3xx with no usable Location). */
export class OutboundHttpError extends OutboundError {
  readonly kind = 'http';

  constructor(
    url: string,
    readonly status: number,
  ) {
    super(url, `${url} answered HTTP ${status}`);
  }
}

/** DNS failure, connection refused or reset, TLS failure: the cause says which. */
export class OutboundNetworkError extends OutboundError {
  readonly kind = 'network';

  constructor(url: string, cause: unknown) {
    const code = (cause as { code?: unknown })?.code;
    const detail = typeof code === 'string' ? code : cause instanceof Error ? cause.message : String(cause);
    super(url, `Network error fetching ${url}: ${detail}`, { cause });
  }
}

import { EXIT, type ExitCode } from './exit-codes';

/** A failure to report to the user: what happened, what to do about it, and the exit code. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode,
    readonly hint?: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

interface ApiErrorBody {
  error?: { code?: string; message?: string; details?: unknown };
}

const exitForStatus = (status: number): ExitCode => {
  if (status === 401) return EXIT.unauthenticated;
  if (status === 403) return EXIT.forbidden;
  if (status === 404) return EXIT.notFound;
  if (status === 409 || status === 412 || status === 428) return EXIT.conflict;
  if (status >= 500) return EXIT.unavailable;
  if (status === 400 || status === 413 || status === 415) return EXIT.usage;
  return EXIT.internal;
};

const hintForStatus = (status: number, code: string | undefined): string | undefined => {
  if (status === 401) {
    return "Your token is missing, expired or revoked. Ask an admin of your organisation for a new one (the publisher area's Tokens page, or POST /api/v1/organisations/{org}/tokens), then run `ldx login`, or set LDX_TOKEN.";
  }
  if (status === 403)
    return "Your token's organisation or role may not do this: publishing needs an editor or admin token, grants and access requests an admin token.";
  if (status === 412) return 'Someone changed the record since it was read: run the command again to work from the current version.';
  if (status >= 500 || code === 'unavailable') return 'The exchange is having trouble: try again in a minute.';
  return undefined;
};

/** The exchange's error answer (`{"error": {"code", "message", "details?"}}`) as a CliError. */
export const apiError = (status: number, body: unknown, doing: string): CliError => {
  const error = (body as ApiErrorBody | undefined)?.error;
  const message = error?.message ?? (typeof body === 'string' && body ? body : `HTTP ${status}`);
  return new CliError(`${doing}: ${message}`, exitForStatus(status), hintForStatus(status, error?.code), error?.details ?? undefined);
};

/** A request that never got an answer. */
export const unreachable = (url: string, cause: unknown): CliError =>
  new CliError(
    `Could not reach ${url}: ${cause instanceof Error ? ((cause.cause as Error | undefined)?.message ?? cause.message) : String(cause)}`,
    EXIT.unavailable,
    'Check the address (ldx login --url, or LDX_URL) and your connection, then try again.',
  );

import type { Context } from 'hono';
import { respondWithError } from '../../api/http/error-response';
import type { Caller } from '../../domain/caller';
import { ExchangeError, type FieldProblem } from '../../domain/errors';
import type { WebEnv } from '../web-env';

export type Member = Extract<Caller, { kind: 'member' }>;

/** The signed-in organisation member, or undefined (the route then sends the visitor to sign in). */
export const memberOf = (c: Context<WebEnv>): Member | undefined => (c.var.caller.kind === 'member' ? c.var.caller : undefined);

export const toSignIn = (c: Context<WebEnv>): Response => c.redirect(c.var.urls.page('/publish/sign-in'), 303);

/** The checked form of a POST (read by the form guard). */
export const formOf = (c: Context<WebEnv>): URLSearchParams => c.var.form ?? new URLSearchParams();

export interface FormFailure {
  status: number;
  problems: FieldProblem[];
  message?: string;
}

/**
 * Turns a domain refusal of a form into what the form shows: field problems beside their
 * fields, anything else as a message. Errors that are not the visitor's (500s) propagate.
 */
export const formFailure = (c: Context, error: unknown): FormFailure => {
  if (!(error instanceof ExchangeError) || error.code === 'internal_error' || error.code === 'service_unavailable' || error.code === 'not_found') throw error;
  const status = respondWithError(c, error).status;
  const details = error.details ?? {};
  if (Array.isArray(details.fields)) return { status, problems: details.fields as FieldProblem[] };
  if (typeof details.field === 'string') return { status, problems: [{ field: details.field, message: error.message }] };
  return { status, problems: [], message: error.message };
};

/** Notices shown after a redirect, chosen by a fixed key (never text from the query string). */
export const NOTICES: Record<string, string> = {
  created: 'The dataset was created. Add a data file to it next.',
  saved: 'Your changes were saved.',
  granted: 'Access was granted. It appears on the public sharing register.',
  revoked: 'Access was revoked. It stops at once.',
  approved: 'The request was approved and a grant was made.',
  declined: 'The request was declined.',
};

export const noticeFrom = (c: Context): string | undefined => {
  const done = c.req.query('done') ?? '';
  return Object.hasOwn(NOTICES, done) ? NOTICES[done] : undefined;
};

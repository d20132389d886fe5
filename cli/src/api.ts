import { createLdxClient, type LdxClient } from './client';
import { apiError, CliError, unreachable } from './cli-error';
import { resolveSession } from './config';
import { EXIT } from './exit-codes';

/** The exchange a command talks to, through the typed client. */
export interface Api {
  client: LdxClient;
  url: string;
  token?: string;
}

export const connect = (options: { url?: string; token?: string }): Api => {
  const session = resolveSession(options);
  return { ...session, client: createLdxClient({ baseUrl: session.url, token: session.token, headers: { 'user-agent': 'ldx' } }) };
};

/** For commands that change things: a token is needed before anything is sent. */
export const requireToken = (api: Api): void => {
  if (!api.token) {
    throw new CliError('This needs a token, and none is set.', EXIT.unauthenticated, 'Run `ldx login` (or set LDX_TOKEN) with a token of your organisation.');
  }
};

interface Answer<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** The answer's data, or the exchange's error as a CliError saying what was being done. */
export const call = async <T>(api: Api, doing: string, request: Promise<Answer<T>>): Promise<T> => {
  let answer: Answer<T>;
  try {
    answer = await request;
  } catch (error) {
    throw unreachable(api.url, error);
  }
  if (answer.error !== undefined || !answer.response.ok) throw apiError(answer.response.status, answer.error, doing);
  return answer.data as T;
};

/** As `call`, but a 404 is an answer (undefined), not a failure: "does it exist yet?". */
export const callOrMissing = async <T>(api: Api, doing: string, request: Promise<Answer<T>>): Promise<T | undefined> => {
  let answer: Answer<T>;
  try {
    answer = await request;
  } catch (error) {
    throw unreachable(api.url, error);
  }
  if (answer.response.status === 404) return undefined;
  if (answer.error !== undefined || !answer.response.ok) throw apiError(answer.response.status, answer.error, doing);
  return answer.data as T;
};

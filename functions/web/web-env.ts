import type { SessionPerson } from '../domain/sessions';
import type { AppEnv } from '../api/env';

/** How the visitor proved who they are: a session cookie, an API bearer token, or not at all. */
export interface Session {
  via: 'cookie' | 'bearer' | 'none';
  /** The CSRF token every state-changing form must send back (bound to the credential). */
  csrf?: string;
  /** A person signed in through their identity provider (cookie sessions only). */
  person?: SessionPerson;
}

/** The app's variables plus the web session and, on form posts, the checked form fields. */
export interface WebEnv {
  Variables: AppEnv['Variables'] & { session: Session; form: URLSearchParams };
}

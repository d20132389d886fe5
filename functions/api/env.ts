import type { Caller } from '../domain/caller';
import type { DomainContext } from '../domain/context';
import type { Urls } from './http/urls';

/** Hono environment: what every handler can read from `c.var`. */
export interface AppEnv {
  Variables: {
    caller: Caller;
    domain: DomainContext;
    urls: Urls;
  };
}

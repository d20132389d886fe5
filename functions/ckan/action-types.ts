import type { Caller } from '../domain/caller';
import type { DomainContext } from '../domain/context';
import type { Urls } from '../api/http/urls';
export interface CkanActionContext {
  domain: DomainContext;
  caller: Caller;
  urls: Urls;
  route: string;
}
export type CkanParams = Record<string, unknown>;
export type CkanAction = (ctx: CkanActionContext, params: CkanParams) => Promise<unknown>;

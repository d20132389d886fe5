/**
 * The probe's completeness rule, as CKAN refuses an action that never called its auth function:
 * every GET route of the API and every CKAN action must be read by at least one channel, or be
 * listed here as carrying no dataset at all, with the reason. The routes and actions are read
 * from the app's own tables when the probe runs, so a new one fails the probe until it is probed.
 */

/** GET routes that read no dataset, grant or organisation record: nothing of a tier can leak through them. */
export const EXEMPT_ROUTES: ReadonlyMap<string, string> = new Map([
  ['/api/v1/health', 'a fixed liveness answer; it reads nothing'],
  ['/api/v1/openapi.json', "the API's description, built from the route declarations; it reads no record"],
  ['/api/v1/schemas', 'the common data schemas shipped with the code (schemas/data), not anything a publisher stored'],
  ['/api/v1/schemas/:schema', 'one common data schema shipped with the code, not anything a publisher stored'],
  ['/api/v1/schemas/:schema/stewards', "the ids of the organisations appointed to look after a standard: public by design, no dataset's"],
]);

/** CKAN actions that read no dataset. */
export const EXEMPT_ACTIONS: ReadonlyMap<string, string> = new Map([
  ['help_show', 'a fixed line of help per action name; it reads nothing'],
  ['status_show', "the site's name and the CKAN API version; it reads nothing"],
]);

export const CKAN_ACTION_PREFIX = '/api/3/action/';

/** A route parameter: `:name`, optionally with its own pattern in braces (which may hold a `/`, as in `[^/]`). */
const PARAMETER = /:\w+(?:\{((?:[^{}]|\{[^{}]*\})+)\})?/g;
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A route pattern (`/a/:id`, `/b/:name{[^/]+\.jsonld}`) as a regular expression over a request path without its query. */
const patternOf = (route: string): RegExp => {
  let source = '';
  let last = 0;
  for (const match of route.matchAll(PARAMETER)) {
    source += escapeRegExp(route.slice(last, match.index)) + (match[1] ? `(?:${match[1]})` : '[^/]+');
    last = match.index + match[0].length;
  }
  return new RegExp(`^${source}${escapeRegExp(route.slice(last))}$`);
};

export interface ProbeRequest {
  method: string;
  path: string;
}

export interface CoverageGaps {
  /** GET routes no channel read and no exemption names. */
  routes: string[];
  /** CKAN actions no channel called and no exemption names. */
  actions: string[];
  /** Exemptions for routes or actions that no longer exist: stale entries would hide a new route of the same name. */
  staleExemptions: string[];
}

/** What the channels' requests left unprobed, given the app's GET routes and CKAN action names. */
export const coverageGaps = (getRoutes: readonly string[], ckanActions: readonly string[], requests: readonly ProbeRequest[]): CoverageGaps => {
  const paths = requests.map(({ method, path }) => ({ method, path: path.split('?')[0] }));
  const routes = getRoutes.filter((route) => {
    if (EXEMPT_ROUTES.has(route)) return false;
    const pattern = patternOf(route);
    return !paths.some(({ method, path }) => method === 'GET' && pattern.test(path));
  });
  const actions = ckanActions.filter((action) => !EXEMPT_ACTIONS.has(action) && !paths.some(({ path }) => path === `${CKAN_ACTION_PREFIX}${action}`));
  const staleExemptions = [
    ...[...EXEMPT_ROUTES.keys()].filter((route) => !getRoutes.includes(route)),
    ...[...EXEMPT_ACTIONS.keys()].filter((action) => !ckanActions.includes(action)),
  ];
  return { routes, actions, staleExemptions };
};

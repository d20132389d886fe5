/**
 * The harvest runner as "harvest now" loads it, on the first run (harvest-now.ts): the page reader,
 * the mappers and the outbound fetcher. In the API function a file of its own beside the bundle
 * (infra/constructs/lazy-groups.ts), so the API's cold start neither compiles it nor loads Node's
 * HTTP, TLS and DNS modules under it.
 */
export { beginQueuedRun } from './queued-run';
export { startHarvestRun } from './run-harvest';

/**
 * The harvest runner as "harvest now" loads it, on the first run (harvest-now.ts): the page reader,
 * the mappers and the outbound fetcher. The API's bundle holds it, but its modules are evaluated
 * only when it is required, so the API's cold start neither runs them nor loads Node's HTTP, TLS
 * and DNS modules under them.
 */
export { beginQueuedRun } from './queued-run';
export { startHarvestRun } from './run-harvest';

/**
 * The ingest core (detection, parsing, validation), required when a standard checks a file: the
 * API's other requests never need it, and loading it would lengthen every cold start (in the API
 * function it is a file of its own: ingest-core-group.ts).
 */
export const ingestCore = () => require('./ingest-core-group') as typeof import('./ingest-core-group');

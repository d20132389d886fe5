/**
 * The ingest core (detection, parsing, validation), required when a standard checks a file: the
 * API's other requests never need it, and loading it would lengthen every cold start.
 */
export const ingestCore = () => require('../ingest/core/process-upload') as typeof import('../ingest/core/process-upload');

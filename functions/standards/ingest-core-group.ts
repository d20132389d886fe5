/**
 * The ingest core as a standard's checks load it (ingest-core.ts): in the API function a file of
 * its own beside the bundle (infra/constructs/lazy-groups.ts), read only when a standard checks a file.
 */
export * from '../ingest/core/process-upload';

import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/**
 * The id that ties together what one API request set going: its own log line, and the ingest
 * and indexer work it caused (carried on the upload record and the catalogue-changed message).
 * AsyncLocalStorage, so domain code can read it without every call passing it along.
 */
const current = new AsyncLocalStorage<string>();

export const withCorrelationId = <T>(correlationId: string, run: () => T): T => current.run(correlationId, run);

/** The id of the request being handled, if any (undefined in the ingest or indexer outside a request). */
export const currentCorrelationId = (): string | undefined => current.getStore();

/** API Gateway's request id when there is one; locally, a fresh id of the same kind. */
export const newRequestId = (): string => randomUUID();

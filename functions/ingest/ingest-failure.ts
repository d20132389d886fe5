import { UnknownDataSchemaError } from './core/data-schemas';

/**
 * Errors that a retry would meet again, in words a publisher understands (they become the
 * version's `processing-error`). Anything else may be transient (S3, DynamoDB) and is retried
 * until the last attempt. Internal details (paths, SQL) go to the logs, never the report.
 */
export const describeIngestFailure = (error: unknown): string | undefined => {
  const message = error instanceof Error ? error.message : String(error);
  if (/Out of Memory/i.test(message)) {
    return 'Processing ran out of memory: the exchange could not convert this file within the memory it has. Nothing was published from it. Try splitting the file, or fewer columns.';
  }
  if (error instanceof RangeError && /call stack/i.test(message)) {
    return "The file's nesting is too deep for the exchange to read (arrays or objects inside each other too many levels). Nothing was published from it.";
  }
  if (error instanceof UnknownDataSchemaError && error.dataSchemaId.includes('@')) {
    const [id, range] = error.dataSchemaId.split('@');
    return `The resource declares versions ${range} of the common data schema "${id}", and no published version is in that range. Declare a range that includes a published version (GET /api/v1/schemas/${id}/versions), then upload again.`;
  }
  if (error instanceof UnknownDataSchemaError) {
    return `The resource declares the common data schema "${error.dataSchemaId}", which the exchange no longer has. Choose another schema for the resource, then upload again.`;
  }
  return undefined;
};

/** The report of an upload whose last attempt failed for a reason of ours. */
export const lastAttemptMessage = (): string =>
  'Processing failed: the exchange could not finish with this file, for a reason of its own rather than your data. Nothing was published from it. Upload it again later; if it keeps failing, tell the exchange’s operators.';

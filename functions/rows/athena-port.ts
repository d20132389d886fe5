/**
 * What the row API needs from Athena and the Glue catalogue: small ports, so the executor and
 * the engine choice are tested with a hand-written fake (there is no Athena emulator) and the
 * AWS SDK stays in athena-aws.ts.
 */

export type QueryState = 'QUEUED' | 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'CANCELLED';

export interface AthenaStart {
  sql: string;
  /** One string per `?` in `sql`, in order (StartQueryExecution ExecutionParameters). */
  executionParameters: string[];
  database: string;
}

export interface QueryStatus {
  state: QueryState;
  /** Athena's reason for FAILED or CANCELLED (logged; shown only for the client's own read-only SQL). */
  reason?: string;
  /** Athena put the failure down to the query itself (AthenaError.ErrorCategory 2), not to the system. */
  userError?: boolean;
}

export interface ResultPage {
  /** Cells as Athena returns them: text, or null for an empty value. The first page starts with the header row. */
  rows: (string | null)[][];
  nextToken?: string;
  /** The result's columns and Athena's type names (ResultSetMetadata), on the first page. */
  columns?: { name: string; type: string }[];
}

export interface AthenaPort {
  /** Starts a query in the exchange's workgroup; returns its execution id. */
  start(query: AthenaStart): Promise<string>;
  status(executionId: string): Promise<QueryStatus>;
  results(executionId: string, nextToken: string | undefined, maxResults: number): Promise<ResultPage>;
  stop(executionId: string): Promise<void>;
}

/** A Glue table as the exchange registers it: an external Parquet table over one S3 prefix. */
export interface GlueTableInput {
  Name: string;
  Description: string;
  TableType: 'EXTERNAL_TABLE';
  Parameters: Record<string, string>;
  StorageDescriptor: {
    Columns: { Name: string; Type: string; Comment?: string }[];
    Location: string;
    InputFormat: string;
    OutputFormat: string;
    SerdeInfo: { SerializationLibrary: string; Parameters: Record<string, string> };
  };
}

export interface GluePort {
  /** Whether the table exists in the database. */
  tableExists(database: string, name: string): Promise<boolean>;
  /** Creates the table; resolves also when another process created it first. */
  createTable(database: string, table: GlueTableInput): Promise<void>;
}

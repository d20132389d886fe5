import { AthenaClient, GetQueryExecutionCommand, GetQueryResultsCommand, StartQueryExecutionCommand, StopQueryExecutionCommand } from '@aws-sdk/client-athena';
import { AlreadyExistsException, CreateTableCommand, EntityNotFoundException, GetTableCommand, GlueClient } from '@aws-sdk/client-glue';
import type { AthenaPort, GluePort, QueryState } from './athena-port';

/** The Athena port over the AWS SDK: every query runs in the exchange's workgroup. */
export const awsAthena = (workGroup: string, client = new AthenaClient({})): AthenaPort => ({
  async start({ sql, executionParameters, database }) {
    const started = await client.send(
      new StartQueryExecutionCommand({
        QueryString: sql,
        WorkGroup: workGroup,
        QueryExecutionContext: { Database: database },
        ...(executionParameters.length > 0 ? { ExecutionParameters: executionParameters } : {}),
      }),
    );
    if (!started.QueryExecutionId) throw new Error('Athena started a query without an execution id');
    return started.QueryExecutionId;
  },
  async status(executionId) {
    const { QueryExecution } = await client.send(new GetQueryExecutionCommand({ QueryExecutionId: executionId }));
    const status = QueryExecution?.Status;
    return {
      state: (status?.State ?? 'QUEUED') as QueryState,
      reason: status?.StateChangeReason ?? status?.AthenaError?.ErrorMessage,
      userError: status?.AthenaError?.ErrorCategory === 2,
    };
  },
  async results(executionId, nextToken, maxResults) {
    const page = await client.send(new GetQueryResultsCommand({ QueryExecutionId: executionId, NextToken: nextToken, MaxResults: maxResults }));
    const rows = (page.ResultSet?.Rows ?? []).map((row) => (row.Data ?? []).map((cell) => cell.VarCharValue ?? null));
    const columns = page.ResultSet?.ResultSetMetadata?.ColumnInfo?.map((column) => ({ name: column.Name ?? '', type: column.Type ?? 'varchar' }));
    return { rows, nextToken: page.NextToken, ...(columns ? { columns } : {}) };
  },
  async stop(executionId) {
    await client.send(new StopQueryExecutionCommand({ QueryExecutionId: executionId }));
  },
});

/** The Glue port over the AWS SDK. */
export const awsGlue = (client = new GlueClient({})): GluePort => ({
  async tableExists(database, name) {
    try {
      await client.send(new GetTableCommand({ DatabaseName: database, Name: name }));
      return true;
    } catch (error) {
      if (error instanceof EntityNotFoundException) return false;
      throw error;
    }
  },
  async createTable(database, table) {
    try {
      await client.send(new CreateTableCommand({ DatabaseName: database, TableInput: table }));
    } catch (error) {
      if (!(error instanceof AlreadyExistsException)) throw error;
    }
  },
});

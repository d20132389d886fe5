import type { AthenaPort, AthenaStart, GlueTableInput, GluePort, QueryState } from '../../../functions/rows/athena-port';

/**
 * A hand-written fake of the row API's Athena port (not an SDK mock): each started query is
 * answered by `answer(query)` with a header, data rows and (optionally) Athena's type names of
 * the columns, or a failure (the query's own, or the system's), after `runningPolls` status
 * checks that report RUNNING. Records what was started, polled and stopped.
 */
export class FakeAthena implements AthenaPort {
  readonly started: AthenaStart[] = [];
  readonly stopped: string[] = [];
  polls = 0;
  private readonly executions = new Map<string, { query: AthenaStart; polls: number; state?: QueryState }>();

  constructor(
    private readonly answer: (query: AthenaStart) => { header: string[]; rows: (string | null)[][]; types?: string[] } | { fail: string; userError?: boolean },
    private readonly runningPolls = 2,
    private readonly resultsPage = 2,
  ) {}

  async start(query: AthenaStart): Promise<string> {
    this.started.push(query);
    const id = `q-${this.started.length}`;
    this.executions.set(id, { query, polls: 0 });
    return id;
  }

  async status(id: string) {
    this.polls++;
    const execution = this.executions.get(id)!;
    if (execution.state) return { state: execution.state };
    if (execution.polls++ < this.runningPolls) return { state: 'RUNNING' as const };
    const answer = this.answer(execution.query);
    return 'fail' in answer ? { state: 'FAILED' as const, reason: answer.fail, userError: answer.userError === true } : { state: 'SUCCEEDED' as const };
  }

  /** Pages of `resultsPage` rows, the header first as Athena does. */
  async results(id: string, nextToken: string | undefined, maxResults: number) {
    const answer = this.answer(this.executions.get(id)!.query);
    if ('fail' in answer) throw new Error('no results of a failed query');
    const all = [answer.header, ...answer.rows];
    const from = nextToken ? Number(nextToken) : 0;
    const size = Math.min(maxResults, this.resultsPage);
    const to = from + size;
    const columns = from === 0 && answer.types ? { columns: answer.header.map((name, i) => ({ name, type: answer.types![i] })) } : {};
    return { rows: all.slice(from, to), nextToken: to < all.length ? String(to) : undefined, ...columns };
  }

  async stop(id: string): Promise<void> {
    this.stopped.push(id);
    this.executions.get(id)!.state = 'CANCELLED';
  }
}

/** A fake Glue catalogue: a map of database/table to the table input it was created with. */
export class FakeGlue implements GluePort {
  readonly tables = new Map<string, GlueTableInput>();
  readonly calls: string[] = [];

  async tableExists(database: string, name: string): Promise<boolean> {
    this.calls.push(`GetTable ${database}.${name}`);
    return this.tables.has(`${database}.${name}`);
  }

  async createTable(database: string, table: GlueTableInput): Promise<void> {
    this.calls.push(`CreateTable ${database}.${table.Name}`);
    this.tables.set(`${database}.${table.Name}`, table);
  }
}

import { queryTimeout } from '../domain/errors';
import type { AthenaPort, AthenaStart } from './athena-port';
import type { Column } from './query-model';
import type { JsonCell } from './render-values';

export interface ExecutorTiming {
  /** The query is stopped and answered with a 504 past this. */
  timeoutMs: number;
  /** First wait between status checks; doubles up to `maxPollMs`. */
  pollMs?: number;
  maxPollMs?: number;
  /** Injected in tests; real time otherwise. */
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/** GetQueryResults returns at most 1 000 rows a call. */
const RESULTS_PAGE = 1000;

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs one query to completion within the deadline and returns its data rows (without the
 * header row) as Athena's text cells. Past the deadline the query is stopped (so it stops
 * scanning and billing) and the client gets the same 504 as a DuckDB timeout. A failed query
 * is the exchange's fault (the SQL is generated, values are checked first): a 500 whose cause
 * is logged, never shown.
 */
export const runAthenaQuery = async (athena: AthenaPort, query: AthenaStart, timing: ExecutorTiming): Promise<(string | null)[][]> =>
  (await runAthenaStatement(athena, query, timing)).rows;

/** A query that Athena ran and failed (or that was cancelled), with its reason. */
export class AthenaQueryFailed extends Error {
  constructor(
    readonly executionId: string,
    readonly state: 'FAILED' | 'CANCELLED',
    readonly reason: string,
    /** Athena put it down to the query itself (a bad column, a type mismatch), not to the system. */
    readonly userError: boolean,
  ) {
    super(`Athena query ${executionId} ${state.toLowerCase()}: ${reason}`);
    this.name = 'AthenaQueryFailed';
  }
}

export interface AthenaResult {
  /** The result's columns with Athena's type names (empty if Athena did not say). */
  columns: { name: string; type: string }[];
  rows: (string | null)[][];
}

/** runAthenaQuery, with the result's columns as Athena typed them (for statements the exchange did not write). */
export const runAthenaStatement = async (athena: AthenaPort, query: AthenaStart, timing: ExecutorTiming): Promise<AthenaResult> => {
  const now = timing.now ?? (() => performance.now());
  const deadline = now() + timing.timeoutMs;
  const id = await athena.start(query);
  try {
    return await awaitRows(athena, id, timing, now, deadline);
  } catch (error) {
    // Whatever went wrong (the deadline, a failed status or results call), the query must not run on.
    await athena.stop(id).catch(() => undefined);
    throw error;
  }
};

const awaitRows = async (athena: AthenaPort, id: string, timing: ExecutorTiming, now: () => number, deadline: number): Promise<AthenaResult> => {
  const sleep = timing.sleep ?? realSleep;
  let wait = timing.pollMs ?? 100;
  for (;;) {
    const status = await athena.status(id);
    if (status.state === 'SUCCEEDED') break;
    if (status.state === 'FAILED' || status.state === 'CANCELLED') {
      throw new AthenaQueryFailed(id, status.state, status.reason ?? 'no reason given', status.userError === true);
    }
    if (now() + wait > deadline) {
      throw queryTimeout(timing.timeoutMs);
    }
    await sleep(wait);
    wait = Math.min(wait * 2, timing.maxPollMs ?? 1000);
  }
  const rows: (string | null)[][] = [];
  let columns: AthenaResult['columns'] = [];
  let token: string | undefined;
  let first = true;
  do {
    const page = await athena.results(id, token, RESULTS_PAGE);
    if (first && page.columns) columns = page.columns;
    rows.push(...(first ? page.rows.slice(1) : page.rows));
    first = false;
    token = page.nextToken;
  } while (token);
  return { columns, rows };
};

/** Athena's `yyyy-mm-dd hh:mm:ss[.fff]` as the exchange writes date-times (`T`, fraction trimmed, `Z` for instants). */
const isoDatetime = (text: string, instant: boolean): string => {
  const match = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})(?:\.(\d+))?/.exec(text);
  if (!match) return text;
  const fraction = (match[3] ?? '').replace(/0+$/, '');
  return `${match[1]}T${match[2]}${fraction ? `.${fraction}` : ''}${instant ? 'Z' : ''}`;
};

const cell = (column: Column, text: string | null): JsonCell => {
  if (text === null) return null;
  switch (column.sqlType) {
    case 'BIGINT': {
      // Beyond 2^53 a JSON number would lose digits: sent as text, as DuckDB's path does.
      const n = Number(text);
      return Number.isSafeInteger(n) ? n : text;
    }
    case 'DOUBLE': {
      const n = Number(text);
      return Number.isFinite(n) ? n : null;
    }
    case 'BOOLEAN':
      return text === 'true';
    case 'TIMESTAMP':
    case 'TIMESTAMPTZ':
      return isoDatetime(text, column.sqlType === 'TIMESTAMPTZ');
    default:
      return text;
  }
};

/** Text rows as the API's JSON cells, typed by the columns the query selected (in order). */
export const typedAthenaRows = (columns: readonly Column[], rows: readonly (string | null)[][]): JsonCell[][] =>
  rows.map((row) => {
    if (row.length !== columns.length) throw new Error(`Athena returned ${row.length} cells for ${columns.length} columns`);
    return row.map((text, i) => cell(columns[i], text));
  });

import { ExchangeError } from '../domain/errors';
import type { DuckDbEngine } from './duckdb-engine';
import { callableFunctions } from './sql-functions';
import { guardSelect, type RefusalReason, SqlRefused, type TableNames } from './sql-guard';

export type { TableNames } from './sql-guard';

/** Longest statement accepted: what a person writes, not a generated payload. */
export const MAX_SQL_CHARS = 8_192;

/** Parsing and serialising are microseconds; a second is generous for a hostile text. */
const CHECK_TIMEOUT_MS = 1_000;

export interface CheckedSql {
  /**
   * The statement as DuckDB writes it back from the checked syntax tree (no comments, one
   * statement, canonical quoting). This text, not the client's, is what runs, and it is itself
   * parsed and checked again, so no difference between two parses can slip anything past.
   */
  canonical: string;
  /** The table names it reads (lower-case). */
  tables: Set<string>;
  /** The checked syntax tree of `canonical` (json_serialize_sql's statement), for writing it in another dialect. */
  statement: unknown;
}

const callableByEngine = new WeakMap<DuckDbEngine, Promise<Set<string>>>();

const callableOf = (engine: DuckDbEngine): Promise<Set<string>> => {
  let callable = callableByEngine.get(engine);
  if (!callable) {
    callable = engine
      .run('SELECT DISTINCT function_name AS name, function_type AS type FROM duckdb_functions()')
      .then((result) => callableFunctions(result.getRowObjectsJson().map((row) => ({ name: String(row.name), type: String(row.type) }))));
    callable.catch(() => callableByEngine.delete(engine));
    callableByEngine.set(engine, callable);
  }
  return callable;
};

const refused = (reason: RefusalReason, message: string) => new SqlRefused(reason, message);

/**
 * DuckDB's parse and write-back of a text are pure functions of it, so a statement sent again
 * (a dashboard's, a paging client's) is not parsed again: the results (refusals included) are
 * kept per engine for short texts, least recently used first out. The guard still runs on every
 * request, against that request's tables.
 */
const REMEMBERED_TEXTS = 256;
const REMEMBERED_MAX_CHARS = 2_048;

type Outcome<T> = { value: T } | { refusal: SqlRefused };

class TextMemo {
  private readonly entries = new Map<string, Promise<Outcome<unknown>>>();

  async get<T>(key: string, compute: () => Promise<T>): Promise<T> {
    let outcome = this.entries.get(key) as Promise<Outcome<T>> | undefined;
    if (outcome) {
      this.entries.delete(key);
      this.entries.set(key, outcome);
    } else {
      outcome = compute().then(
        (value) => ({ value }),
        (error: unknown) => {
          if (error instanceof SqlRefused) return { refusal: error };
          this.entries.delete(key);
          throw error;
        },
      );
      if (key.length <= REMEMBERED_MAX_CHARS) {
        this.entries.set(key, outcome);
        if (this.entries.size > REMEMBERED_TEXTS) this.entries.delete(this.entries.keys().next().value!);
      }
    }
    const settled = await outcome;
    if ('refusal' in settled) throw settled.refusal;
    return settled.value;
  }
}

const memoByEngine = new WeakMap<DuckDbEngine, TextMemo>();

const memoOf = (engine: DuckDbEngine): TextMemo => {
  let memo = memoByEngine.get(engine);
  if (!memo) {
    memo = new TextMemo();
    memoByEngine.set(engine, memo);
  }
  return memo;
};

const parse = (engine: DuckDbEngine, sql: string): Promise<unknown[]> => memoOf(engine).get(`parse\u0000${sql}`, () => parseNow(engine, sql));

/** DuckDB's canonical text of a statement's syntax tree (no comments, canonical quoting). */
const writeBack = (engine: DuckDbEngine, sql: string): Promise<string> =>
  memoOf(engine).get(`write\u0000${sql}`, async () => {
    const written = await engine.query(
      'SELECT json_deserialize_sql(json_serialize_sql(CAST(? AS VARCHAR))) AS sql',
      [{ sqlType: 'VARCHAR', value: sql }],
      CHECK_TIMEOUT_MS,
    );
    return String(written.getRows()[0][0]);
  });

/** DuckDB's verdict on a text: its statements' syntax trees, or why it is not SELECT statements. */
const parseNow = async (engine: DuckDbEngine, sql: string): Promise<unknown[]> => {
  const result = await engine.query('SELECT json_serialize_sql(CAST(? AS VARCHAR)) AS ast', [{ sqlType: 'VARCHAR', value: sql }], CHECK_TIMEOUT_MS);
  const parsed = JSON.parse(String(result.getRows()[0][0])) as { error?: boolean; error_type?: string; error_message?: string; statements?: unknown[] };
  if (parsed.error) {
    const message = String(parsed.error_message ?? '');
    if (/Only SELECT statements/i.test(message)) {
      const keyword = /^\s*(\w+)/.exec(sql.replace(/^(\s|--[^\n]*\n|\/\*[\s\S]*?\*\/)*/, ''))?.[1]?.toUpperCase() ?? '';
      if (['SELECT', 'WITH', 'FROM', 'VALUES', 'TABLE', ''].includes(keyword)) {
        throw refused(
          'not_a_single_select',
          'Only one SELECT may run here; this text holds another statement that is not a SELECT (stacked statements are refused).',
        );
      }
      throw refused(
        'not_a_single_select',
        `Only a SELECT may run here; ${keyword} statements are refused, as are PRAGMA, SET, ATTACH, COPY, INSTALL, LOAD, EXPORT and CALL.`,
      );
    }
    throw refused('not_a_single_select', `The statement could not be parsed as SQL: ${message}`);
  }
  return parsed.statements ?? [];
};

/**
 * Checks a read-only SQL statement before anything runs: DuckDB's own parser reads it, and the
 * syntax tree must be one SELECT over `tables` only, calling allowed functions (sql-guard.ts).
 * Refusals are 400s that say why (`details.reason`).
 */
export const checkSql = async (engine: DuckDbEngine, sql: string, tables: TableNames): Promise<CheckedSql> => {
  try {
    if (sql.trim() === '') throw refused('not_a_single_select', 'Send one SELECT statement in `sql`.');
    if (sql.length > MAX_SQL_CHARS) throw refused('too_long', `The statement is longer than ${MAX_SQL_CHARS} characters.`);
    if (sql.includes('\u0000')) throw refused('unsupported_syntax', 'The statement contains a NUL character.');
    const callable = await callableOf(engine);
    const allowed = { tables, callable };
    const used = guardSelect({ statements: await parse(engine, sql), ...allowed });
    const canonical = await writeBack(engine, sql);
    const statements = await parse(engine, canonical);
    const again = guardSelect({ statements, ...allowed });
    if (again.size !== used.size || [...again].some((name) => !used.has(name)))
      throw refused('unsupported_syntax', 'The statement does not read the same tables once written back.');
    return { canonical, tables: again, statement: statements[0] };
  } catch (error) {
    if (error instanceof SqlRefused) throw new ExchangeError('bad_request', error.message, { field: 'sql', reason: error.reason });
    throw error;
  }
};

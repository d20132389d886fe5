import { WINDOW_FUNCTIONS } from './sql-functions';

/**
 * The check a read-only SQL statement passes before it runs, over the syntax tree DuckDB's own
 * parser produced (json_serialize_sql: sql-check.ts), never over the text, so comments, quoting,
 * Unicode look-alikes and string tricks cannot hide anything: what is checked is what runs.
 *
 * Allowed: one SELECT (set operations, subqueries, joins, non-recursive CTEs, VALUES, PIVOT)
 * whose every table reference is one of `tables` (or a CTE in scope), calling only functions of
 * `callable`. Everything else is refused with the reason: table functions (read_csv, glob,
 * duckdb_settings(), query()), qualified names (another catalogue or schema), time travel,
 * parameters, recursive CTEs, unknown node kinds (a newer DuckDB's additions are refused until
 * they are reviewed).
 */
export type RefusalReason =
  | 'not_a_single_select'
  | 'too_long'
  | 'table_not_allowed'
  | 'qualified_name'
  | 'table_function'
  | 'function_not_allowed'
  | 'recursive_query'
  | 'parameter'
  | 'unsupported_syntax'
  /** The resource is queried through Athena, and the statement uses what its translation does not carry (athena-statement.ts). */
  | 'not_in_athena';

export class SqlRefused extends Error {
  constructor(
    readonly reason: RefusalReason,
    message: string,
  ) {
    super(message);
    this.name = 'SqlRefused';
  }
}

type Node = Record<string, unknown>;

const ALLOWED_QUERY_NODES = new Set(['SELECT_NODE', 'SET_OPERATION_NODE']);
const ALLOWED_TABLE_REFS = new Set(['BASE_TABLE', 'JOIN', 'SUBQUERY', 'EMPTY', 'EXPRESSION_LIST', 'PIVOT']);
const ALLOWED_EXPRESSIONS = new Set([
  'COLUMN_REF',
  'CONSTANT',
  'FUNCTION',
  'COMPARISON',
  'CONJUNCTION',
  'OPERATOR',
  'CASE',
  'CAST',
  'BETWEEN',
  'SUBQUERY',
  'STAR',
  'WINDOW',
  'LAMBDA',
  'LAMBDA_REF',
  'COLLATE',
  'POSITIONAL_REFERENCE',
]);

const shown = (name: string) => JSON.stringify(name);
const isNode = (value: unknown): value is Node => typeof value === 'object' && value !== null && !Array.isArray(value);

export interface TableNames {
  has(lowerCaseName: string): boolean;
  /** Said in refusals: the names the caller may use. */
  described: string[];
}

export interface GuardInput {
  /** The parsed statements (json_serialize_sql's `statements`). */
  statements: unknown[];
  /** Table names the statement may read. */
  tables: TableNames;
  /** Function names it may call, lower-case. */
  callable: ReadonlySet<string>;
}

/** Checks the statement; returns the allowed table names it reads (lower-case), or throws SqlRefused. */
export const guardSelect = ({ statements, tables, callable }: GuardInput): Set<string> => {
  if (statements.length !== 1) {
    throw new SqlRefused('not_a_single_select', `Send exactly one SELECT statement; this text holds ${statements.length}.`);
  }
  const statement = statements[0];
  const used = new Set<string>();

  const tableRef = (ref: Node, scope: ReadonlySet<string>) => {
    const type = String(ref.type);
    if (type === 'TABLE_FUNCTION') {
      const fn = isNode(ref.function) ? String(ref.function.function_name) : 'a function';
      throw new SqlRefused('table_function', `${shown(fn)} is a table function; only the resource's own table may be read (no files, URLs or system tables).`);
    }
    if (type === 'SHOW_REF')
      throw new SqlRefused('unsupported_syntax', 'DESCRIBE, SHOW and SUMMARIZE are not available in read-only SQL; the resource’s schema is at .../schema.');
    if (!ALLOWED_TABLE_REFS.has(type))
      throw new SqlRefused('unsupported_syntax', `${type.toLowerCase().replace(/_/g, ' ')} is not available in read-only SQL.`);
    if (type !== 'BASE_TABLE') return;
    const name = String(ref.table_name);
    if (ref.catalog_name !== '' || ref.schema_name !== '') {
      throw new SqlRefused(
        'qualified_name',
        `Write the table name alone, without a database or schema: ${shown([ref.catalog_name, ref.schema_name, name].filter(Boolean).join('.'))}.`,
      );
    }
    if (ref.at_clause !== null && ref.at_clause !== undefined)
      throw new SqlRefused('unsupported_syntax', 'AT (time travel) is not available in read-only SQL.');
    const lower = name.toLowerCase();
    if (scope.has(lower)) return;
    if (!tables.has(lower)) {
      throw new SqlRefused('table_not_allowed', `${shown(name)} is not a table of this query; read ${tables.described.join(' or ')}.`);
    }
    used.add(lower);
  };

  const expression = (expr: Node) => {
    const kind = String(expr.class);
    if (kind === 'PARAMETER') throw new SqlRefused('parameter', 'Parameters ($1, ?) are not available: write the values in the statement.');
    if (!ALLOWED_EXPRESSIONS.has(kind))
      throw new SqlRefused('unsupported_syntax', `${kind.toLowerCase().replace(/_/g, ' ')} expressions are not available in read-only SQL.`);
    if (kind !== 'FUNCTION' && kind !== 'WINDOW') return;
    const name = String(expr.function_name);
    // DuckDB itself qualifies some calls it writes for syntax ([1, 2] is system.main.list_value); the name decides either way.
    const qualified = !['', 'main', undefined].includes(expr.schema as string) || !['', 'system', undefined].includes(expr.catalog as string);
    if (qualified) throw new SqlRefused('qualified_name', `Call ${shown(name)} without a schema or catalogue.`);
    const lower = name.toLowerCase();
    if (callable.has(lower) || (kind === 'WINDOW' && WINDOW_FUNCTIONS.has(lower))) return;
    throw new SqlRefused(
      'function_not_allowed',
      `${shown(name)} is not a function read-only SQL may call (system, file, setting and table functions are refused).`,
    );
  };

  /** Walks every object of the tree; CTE names are in scope for the node that defines them. */
  const walk = (value: unknown, scope: ReadonlySet<string>): void => {
    if (Array.isArray(value)) {
      for (const item of value) walk(item, scope);
      return;
    }
    if (!isNode(value)) return;
    let inner = scope;
    if ('cte_map' in value) {
      if (!ALLOWED_QUERY_NODES.has(String(value.type))) {
        throw new SqlRefused(
          String(value.type).includes('RECURSIVE') ? 'recursive_query' : 'unsupported_syntax',
          String(value.type).includes('RECURSIVE') ? 'Recursive queries are not available in read-only SQL.' : `${String(value.type)} is not available.`,
        );
      }
      inner = withCtes(value.cte_map, scope);
    } else if ('class' in value) expression(value);
    else if ('sample' in value && 'alias' in value) tableRef(value, scope);
    for (const [key, child] of Object.entries(value)) if (key !== 'cte_map') walk(child, inner);
  };

  /**
   * Each CTE's body sees the names before it, never its own or those after it: DuckDB binds such
   * a name to the catalogue (a non-recursive CTE naming itself, or a later one, reads a real
   * table or view of that name: another version's table, pg_catalog's views), so it must be one
   * of `tables` like any other name.
   */
  const withCtes = (cteMap: unknown, scope: ReadonlySet<string>): ReadonlySet<string> => {
    const entries = isNode(cteMap) && Array.isArray(cteMap.map) ? (cteMap.map as Node[]) : [];
    const names = entries.map((entry) => String(entry.key).toLowerCase());
    const before = new Set(scope);
    for (const entry of entries) {
      const own = String(entry.key).toLowerCase();
      const definition = isNode(entry.value) ? entry.value : {};
      if (
        definition.materialized !== undefined &&
        !['CTE_MATERIALIZE_DEFAULT', 'CTE_MATERIALIZE_ALWAYS', 'CTE_MATERIALIZE_NEVER'].includes(String(definition.materialized))
      ) {
        throw new SqlRefused('unsupported_syntax', 'This form of WITH is not available.');
      }
      if (Array.isArray(definition.key_targets) && definition.key_targets.length > 0)
        throw new SqlRefused('recursive_query', 'Recursive queries are not available in read-only SQL.');
      walk(definition.query, new Set(before));
      before.add(own);
    }
    return new Set([...scope, ...names]);
  };

  if (!isNode(statement) || !isNode(statement.node)) throw new SqlRefused('not_a_single_select', 'Send one SELECT statement.');
  walk(statement.node, new Set());
  return used;
};

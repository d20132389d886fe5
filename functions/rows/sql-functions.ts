/**
 * Which functions a read-only SQL query may call. The list starts from DuckDB's own catalogue
 * (duckdb_functions(): scalar and aggregate functions, so a table function such as read_csv or
 * glob is never callable from an expression) and takes out what would tell a caller about the
 * process rather than the data: settings, variables, sequences, the catalogue, the query text,
 * sleeping. Macros are expanded by DuckDB after the check, so only the ones below (pure list,
 * array and arithmetic helpers) are allowed; the pg_* and has_*_privilege macros read the
 * catalogue.
 */

/** Functions that read the process or the catalogue, change their connection's state, or only waste time. */
const REFUSED = new Set([
  'getenv',
  'getvariable',
  'current_setting',
  'current_query',
  'current_query_id',
  'current_connection_id',
  'current_transaction_id',
  'current_database',
  'current_catalog',
  'current_schema',
  'current_schemas',
  'current_user',
  'current_role',
  'session_user',
  'user',
  'in_search_path',
  'version',
  'nextval',
  'currval',
  'txid_current',
  'sleep_ms',
  'pg_sleep',
  // Sets the connection's random seed, which outlives the statement on a pooled connection (duckdb-engine.ts).
  'setseed',
  // Writes to DuckDB's log: a query must leave nothing behind, even while logging is off.
  'write_log',
  'json_serialize_sql',
  'json_deserialize_sql',
  'json_execute_serialized_sql',
  'parse_duckdb_log_message',
  'get_block_size',
  'stats',
  'error',
]);

/** Families refused by prefix: the PostgreSQL catalogue and privilege helpers, DuckDB's own introspection. */
const REFUSED_PREFIXES = ['pg_', 'has_', 'inet_', 'duckdb_', 'pragma_', 'current_', 'col_description', 'obj_description', 'shobj_description', 'format_'];

/** Built-in macros that only compute on their arguments. */
const PURE_MACROS =
  /^(list_|array_)|^(nullif|split_part|date_add|geomean|geometric_mean|round_even|roundbankers|fmod|fdiv|days_in_month|wavg|weighted_avg|json_group_array|json_group_object|json_group_structure|json)$/;

/** Window-only functions (the aggregates are windowable too). */
export const WINDOW_FUNCTIONS = new Set([
  'row_number',
  'rank',
  'dense_rank',
  'percent_rank',
  'cume_dist',
  'ntile',
  'lag',
  'lead',
  'first_value',
  'last_value',
  'nth_value',
  'first',
  'last',
]);

/** Functions DuckDB's parser produces that its catalogue does not list as scalar or aggregate: pure. */
const SYNTAX_FUNCTIONS = ['unnest', 'struct_pack', 'row', 'grouping', 'grouping_id', 'try', 'list_value', 'array_value', 'map'];

export const isRefusedName = (name: string): boolean => REFUSED.has(name) || REFUSED_PREFIXES.some((prefix) => name.startsWith(prefix));

export interface CatalogueFunction {
  name: string;
  type: string;
}

/** The callable names (lower-case) from DuckDB's function catalogue. */
export const callableFunctions = (catalogue: readonly CatalogueFunction[]): Set<string> => {
  const callable = new Set<string>(SYNTAX_FUNCTIONS);
  for (const { name, type } of catalogue) {
    const lower = name.toLowerCase();
    if (isRefusedName(lower)) continue;
    if (type === 'scalar' || type === 'aggregate' || (type === 'macro' && PURE_MACROS.test(lower))) callable.add(lower);
  }
  return callable;
};

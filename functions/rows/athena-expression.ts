import { SqlRefused } from './sql-guard';

/**
 * Expressions of a checked read-only SQL statement, written in Athena's (Trino's) dialect from
 * DuckDB's syntax tree (json_serialize_sql). Only what means the same in both engines is
 * written; anything else is refused with the reason, never passed through as text. Every
 * identifier and literal is quoted here, from the parsed value, so the text Athena reads holds
 * nothing of the client's own spelling.
 */
type Node = Record<string, unknown>;

export interface ExpressionScope {
  /** A subquery's text, rendered by the statement writer (athena-statement.ts), in parentheses. */
  subquery: (node: Node) => string;
}

export const notInAthena = (what: string): SqlRefused =>
  new SqlRefused(
    'not_in_athena',
    `This resource is large and is queried through Athena, which this statement cannot be carried to: ${what}. Use standard SQL (SELECT, WHERE, GROUP BY, ORDER BY, joins, subqueries, CASE, CAST and common functions).`,
  );

const isNode = (value: unknown): value is Node => typeof value === 'object' && value !== null && !Array.isArray(value);
const nodes = (value: unknown): Node[] => (Array.isArray(value) ? value.filter(isNode) : []);

export const quoteIdentifier = (name: string): string => `"${name.replace(/"/g, '""')}"`;
export const quoteString = (text: string): string => `'${text.replace(/'/g, "''")}'`;

/** Functions with the same name, arguments and meaning in DuckDB and Trino. */
const SAME_FUNCTIONS = new Set([
  'count',
  'sum',
  'avg',
  'min',
  'max',
  'stddev',
  'stddev_samp',
  'stddev_pop',
  'variance',
  'var_samp',
  'var_pop',
  'bool_and',
  'bool_or',
  'abs',
  'ceil',
  'ceiling',
  'floor',
  'round',
  'sqrt',
  'ln',
  'log10',
  'exp',
  'power',
  'pow',
  'sign',
  'lower',
  'upper',
  'length',
  'trim',
  'ltrim',
  'rtrim',
  'replace',
  'substring',
  'substr',
  'strpos',
  'starts_with',
  'nullif',
  'date_trunc',
  'year',
  'quarter',
  'month',
  'week',
  'day',
  'hour',
  'minute',
  'second',
]);

/** DuckDB's names for functions Trino spells differently. */
const RENAMED_FUNCTIONS = new Map([['approx_count_distinct', 'approx_distinct']]);

const WINDOW_ONLY = new Set(['row_number', 'rank', 'dense_rank', 'percent_rank', 'cume_dist', 'ntile', 'lag', 'lead', 'first_value', 'last_value']);

/** date_part / extract fields with the same meaning in both engines. */
const EXTRACT_FIELDS = new Map([
  ['year', 'YEAR'],
  ['quarter', 'QUARTER'],
  ['month', 'MONTH'],
  ['week', 'WEEK'],
  ['day', 'DAY'],
  ['doy', 'DAY_OF_YEAR'],
  ['dayofyear', 'DAY_OF_YEAR'],
  ['hour', 'HOUR'],
  ['minute', 'MINUTE'],
  ['second', 'SECOND'],
]);

const COMPARISONS = new Map([
  ['COMPARE_EQUAL', '='],
  ['COMPARE_NOTEQUAL', '<>'],
  ['COMPARE_LESSTHAN', '<'],
  ['COMPARE_GREATERTHAN', '>'],
  ['COMPARE_LESSTHANOREQUALTO', '<='],
  ['COMPARE_GREATERTHANOREQUALTO', '>='],
  ['COMPARE_DISTINCT_FROM', 'IS DISTINCT FROM'],
  ['COMPARE_NOT_DISTINCT_FROM', 'IS NOT DISTINCT FROM'],
]);

const INTEGER_TYPES = new Set(['TINYINT', 'SMALLINT', 'INTEGER', 'BIGINT']);
const SIMPLE_TYPES = new Map([
  ['BOOLEAN', 'BOOLEAN'],
  ['TINYINT', 'TINYINT'],
  ['SMALLINT', 'SMALLINT'],
  ['INTEGER', 'INTEGER'],
  ['BIGINT', 'BIGINT'],
  ['FLOAT', 'REAL'],
  ['DOUBLE', 'DOUBLE'],
  ['VARCHAR', 'VARCHAR'],
  ['DATE', 'DATE'],
  ['TIMESTAMP', 'TIMESTAMP'],
]);

const typeName = (type: unknown): string => {
  const id = isNode(type) ? String(type.id) : '';
  const simple = SIMPLE_TYPES.get(id);
  if (simple) return simple;
  const info = isNode(type) && isNode(type.type_info) ? type.type_info : undefined;
  if (id === 'DECIMAL' && info && Number.isSafeInteger(info.width) && Number.isSafeInteger(info.scale)) return `DECIMAL(${info.width}, ${info.scale})`;
  throw notInAthena(`the type ${id.toLowerCase() || 'given'}`);
};

const integerText = (value: unknown): string => {
  const text = typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : typeof value === 'string' ? value : '';
  if (!/^-?\d+$/.test(text)) throw notInAthena('a number it cannot read');
  return text;
};

const constant = (node: Node): string => {
  const value = isNode(node.value) ? node.value : {};
  if (value.is_null === true) return 'NULL';
  const id = isNode(value.type) ? String(value.type.id) : '';
  if (INTEGER_TYPES.has(id) || id === 'HUGEINT') return integerText(value.value);
  if (id === 'DECIMAL') {
    const scale = isNode(value.type) && isNode(value.type.type_info) ? Number(value.type.type_info.scale) : Number.NaN;
    const digits = integerText(value.value);
    if (!Number.isSafeInteger(scale) || scale < 0) throw notInAthena('a decimal it cannot read');
    const negative = digits.startsWith('-');
    const padded = (negative ? digits.slice(1) : digits).padStart(scale + 1, '0');
    const text = scale === 0 ? padded : `${padded.slice(0, -scale)}.${padded.slice(-scale)}`;
    return negative ? `-${text}` : text;
  }
  if (id === 'DOUBLE' || id === 'FLOAT') {
    if (typeof value.value !== 'number' || !Number.isFinite(value.value)) throw notInAthena('a number that is not finite');
    return value.value.toExponential();
  }
  if (id === 'VARCHAR' && typeof value.value === 'string') return quoteString(value.value);
  if (id === 'BOOLEAN' && typeof value.value === 'boolean') return value.value ? 'TRUE' : 'FALSE';
  throw notInAthena(`a ${id.toLowerCase() || 'literal'} value`);
};

const NULL_ORDERS = new Map([
  ['ORDER_DEFAULT', 'NULLS LAST'],
  ['NULLS FIRST', 'NULLS FIRST'],
  ['NULLS_FIRST', 'NULLS FIRST'],
  ['NULLS LAST', 'NULLS LAST'],
  ['NULLS_LAST', 'NULLS LAST'],
]);

const orderKeys = (orders: unknown, scope: ExpressionScope): string =>
  nodes(orders)
    .map((order) => {
      const direction = order.type === 'DESCENDING' ? 'DESC' : order.type === 'ASCENDING' || order.type === 'ORDER_DEFAULT' ? 'ASC' : undefined;
      const nulls = NULL_ORDERS.get(String(order.null_order));
      if (!direction || !nulls) throw notInAthena('this ORDER BY');
      // DuckDB puts empty values last in both directions unless told; Trino's default differs for DESC, so it is always written.
      return `${expression(order.expression as Node, scope)} ${direction} ${nulls}`;
    })
    .join(', ');

export const renderOrderBy = orderKeys;

const LIKES = new Map([
  ['~~', 'LIKE'],
  ['!~~', 'NOT LIKE'],
]);

const functionCall = (node: Node, scope: ExpressionScope): string => {
  const name = String(node.function_name).toLowerCase();
  const args = nodes(node.children);
  const all = (): string[] => args.map((arg) => expression(arg, scope));
  if (node.export_state === true || (isNode(node.order_bys) && nodes(node.order_bys.orders).length > 0)) throw notInAthena(`${name} with ORDER BY`);
  if (node.is_operator === true) {
    const [a, b] = all();
    if (args.length === 1 && name === '-') return `(- ${a})`;
    if (args.length === 1 && name === '+') return a;
    if (args.length !== 2) throw notInAthena(`the operator ${name}`);
    if (['+', '-', '*', '%', '||'].includes(name)) return `(${a} ${name} ${b})`;
    // DuckDB's / divides integers as numbers (1 / 2 = 0.5); Trino's would truncate.
    if (name === '/') return `(CAST(${a} AS DOUBLE) / ${b})`;
    const like = LIKES.get(name);
    if (like) return `(${a} ${like} ${b})`;
    if (name === '~~*' || name === '!~~*') return `(lower(${a}) ${name === '~~*' ? 'LIKE' : 'NOT LIKE'} lower(${b}))`;
    throw notInAthena(`the operator ${name}`);
  }
  let call: string;
  if (name === 'count_star' && args.length === 0) call = 'count(*)';
  else if (name === 'date_part' && args.length === 2 && args[0].class === 'CONSTANT') {
    const field = EXTRACT_FIELDS.get(String((args[0].value as Node | undefined)?.value ?? '').toLowerCase());
    if (!field) throw notInAthena(`date_part of ${String((args[0].value as Node | undefined)?.value ?? '')}`);
    call = `extract(${field} FROM ${expression(args[1], scope)})`;
  } else if (SAME_FUNCTIONS.has(name) || RENAMED_FUNCTIONS.has(name)) {
    call = `${RENAMED_FUNCTIONS.get(name) ?? name}(${node.distinct === true ? 'DISTINCT ' : ''}${all().join(', ')})`;
  } else throw notInAthena(`the function ${JSON.stringify(name)}`);
  if (isNode(node.filter)) call += ` FILTER (WHERE ${expression(node.filter, scope)})`;
  return call;
};

/** Window functions over the default frame only (RANGE from the partition's start to the current row, as both engines default). */
const windowCall = (node: Node, scope: ExpressionScope): string => {
  const name = String(node.function_name).toLowerCase();
  const defaultFrame = node.start === 'UNBOUNDED_PRECEDING' && node.end === 'CURRENT_ROW_RANGE' && node.exclude_clause === 'NO_OTHER';
  if (!defaultFrame) throw notInAthena('a window frame other than the default');
  if (node.ignore_nulls === true || node.distinct === true || isNode(node.filter_expr) || nodes(node.arg_orders).length > 0)
    throw notInAthena(`this form of ${name} OVER`);
  const args = nodes(node.children).map((arg) => expression(arg, scope));
  if (isNode(node.offset_expr)) args.push(expression(node.offset_expr, scope));
  if (isNode(node.default_expr)) args.push(expression(node.default_expr, scope));
  let call: string;
  if (name === 'count_star' || (name === 'count' && args.length === 0)) call = 'count(*)';
  else if (WINDOW_ONLY.has(name) || SAME_FUNCTIONS.has(name)) call = `${name}(${args.join(', ')})`;
  else throw notInAthena(`the window function ${JSON.stringify(name)}`);
  const partitions = nodes(node.partitions).map((p) => expression(p, scope));
  const orders = nodes(node.orders);
  const over = [partitions.length > 0 ? `PARTITION BY ${partitions.join(', ')}` : '', orders.length > 0 ? `ORDER BY ${orderKeys(orders, scope)}` : '']
    .filter(Boolean)
    .join(' ');
  return `${call} OVER (${over})`;
};

const cast = (node: Node, scope: ExpressionScope): string => {
  const child = node.child as Node;
  const target = typeName(node.cast_type);
  // DuckDB reads the keywords true and false as casts of 't' and 'f'.
  if (target === 'BOOLEAN' && child.class === 'CONSTANT') {
    const text = (child.value as Node | undefined)?.value;
    if (text === 't' || text === 'f') return text === 't' ? 'TRUE' : 'FALSE';
  }
  return `${node.try_cast === true ? 'TRY_CAST' : 'CAST'}(${expression(child, scope)} AS ${target})`;
};

const subquery = (node: Node, scope: ExpressionScope): string => {
  const inner = scope.subquery((node.subquery as Node).node as Node);
  switch (node.subquery_type) {
    case 'SCALAR':
      return inner;
    case 'EXISTS':
      return `EXISTS ${inner}`;
    case 'NOT_EXISTS':
      return `NOT EXISTS ${inner}`;
    case 'ANY': {
      const op = COMPARISONS.get(String(node.comparison_type));
      if (!op || op.startsWith('IS')) throw notInAthena('this comparison with a subquery');
      const child = expression(node.child as Node, scope);
      return op === '=' ? `(${child} IN ${inner})` : `(${child} ${op} ANY ${inner})`;
    }
    default:
      throw notInAthena(`a ${String(node.subquery_type).toLowerCase()} subquery`);
  }
};

const operator = (node: Node, scope: ExpressionScope): string => {
  const children = nodes(node.children).map((child) => expression(child, scope));
  switch (node.type) {
    case 'OPERATOR_NOT':
      return `(NOT ${children[0]})`;
    case 'OPERATOR_IS_NULL':
      return `(${children[0]} IS NULL)`;
    case 'OPERATOR_IS_NOT_NULL':
      return `(${children[0]} IS NOT NULL)`;
    case 'COMPARE_IN':
    case 'COMPARE_NOT_IN':
      return `(${children[0]} ${node.type === 'COMPARE_IN' ? 'IN' : 'NOT IN'} (${children.slice(1).join(', ')}))`;
    case 'OPERATOR_COALESCE':
      return `coalesce(${children.join(', ')})`;
    default:
      throw notInAthena(`the ${String(node.type).toLowerCase().replace(/_/g, ' ')} operator`);
  }
};

const withAlias = (text: string, node: Node, aliased: boolean): string =>
  aliased && typeof node.alias === 'string' && node.alias !== '' ? `${text} AS ${quoteIdentifier(node.alias)}` : text;

/** One expression; `aliased` writes its AS name (select lists only). */
export const expression = (node: Node, scope: ExpressionScope, aliased = false): string => {
  switch (node.class) {
    case 'COLUMN_REF': {
      const names = Array.isArray(node.column_names) ? node.column_names.map(String) : [];
      if (names.length === 0 || names.length > 2) throw notInAthena('a column named by more than its table and its name');
      return withAlias(names.map(quoteIdentifier).join('.'), node, aliased);
    }
    case 'CONSTANT':
      return withAlias(constant(node), node, aliased);
    case 'STAR': {
      const lists = ['exclude_list', 'replace_list', 'qualified_exclude_list', 'rename_list'].map((key) => node[key]);
      const plain = lists.every((list) => list === undefined || (Array.isArray(list) && list.length === 0)) && node.columns !== true && !isNode(node.expr);
      if (!plain) throw notInAthena('* with EXCLUDE, REPLACE, RENAME or COLUMNS');
      return typeof node.relation_name === 'string' && node.relation_name !== '' ? `${quoteIdentifier(node.relation_name)}.*` : '*';
    }
    case 'FUNCTION':
      return withAlias(functionCall(node, scope), node, aliased);
    case 'WINDOW':
      return withAlias(windowCall(node, scope), node, aliased);
    case 'COMPARISON': {
      const op = COMPARISONS.get(String(node.type));
      if (!op) throw notInAthena('this comparison');
      return withAlias(`(${expression(node.left as Node, scope)} ${op} ${expression(node.right as Node, scope)})`, node, aliased);
    }
    case 'CONJUNCTION': {
      const joiner = node.type === 'CONJUNCTION_AND' ? ' AND ' : node.type === 'CONJUNCTION_OR' ? ' OR ' : undefined;
      if (!joiner) throw notInAthena('this condition');
      return withAlias(
        `(${nodes(node.children)
          .map((child) => expression(child, scope))
          .join(joiner)})`,
        node,
        aliased,
      );
    }
    case 'OPERATOR':
      return withAlias(operator(node, scope), node, aliased);
    case 'CASE': {
      const checks = nodes(node.case_checks).map(
        (check) => `WHEN ${expression(check.when_expr as Node, scope)} THEN ${expression(check.then_expr as Node, scope)}`,
      );
      const otherwise = isNode(node.else_expr) ? ` ELSE ${expression(node.else_expr, scope)}` : '';
      return withAlias(`CASE ${checks.join(' ')}${otherwise} END`, node, aliased);
    }
    case 'CAST':
      return withAlias(cast(node, scope), node, aliased);
    case 'BETWEEN':
      return withAlias(
        `(${expression(node.input as Node, scope)} BETWEEN ${expression(node.lower as Node, scope)} AND ${expression(node.upper as Node, scope)})`,
        node,
        aliased,
      );
    case 'SUBQUERY':
      return withAlias(subquery(node, scope), node, aliased);
    default:
      throw notInAthena(`${String(node.class).toLowerCase().replace(/_/g, ' ')} expressions`);
  }
};

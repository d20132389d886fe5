import { expression, type ExpressionScope, notInAthena, quoteIdentifier, renderOrderBy } from './athena-expression';

/**
 * A checked read-only SQL statement (DuckDB's syntax tree, after sql-guard.ts) written in
 * Athena's (Trino's) dialect, for versions too large for the function's DuckDB. The guard's
 * rules still hold, and the writer adds Trino's own: a WITH query sees only those before it
 * (DuckDB's see those after too, and in Trino such a name would reach the Glue catalogue), so a
 * name must be a WITH query in Trino's scope or one of the statement's tables; every table is
 * a WITH query of exactly one version's columns; what does not mean the same in both engines
 * is refused (athena-expression.ts). Nothing the client wrote is copied as text.
 */
type Node = Record<string, unknown>;

const isNode = (value: unknown): value is Node => typeof value === 'object' && value !== null && !Array.isArray(value);
const nodes = (value: unknown): Node[] => (Array.isArray(value) ? value.filter(isNode) : []);

/** Names a table reference may resolve to: WITH queries in scope (lower-case). */
type Scope = ReadonlySet<string>;

interface Writer {
  /** The statement's tables (lower-case), each defined by the outer WITH. */
  tables: ReadonlySet<string>;
}

const columnAliases = (value: unknown): string => {
  const names = Array.isArray(value) ? value.map(String) : [];
  return names.length > 0 ? `(${names.map(quoteIdentifier).join(', ')})` : '';
};

const alias = (ref: Node): string =>
  typeof ref.alias === 'string' && ref.alias !== '' ? ` AS ${quoteIdentifier(ref.alias)}${columnAliases(ref.column_name_alias)}` : '';

const JOINS = new Map([
  ['INNER', 'JOIN'],
  ['LEFT', 'LEFT JOIN'],
  ['RIGHT', 'RIGHT JOIN'],
  ['OUTER', 'FULL JOIN'],
]);

const integerLimit = (value: unknown, what: string): string => {
  const constant = isNode(value) && value.class === 'CONSTANT' && isNode(value.value) ? value.value.value : undefined;
  if (typeof constant !== 'number' || !Number.isSafeInteger(constant) || constant < 0) throw notInAthena(`${what} that is not a whole number`);
  return String(constant);
};

const scopeFor = (writer: Writer, scope: Scope): ExpressionScope => ({ subquery: (node) => `(${query(writer, node, scope)})` });

const tableRef = (writer: Writer, ref: Node, scope: Scope): string => {
  if (ref.sample !== null && ref.sample !== undefined) throw notInAthena('TABLESAMPLE');
  switch (ref.type) {
    case 'BASE_TABLE': {
      const name = String(ref.table_name);
      if (ref.catalog_name !== '' || ref.schema_name !== '') throw notInAthena('a qualified table name');
      if (ref.at_clause !== null && ref.at_clause !== undefined) throw notInAthena('AT (time travel)');
      const lower = name.toLowerCase();
      if (!scope.has(lower) && !writer.tables.has(lower)) throw notInAthena(`${JSON.stringify(name)}, a WITH query named before it is defined`);
      return `${quoteIdentifier(name)}${alias(ref)}`;
    }
    case 'SUBQUERY':
      return `(${query(writer, (ref.subquery as Node).node as Node, scope)})${alias(ref)}`;
    case 'JOIN': {
      const left = tableRef(writer, ref.left as Node, scope);
      const right = tableRef(writer, ref.right as Node, scope);
      if (ref.ref_type === 'CROSS') return `${left} CROSS JOIN ${right}`;
      const join = JOINS.get(String(ref.join_type));
      if (ref.ref_type !== 'REGULAR' || !join) throw notInAthena(`${String(ref.ref_type).toLowerCase()} ${String(ref.join_type).toLowerCase()} joins`);
      const using = Array.isArray(ref.using_columns) ? ref.using_columns.map(String) : [];
      if (using.length > 0) return `${left} ${join} ${right} USING (${using.map(quoteIdentifier).join(', ')})`;
      if (!isNode(ref.condition)) throw notInAthena('a join without a condition');
      return `${left} ${join} ${right} ON ${expression(ref.condition, scopeFor(writer, scope))}`;
    }
    default:
      throw notInAthena(`${String(ref.type).toLowerCase().replace(/_/g, ' ')} in FROM`);
  }
};

const modifiers = (writer: Writer, node: Node, scope: Scope): { distinct: boolean; tail: string } => {
  let distinct = false;
  let order = '';
  let limit = '';
  for (const modifier of nodes(node.modifiers)) {
    if (modifier.type === 'DISTINCT_MODIFIER') {
      if (nodes(modifier.distinct_on_targets).length > 0) throw notInAthena('DISTINCT ON');
      distinct = true;
    } else if (modifier.type === 'ORDER_MODIFIER') order = ` ORDER BY ${renderOrderBy(modifier.orders, scopeFor(writer, scope))}`;
    else if (modifier.type === 'LIMIT_MODIFIER') {
      // Trino takes OFFSET before LIMIT.
      const offset = isNode(modifier.offset) ? ` OFFSET ${integerLimit(modifier.offset, 'an OFFSET')}` : '';
      limit = `${offset}${isNode(modifier.limit) ? ` LIMIT ${integerLimit(modifier.limit, 'a LIMIT')}` : ''}`;
    } else throw notInAthena(`${String(modifier.type).toLowerCase().replace(/_/g, ' ')}`);
  }
  return { distinct, tail: `${order}${limit}` };
};

const groupBy = (writer: Writer, node: Node, scope: Scope): string => {
  if (node.aggregate_handling !== 'STANDARD_HANDLING') throw notInAthena('GROUP BY ALL (name the columns)');
  const expressions = nodes(node.group_expressions);
  if (expressions.length === 0) return '';
  const sets = Array.isArray(node.group_sets) ? node.group_sets : [];
  const single = sets.length === 1 && Array.isArray(sets[0]) && sets[0].length === expressions.length && sets[0].every((index, i) => index === i);
  if (!single) throw notInAthena('ROLLUP, CUBE or GROUPING SETS');
  return ` GROUP BY ${expressions.map((e) => expression(e, scopeFor(writer, scope))).join(', ')}`;
};

const select = (writer: Writer, node: Node, scope: Scope): string => {
  if (isNode(node.qualify)) throw notInAthena('QUALIFY');
  if (isNode(node.sample)) throw notInAthena('USING SAMPLE');
  const { distinct, tail } = modifiers(writer, node, scope);
  const expressions = scopeFor(writer, scope);
  const list = nodes(node.select_list).map((item) => expression(item, expressions, true));
  const from = isNode(node.from_table) && node.from_table.type !== 'EMPTY' ? ` FROM ${tableRef(writer, node.from_table, scope)}` : '';
  const where = isNode(node.where_clause) ? ` WHERE ${expression(node.where_clause, expressions)}` : '';
  const having = isNode(node.having) ? ` HAVING ${expression(node.having, expressions)}` : '';
  return `SELECT ${distinct ? 'DISTINCT ' : ''}${list.join(', ')}${from}${where}${groupBy(writer, node, scope)}${having}${tail}`;
};

const SET_OPERATIONS = new Map([
  ['UNION', 'UNION'],
  ['EXCEPT', 'EXCEPT'],
  ['INTERSECT', 'INTERSECT'],
]);

/** A set operation's operand: Trino does not take a WITH there. */
const operand = (writer: Writer, node: Node, scope: Scope): string => {
  if (isNode(node.cte_map) && nodes(node.cte_map.map).length > 0) throw notInAthena('WITH inside a UNION, EXCEPT or INTERSECT');
  return `(${query(writer, node, scope)})`;
};

const setOperation = (writer: Writer, node: Node, scope: Scope): string => {
  const op = SET_OPERATIONS.get(String(node.setop_type));
  if (!op) throw notInAthena(String(node.setop_type).toLowerCase().replace(/_/g, ' '));
  const children = isNode(node.left) && isNode(node.right) ? [node.left, node.right] : nodes(node.children);
  if (children.length < 2) throw notInAthena('this set operation');
  const { distinct, tail } = modifiers(writer, node, scope);
  if (distinct) throw notInAthena('DISTINCT on a set operation');
  return `${children.map((child) => operand(writer, child, scope)).join(` ${op}${node.setop_all === true ? ' ALL' : ''} `)}${tail}`;
};

/** WITH queries in Trino's scope: each sees the outer ones and those before it; a name defined later is refused where used. */
const withClause = (writer: Writer, node: Node, scope: Scope): { text: string; scope: Scope } => {
  const entries = isNode(node.cte_map) ? nodes(node.cte_map.map) : [];
  if (entries.length === 0) return { text: '', scope };
  const seen = new Set(scope);
  const parts: string[] = [];
  for (const entry of entries) {
    const name = String(entry.key);
    const definition = isNode(entry.value) ? entry.value : {};
    if (definition.materialized !== 'CTE_MATERIALIZE_DEFAULT') throw notInAthena('MATERIALIZED');
    if (nodes(definition.key_targets).length > 0) throw notInAthena('USING KEY');
    const body = query(writer, (definition.query as Node).node as Node, new Set(seen));
    parts.push(`${quoteIdentifier(name)}${columnAliases(definition.aliases)} AS (${body})`);
    seen.add(name.toLowerCase());
  }
  return { text: `WITH ${parts.join(', ')} `, scope: seen };
};

const query = (writer: Writer, node: Node, outer: Scope): string => {
  const { text, scope } = withClause(writer, node, outer);
  if (node.type === 'SELECT_NODE') return `${text}${select(writer, node, scope)}`;
  if (node.type === 'SET_OPERATION_NODE') return `${text}${setOperation(writer, node, scope)}`;
  throw notInAthena(`${String(node.type).toLowerCase().replace(/_/g, ' ')}`);
};

export interface AthenaTableDefinition {
  /** The name the statement uses (the resource's name, or its id for CKAN). */
  name: string;
  /** The version's Glue table, qualified and quoted. */
  relation: string;
  /** Its columns: the Glue name, then the name the statement uses. */
  columns: Array<{ glue: string; name: string }>;
}

/**
 * The statement as Athena runs it: each table a WITH query over one version's Glue table (its
 * row number as `_id`, its columns under the names clients use), the statement as a subquery,
 * and at most `maxRows` rows.
 */
export const athenaStatement = (statement: unknown, tables: readonly AthenaTableDefinition[], maxRows: number): string => {
  const root = isNode(statement) && isNode(statement.node) ? statement.node : undefined;
  if (!root) throw notInAthena('an empty statement');
  const writer: Writer = { tables: new Set(tables.map((t) => t.name.toLowerCase())) };
  const definitions = tables.map(
    (table) =>
      `${quoteIdentifier(table.name)} AS (SELECT ${table.columns.map((c) => `${quoteIdentifier(c.glue)} AS ${quoteIdentifier(c.name)}`).join(', ')} FROM ${table.relation})`,
  );
  const body = query(writer, root, new Set());
  if (!Number.isSafeInteger(maxRows) || maxRows < 1) throw new Error(`not a row cap: ${maxRows}`);
  return `${definitions.length > 0 ? `WITH ${definitions.join(', ')} ` : ''}SELECT * FROM (${body}) AS "sql_result" LIMIT ${maxRows}`;
};

import { parseSync } from '@swc/core';

/**
 * Finds places where a computed key reads or writes a plain object used as a table: a variable
 * initialised with an object literal, or declared as a `Record<…>` or index-signature type.
 * A plain object inherits `constructor`, `__proto__`, `toString`…, so `TABLE[userInput]` finds
 * things nobody put there (and writing `__proto__` replaces the prototype). A lookup passes when
 * its key is a literal, or when it is guarded by `Object.hasOwn(TABLE, key)` (or by
 * `key in TABLE` on a null-prototype literal) in the condition it sits under, or in an earlier
 * `if (!Object.hasOwn(TABLE, key)) return/throw` of the same block. Anything else is reported:
 * use a Map, or guard it.
 *
 * Syntax only (no types: the TypeScript here has no JS API), so the allow-list in the guard test
 * holds the tables whose keys come from the exchange's own closed unions, never from a request.
 */
export interface Lookup {
  file: string;
  line: number;
  table: string;
  code: string;
}

type Node = { type: string; span?: { start: number; end: number }; [key: string]: unknown };

const isNode = (value: unknown): value is Node => typeof value === 'object' && value !== null && typeof (value as Node).type === 'string';

const children = (node: Node): Node[] => {
  const found: Node[] = [];
  for (const [key, value] of Object.entries(node)) {
    if (key === 'span' || key === 'ctxt') continue;
    if (isNode(value)) found.push(value);
    else if (Array.isArray(value)) {
      for (const item of value) {
        if (isNode(item)) found.push(item);
        // Call arguments and spread elements are wrapped as { spread, expression }.
        else if (typeof item === 'object' && item !== null && isNode((item as { expression?: unknown }).expression))
          found.push((item as { expression: Node }).expression);
      }
    } else if (typeof value === 'object' && value !== null && isNode((value as { expression?: unknown }).expression)) {
      found.push((value as { expression: Node }).expression);
    }
  }
  return found;
};

/** The node without positions, for comparing two expressions written the same way. */
const shape = (node: unknown): string => JSON.stringify(node, (key, value) => (key === 'span' || key === 'ctxt' ? undefined : value));

const unwrap = (node: Node | undefined): Node | undefined => {
  let current = node;
  while (
    current &&
    ['TsAsExpression', 'TsConstAssertion', 'TsSatisfiesExpression', 'ParenthesisExpression', 'TsTypeAssertion', 'TsNonNullExpression'].includes(current.type)
  ) {
    current = current.expression as Node;
  }
  return current;
};

const isNullPrototypeLiteral = (literal: Node): boolean =>
  (literal.properties as Node[]).some((p) => {
    if (p.type !== 'KeyValueProperty') return false;
    const key = p.key as Node;
    const name = key.type === 'Identifier' ? key.value : key.type === 'StringLiteral' ? key.value : undefined;
    return name === '__proto__' && (p.value as Node).type === 'NullLiteral';
  });

const isTableType = (annotation: Node | undefined, aliases: Set<string>): boolean => {
  const type = annotation?.type === 'TsTypeAnnotation' ? (annotation.typeAnnotation as Node) : annotation;
  if (!type) return false;
  if (type.type === 'TsTypeLiteral') return (type.members as Node[]).some((m) => m.type === 'TsIndexSignature');
  if (type.type === 'TsTypeReference') {
    const name = (type.typeName as Node).type === 'Identifier' ? ((type.typeName as Node).value as string) : undefined;
    return name === 'Record' || (name !== undefined && aliases.has(name));
  }
  return false;
};

const isConstantKey = (key: Node): boolean => {
  const k = unwrap(key)!;
  return k.type === 'StringLiteral' || k.type === 'NumericLiteral' || (k.type === 'TemplateLiteral' && (k.expressions as Node[]).length === 0);
};

const isHasOwnOf = (node: Node, table: string, key: Node): boolean => {
  if (node.type !== 'CallExpression') return false;
  const callee = node.callee as Node;
  if (callee.type !== 'MemberExpression') return false;
  const [object, property] = [callee.object as Node, callee.property as Node];
  if (object.type !== 'Identifier' || object.value !== 'Object' || property.type !== 'Identifier' || property.value !== 'hasOwn') return false;
  const args = (node.arguments as Array<{ expression: Node }>).map((a) => unwrap(a.expression)!);
  return args.length === 2 && args[0].type === 'Identifier' && args[0].value === table && shape(args[1]) === shape(unwrap(key));
};

const isInOf = (node: Node, table: string, key: Node): boolean =>
  node.type === 'BinaryExpression' &&
  node.operator === 'in' &&
  (node.right as Node).type === 'Identifier' &&
  (node.right as Node).value === table &&
  shape(unwrap(node.left as Node)) === shape(unwrap(key));

const contains = (root: Node, test: (node: Node) => boolean): boolean => test(root) || children(root).some((child) => contains(child, test));

/** A statement that leaves the block: return, throw, continue or break (alone or as a block's last statement). */
const exits = (statement: Node): boolean => {
  if (['ReturnStatement', 'ThrowStatement', 'ContinueStatement', 'BreakStatement'].includes(statement.type)) return true;
  if (statement.type === 'BlockStatement' || statement.type === 'FunctionBody') {
    const body = statement.stmts as Node[];
    return body.length > 0 && exits(body[body.length - 1]);
  }
  return false;
};

const parse = (source: string, file: string) => parseSync(source, { syntax: 'typescript', tsx: file.endsWith('.tsx') }) as unknown as Node;

/** Names of the tables a file exports (`export const NAME = {…}`), which other files may import and index. */
export const exportedTables = (source: string, file: string): string[] =>
  (parse(source, file).body as Node[]).flatMap((statement) => {
    if (statement.type !== 'ExportDeclaration' || (statement.declaration as Node).type !== 'VariableDeclaration') return [];
    return ((statement.declaration as Node).declarations as Node[]).flatMap((declarator) => {
      const id = declarator.id as Node;
      const init = unwrap(declarator.init as Node | undefined);
      return id.type === 'Identifier' && (init?.type === 'ObjectExpression' || isTableType(id.typeAnnotation as Node | undefined, new Set()))
        ? [id.value as string]
        : [];
    });
  });

/**
 * The unguarded computed lookups of `source`: on tables it declares, and on `importedTables`
 * (names other files export as tables) when it imports them.
 */
export const findPlainObjectLookups = (source: string, file: string, importedTables: ReadonlySet<string> = new Set()): Lookup[] => {
  const module = parse(source, file);
  const bytes = Buffer.from(source, 'utf8');
  // swc's positions are 1-based byte offsets into this source.
  const textOf = (node: Node) => bytes.subarray(node.span!.start - 1, node.span!.end - 1).toString('utf8');
  const lineOf = (node: Node) =>
    bytes
      .subarray(0, node.span!.start - 1)
      .toString('utf8')
      .split('\n').length;

  // Type aliases of this file that are tables (type Params = Record<string, unknown>).
  const aliases = new Set<string>();
  const collectAliases = (node: Node) => {
    if (node.type === 'TsTypeAliasDeclaration' && isTableType(node.typeAnnotation as Node, aliases)) aliases.add((node.id as Node).value as string);
    children(node).forEach(collectAliases);
  };
  collectAliases(module);

  const tables = new Map<string, { nullPrototype: boolean }>();
  const collectTables = (node: Node) => {
    if (node.type === 'VariableDeclarator' && (node.id as Node).type === 'Identifier') {
      const id = node.id as Node;
      const init = unwrap(node.init as Node | undefined);
      const literal = init?.type === 'ObjectExpression' ? init : undefined;
      if (literal || isTableType(id.typeAnnotation as Node | undefined, aliases)) {
        tables.set(id.value as string, { nullPrototype: literal !== undefined && isNullPrototypeLiteral(literal) });
      }
    }
    children(node).forEach(collectTables);
  };
  collectTables(module);
  for (const statement of module.body as Node[]) {
    if (statement.type !== 'ImportDeclaration') continue;
    for (const specifier of statement.specifiers as Node[]) {
      const local = (specifier.local as Node).value as string;
      if (importedTables.has(local) && !tables.has(local)) tables.set(local, { nullPrototype: false });
    }
  }

  const found: Lookup[] = [];
  const guarded = (ancestors: Node[], table: string, key: Node, nullPrototype: boolean): boolean => {
    const isGuard = (n: Node) => isHasOwnOf(n, table, key) || (nullPrototype && isInOf(n, table, key));
    const isNegatedGuard = (n: Node) => n.type === 'UnaryExpression' && n.operator === '!' && isGuard(unwrap(n.argument as Node)!);
    for (let i = ancestors.length - 1; i > 0; i--) {
      const [parent, child] = [ancestors[i - 1], ancestors[i]];
      if ((parent.type === 'ConditionalExpression' || parent.type === 'IfStatement') && parent.consequent === child && contains(parent.test as Node, isGuard))
        return true;
      if (parent.type === 'BinaryExpression' && parent.operator === '&&' && parent.right === child && contains(parent.left as Node, isGuard)) return true;
      if (parent.type === 'BlockStatement' || parent.type === 'FunctionBody' || parent.type === 'Module') {
        const body = ((parent.type === 'Module' ? parent.body : parent.stmts) as Node[]) ?? [];
        const before = body.slice(0, body.indexOf(child));
        if (before.some((s) => s.type === 'IfStatement' && !s.alternate && isNegatedGuard(unwrap(s.test as Node)!) && exits(s.consequent as Node))) return true;
      }
      if (['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression'].includes(parent.type)) return false;
    }
    return false;
  };

  const visit = (node: Node, ancestors: Node[]) => {
    if (node.type === 'MemberExpression' && (node.property as Node).type === 'Computed') {
      const object = unwrap(node.object as Node)!;
      const key = (node.property as Node).expression as Node;
      const table = object.type === 'Identifier' ? tables.get(object.value as string) : undefined;
      if (table && !isConstantKey(key) && !guarded([...ancestors, node], object.value as string, key, table.nullPrototype)) {
        found.push({ file, line: lineOf(node), table: object.value as string, code: textOf(node) });
      }
    }
    for (const child of children(node)) visit(child, [...ancestors, node]);
  };
  visit(module, []);
  return found;
};

import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { parseFileSync } from '@swc/core';

/**
 * Finds import cycles among a tree of TypeScript files. madge, dpdm and dependency-cruiser read
 * TypeScript through TypeScript's JS API (gone in TypeScript 7) or cannot parse .tsx, so this
 * parses with @swc/core (already the test transpiler) and follows the project's relative imports.
 *
 * Every import counts, `import type` included: a type-only cycle costs nothing at run time, but
 * it still ties the modules into one unit that cannot be understood or moved apart.
 */

export interface ImportEdge {
  readonly to: string;
  readonly typeOnly: boolean;
}

const SOURCE = /\.tsx?$/;
const EXTENSIONS = ['.ts', '.tsx', '/index.ts', '/index.tsx'];

const sourceFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(path);
    return SOURCE.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });

/** A data file (JSON, SQL...) imports nothing, so it cannot be part of a cycle. */
const DATA_FILE = /\.(json|sql|txt|css|html|svg)$/;

/** The file a relative specifier names, as Node with TypeScript resolves it; throws if none, so no import is silently dropped. */
const resolveRelative = (from: string, specifier: string): string => {
  const base = resolve(dirname(from), specifier);
  const candidates = [base, ...EXTENSIONS.map((ext) => base + ext), base.replace(/\.js$/, '.ts'), base.replace(/\.js$/, '.tsx')];
  const found = candidates.find((path) => SOURCE.test(path) && existsSync(path) && statSync(path).isFile());
  if (!found) throw new Error(`${from}: cannot resolve import '${specifier}'`);
  return found;
};

type Node = { readonly [key: string]: unknown };
const isNode = (value: unknown): value is Node => typeof value === 'object' && value !== null;
const literal = (value: unknown): string | undefined =>
  isNode(value) && value.type === 'StringLiteral' && typeof value.value === 'string' ? value.value : undefined;

/** Static imports, re-exports, `import()` and `require()` anywhere in the file, each with whether it is type-only. */
const specifiersOf = (file: string): { specifier: string; typeOnly: boolean }[] => {
  const ast = parseFileSync(file, { syntax: 'typescript', tsx: file.endsWith('.tsx'), decorators: true, dynamicImport: true });
  const found: { specifier: string; typeOnly: boolean }[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!isNode(node)) return;
    const source = literal(node.source);
    if (source && (node.type === 'ImportDeclaration' || node.type === 'ExportNamedDeclaration' || node.type === 'ExportAllDeclaration')) {
      const specifiers = Array.isArray(node.specifiers) ? node.specifiers.filter(isNode) : [];
      const allTypes = specifiers.length > 0 && specifiers.every((s) => s.isTypeOnly === true);
      found.push({ specifier: source, typeOnly: node.typeOnly === true || allTypes });
    }
    if (node.type === 'CallExpression' && isNode(node.callee) && Array.isArray(node.arguments)) {
      const callee = node.callee;
      const isLoad = callee.type === 'Import' || (callee.type === 'Identifier' && callee.value === 'require');
      const first = node.arguments[0];
      const target = isNode(first) ? literal(first.expression) : undefined;
      if (isLoad && target) found.push({ specifier: target, typeOnly: false });
    }
    for (const value of Object.values(node)) if (typeof value === 'object') visit(value);
  };
  visit(ast.body);
  return found;
};

/** The import graph of every .ts/.tsx file under the given directories, keyed by path relative to `root`. */
export const importGraph = (root: string, dirs: readonly string[]): Map<string, ImportEdge[]> => {
  const graph = new Map<string, ImportEdge[]>();
  for (const file of dirs.flatMap((dir) => sourceFiles(resolve(root, dir)))) {
    const edges = specifiersOf(file)
      .filter(({ specifier }) => specifier.startsWith('.') && !DATA_FILE.test(specifier))
      .map(({ specifier, typeOnly }) => ({ to: relative(root, resolveRelative(file, specifier)), typeOnly }));
    graph.set(relative(root, file), edges);
  }
  return graph;
};

/** Groups of files that import each other, directly or through others (Tarjan's strongly connected components). */
const cyclicGroups = (graph: Map<string, ImportEdge[]>): string[][] => {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  const visit = (file: string): void => {
    index.set(file, index.size);
    low.set(file, index.get(file)!);
    stack.push(file);
    onStack.add(file);
    for (const { to } of graph.get(file) ?? []) {
      if (!index.has(to)) {
        visit(to);
        low.set(file, Math.min(low.get(file)!, low.get(to)!));
      } else if (onStack.has(to)) low.set(file, Math.min(low.get(file)!, index.get(to)!));
    }
    if (low.get(file) !== index.get(file)) return;
    const group: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      group.push(member);
    } while (member !== file);
    const selfImport = (graph.get(file) ?? []).some(({ to }) => to === file);
    if (group.length > 1 || selfImport) groups.push(group.sort());
  };
  for (const file of graph.keys()) if (!index.has(file)) visit(file);
  return groups;
};

/** One shortest cycle through `start` inside its group, written `a.ts -> b.ts -(type)-> a.ts`. */
const describeCycle = (graph: Map<string, ImportEdge[]>, group: string[]): string => {
  const members = new Set(group);
  const start = group[0];
  const cameFrom = new Map<string, { from: string; typeOnly: boolean }>();
  const queue = [start];
  while (queue.length > 0) {
    const file = queue.shift()!;
    for (const { to, typeOnly } of graph.get(file) ?? []) {
      if (!members.has(to) || cameFrom.has(to)) continue;
      cameFrom.set(to, { from: file, typeOnly });
      if (to === start) queue.length = 0;
      else queue.push(to);
    }
  }
  const steps: string[] = [start];
  for (let at = start; ; ) {
    const step = cameFrom.get(at)!;
    steps.unshift(step.from, step.typeOnly ? '-(type)->' : '->');
    at = step.from;
    if (at === start) break;
  }
  const groupNote = group.length > 2 ? ` (group: ${group.join(', ')})` : '';
  return steps.join(' ') + groupNote;
};

/** Every import cycle under `dirs`, one description per group of files caught in one. */
export const findImportCycles = (root: string, dirs: readonly string[]): string[] => {
  const graph = importGraph(root, dirs);
  return cyclicGroups(graph).map((group) => describeCycle(graph, group));
};

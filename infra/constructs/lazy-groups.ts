import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { build, type BuildOptions, type Metafile, type Plugin } from 'esbuild';
import { sharedModulesKey } from '../../functions/api/shared-modules';
import { repoRoot } from '../paths';

/**
 * Groups of the project's own modules the API function requires on the first request that needs
 * them (a `require(specifier)` from `importer`), built into a file of their own beside the
 * function's bundle (`<specifier>.js`), as infra/constructs/lazy-packages.ts does for packages.
 * A module left in the bundle costs every cold start its compile time even when a lazy `require`
 * defers running it, and esbuild wraps whatever such a module imports, so its share of the
 * bundle would be parsed twice; out of the bundle it costs nothing until asked for.
 *
 * The group's file must not hold second copies of modules the bundle holds (a second error class,
 * search index or log context): each one it imports is a stand-in handing over the bundle's own
 * instance, from the list the bundle registers (functions/api/shared-modules.ts), generated into
 * SHARED_MODULES_FILE by `npx tsx infra/generate-shared-modules.ts`. Building a group fails if that
 * list misses a module both hold. Packages are not shared: the group holds its own copy of those it
 * imports directly (hono for its router and JSX), as a worker's bundle does.
 */
export interface LazyGroup {
  readonly name: string;
  /** What `importer` requires, and the group's file beside the bundle (`./web-pages` -> web-pages.js). */
  readonly specifier: string;
  readonly entry: string;
  readonly importer: string;
}

export const apiLazyGroups: readonly LazyGroup[] = [
  // The web catalogue and publisher pages and the API reference's page, on the first request for one (functions/api/app.ts, routes/api-docs.ts).
  { name: 'web-pages', specifier: './web-pages', entry: 'functions/api/web-pages.ts', importer: 'functions/api/web-pages-loader.ts' },
  // The ingest core, when a standard first checks a file (functions/standards/ingest-core.ts).
  { name: 'ingest-core', specifier: './ingest-core-group', entry: 'functions/standards/ingest-core-group.ts', importer: 'functions/standards/ingest-core.ts' },
];

export const API_ENTRY = 'functions/api/handler.ts';
export const SHARED_MODULES_FILE = 'functions/api/shared-modules.generated.ts';

/** The project's own files (sources, schemas), as a metafile names them: only these are shared. */
const isProjectFile = (input: string): boolean => !input.split('/').includes('node_modules') && !input.includes(':');

/** A metafile's input path relative to the repository root (esbuild writes them relative to its working directory). */
const fromRoot = (input: string, workingDir: string): string => path.relative(repoRoot, path.resolve(workingDir, input)).split(path.sep).join('/');

/** The bundle's modules run at load: reached from the entry by imports (and by any require inside a package). */
const loadedAtInit = (metafile: Metafile, entry: string): Set<string> => {
  const reached = new Set([entry]);
  const queue = [entry];
  for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
    for (const imported of metafile.inputs[file]?.imports ?? []) {
      if (imported.external || reached.has(imported.path)) continue;
      if (imported.kind !== 'import-statement' && !file.includes('node_modules/')) continue;
      reached.add(imported.path);
      queue.push(imported.path);
    }
  }
  return reached;
};

const importPath = (file: string): string => {
  const relative = path.posix.relative(path.posix.dirname(SHARED_MODULES_FILE), file);
  const withoutTs = relative.replace(/\.tsx?$/, '');
  return withoutTs.startsWith('.') ? withoutTs : `./${withoutTs}`;
};

/**
 * The source of SHARED_MODULES_FILE: every project module both the API's bundle and one of its
 * groups hold. One the bundle runs at load is imported (it is loaded anyway); one it requires on
 * first use is required when a group first asks for it, so sharing it loads nothing early.
 */
export const sharedModulesSource = async (options: { external: readonly string[] }): Promise<string> => {
  const common: BuildOptions = {
    bundle: true,
    platform: 'node',
    format: 'cjs',
    write: false,
    metafile: true,
    logLevel: 'silent',
    absWorkingDir: repoRoot,
    external: [...options.external, ...apiLazyGroups.map((group) => group.specifier)],
  };
  // Built without the current list, so a stale one (a module gone) does not stop its own regeneration.
  const withoutList: Plugin = {
    name: 'without-shared-list',
    setup(b) {
      b.onLoad({ filter: /shared-modules\.generated\.ts$/ }, () => ({ contents: 'export const sharedModules = new Map();', loader: 'ts' }));
    },
  };
  const main = (await build({ ...common, entryPoints: [API_ENTRY], plugins: [withoutList] })).metafile!;
  const atInit = loadedAtInit(main, API_ENTRY);
  const shared = new Set<string>();
  for (const group of apiLazyGroups) {
    const built = (await build({ ...common, entryPoints: [group.entry] })).metafile!;
    for (const input of Object.keys(built.inputs)) if (isProjectFile(input) && Object.hasOwn(main.inputs, input)) shared.add(input);
  }
  const names = [...shared].sort();
  const imported = names.filter((name) => atInit.has(name));
  const lines = [
    '// Generated by `npx tsx infra/generate-shared-modules.ts` (infra/constructs/lazy-groups.ts): the project modules the API',
    "// function's bundle shares with its lazily loaded groups. Do not edit; a test checks it is current.",
    ...imported.map((name, i) => `import * as m${i} from '${importPath(name)}';`),
    '',
    'export const sharedModules: ReadonlyMap<string, () => unknown> = new Map<string, () => unknown>([',
    ...names.map((name) => {
      const i = imported.indexOf(name);
      return i >= 0 ? `  ['${name}', () => m${i}],` : `  ['${name}', () => require('${importPath(name)}')],`;
    }),
    ']);',
    '',
  ];
  return lines.join('\n');
};

/** The names SHARED_MODULES_FILE lists. */
export const listedSharedModules = (): Set<string> =>
  new Set([...readFileSync(path.join(repoRoot, SHARED_MODULES_FILE), 'utf8').matchAll(/^ {2}\['([^']+)', \(\) =>/gm)].map((match) => match[1]));

/**
 * The export names of each listed module (esbuild's view: types are gone, a JSON file exports `default` and its
 * top-level keys). A module exporting a `let` or `var` is refused: its stand-in holds the value it had when the
 * group was loaded, which is the binding itself only for constants, functions and classes.
 */
const exportsOf = async (files: readonly string[]): Promise<Map<string, string[]>> => {
  const mutable = files.filter((file) => !file.endsWith('.json') && /^export (let|var) /m.test(readFileSync(path.join(repoRoot, file), 'utf8')));
  if (mutable.length > 0) throw new Error(`shared modules must not export a let or var (a group would keep its first value): ${mutable.join(', ')}`);
  const built = await build({
    entryPoints: files.map((file) => path.join(repoRoot, file)),
    outdir: path.join(repoRoot, '.exports-of'),
    outbase: repoRoot,
    bundle: false,
    format: 'esm',
    platform: 'node',
    write: false,
    metafile: true,
    absWorkingDir: repoRoot,
    logLevel: 'silent',
  });
  const names = new Map<string, string[]>();
  for (const output of Object.values(built.metafile!.outputs)) if (output.entryPoint) names.set(fromRoot(output.entryPoint, repoRoot), output.exports);
  return names;
};

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/**
 * The stand-in for a shared module in a group's file: an ES module whose exports are the bundle's instance's, taken
 * once when the group is loaded. The group's code then reads them as its own variables, with no getter between.
 */
const standInSource = (name: string, exported: readonly string[]): string => {
  const locals = exported.map((exportName, i) => ({ exportName, local: `e${i}` }));
  return [
    `const load = globalThis[Symbol.for(${JSON.stringify(sharedModulesKey)})]?.get(${JSON.stringify(name)});`,
    `if (!load) throw new Error(${JSON.stringify(`${name} is not shared by the function's bundle`)});`,
    'const shared = load();',
    ...locals.map(({ exportName, local }) => `const ${local} = shared[${JSON.stringify(exportName)}];`),
    `export { ${locals.map(({ exportName, local }) => `${local} as ${IDENTIFIER.test(exportName) ? exportName : JSON.stringify(exportName)}`).join(', ')} };`,
    '',
  ].join('\n');
};

/** What is wrong with the bundle's side of the split: a group's entry inlined, or its name required from elsewhere. */
export const lazyGroupProblems = (metafile: Metafile): string[] =>
  apiLazyGroups.flatMap((group) => [
    ...(Object.hasOwn(metafile.inputs, group.entry) ? [`${group.entry} inlined`] : []),
    ...Object.entries(metafile.inputs).flatMap(([importer, input]) =>
      input.imports.filter((imported) => imported.path === group.specifier && importer !== group.importer).map(() => `${importer} requires ${group.specifier}`),
    ),
  ]);

/**
 * Builds each group into `<specifier>.js` (minified CommonJS with its source map, as the bundle)
 * beside the function's bundle, whose metafile (`bundleMetafile`, paths relative to
 * `bundleWorkingDir`) says which modules it holds: those come from the bundle through stand-ins.
 */
export const buildLazyGroups = async (
  bundleDir: string,
  bundleMetafile: Metafile,
  bundleWorkingDir: string,
  options: { target: string; external: readonly string[] },
): Promise<void> => {
  const inBundle = new Set(Object.keys(bundleMetafile.inputs).map((input) => fromRoot(input, bundleWorkingDir)));
  const listed = listedSharedModules();
  const exported = await exportsOf([...listed].filter((file) => inBundle.has(file)));
  // A module two groups hold would be two instances: it must be in the bundle (and shared) instead.
  const heldBy = new Map<string, string>();
  const problems: string[] = [];
  for (const group of apiLazyGroups) {
    const unshared = new Set<string>();
    const sharing: Plugin = {
      name: 'shared-modules',
      setup(b) {
        b.onResolve({ filter: /.*/ }, async (args) => {
          if (args.kind === 'entry-point' || args.pluginData === 'resolving') return undefined;
          const resolved = await b.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: 'resolving' });
          if (resolved.errors.length > 0 || resolved.external || !path.isAbsolute(resolved.path)) return undefined;
          const file = fromRoot(resolved.path, repoRoot);
          if (!isProjectFile(file)) return undefined;
          if (!inBundle.has(file)) {
            const holder = heldBy.get(file);
            if (holder !== undefined && holder !== group.name) problems.push(`${file} is in both the ${holder} and ${group.name} groups`);
            heldBy.set(file, group.name);
            return undefined;
          }
          if (listed.has(file)) return { path: file, namespace: 'shared-module' };
          unshared.add(file);
          return undefined;
        });
        b.onLoad({ filter: /.*/, namespace: 'shared-module' }, (args) => ({ contents: standInSource(args.path, exported.get(args.path) ?? []), loader: 'js' }));
      },
    };
    await build({
      entryPoints: [path.join(repoRoot, group.entry)],
      outfile: path.join(bundleDir, `${path.posix.basename(group.specifier)}.js`),
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: options.target,
      minify: true,
      sourcemap: true,
      sourcesContent: false,
      external: [...options.external, ...apiLazyGroups.map((other) => other.specifier)],
      absWorkingDir: repoRoot,
      logLevel: 'error',
      plugins: [sharing],
    });
    if (unshared.size > 0) {
      problems.push(
        `the ${group.name} group and the function's bundle both hold ${[...unshared].join(', ')}: run \`npx tsx infra/generate-shared-modules.ts\` to share them`,
      );
    }
  }
  if (problems.length > 0) throw new Error(`the API's lazy groups are not whole: ${[...new Set(problems)].join('; ')}`);
};

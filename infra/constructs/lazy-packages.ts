import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { build, type Metafile } from 'esbuild';
import { repoRoot } from '../paths';
import { apiLazyGroups } from './lazy-groups';

/**
 * Packages the API function requires only in the requests that use them (a `require` on first
 * use in functions/): RDF serialisation and parsing, the ajv validators, the Athena and Glue
 * clients, the map libraries and the ingest core's parsers. Left in the function's one bundle,
 * Node would still read and compile them (more than half of the bundle) at every cold start, as
 * V8 must parse a file before running any of it. So each group is bundled into a file of its
 * own beside the function's bundle and is read only when one of its packages is first required.
 *
 * A group holds packages that share code (ajv-formats extends ajv's own classes; the RDF
 * libraries share streams and term factories), so that one copy serves them all. `specifiers`
 * are exactly the module names functions/ requires at run time: anything else from these
 * packages would be bundled again into the main file, which lazySplitProblems reports.
 */
export interface LazyPackageGroup {
  readonly name: string;
  readonly specifiers: readonly string[];
  /**
   * Bundled from the packages' ES module builds (`module` before `main`, for packages without an
   * `exports` map). For the AWS SDK: from its ES modules esbuild keeps only the commands and
   * protocols the exchange uses, where the CommonJS index brings them all. Only where every package
   * is used through named exports: a package `require`d for its CommonJS default (proj4's function)
   * would be handed its ES module namespace instead. @default false
   */
  readonly esModulesFirst?: boolean;
}

export const apiLazyPackages: readonly LazyPackageGroup[] = [
  { name: 'rdf', specifiers: ['jsonld', 'n3', 'rdfxml-streaming-parser', '@graphy/content.xml.scribe'] },
  { name: 'ajv', specifiers: ['ajv/dist/2020', 'ajv-formats', 'ajv-draft-04'] },
  { name: 'athena', specifiers: ['@aws-sdk/client-athena', '@aws-sdk/client-glue'] },
  { name: 'd3-geo', specifiers: ['d3-geo'] },
  { name: 'proj4', specifiers: ['proj4'] },
  { name: 'ingest-parsers', specifiers: ['csv-parse', 'saxes', 'yauzl'] },
  // Sign-in (functions/identity): the OpenID Connect client with oauth4webapi and jose, and Secrets Manager.
  { name: 'openid-client', specifiers: ['openid-client'] },
  { name: 'secrets-manager', specifiers: ['@aws-sdk/client-secrets-manager'] },
  // Schema events (functions/standards/events): the EventBridge client, on the first version proposed or published.
  { name: 'eventbridge', specifiers: ['@aws-sdk/client-eventbridge'] },
  // The storage and queue clients (functions/wiring.ts makes each store on its first call; functions/storage/lazy-sqs.ts).
  // One group: the clients share most of their code (the SDK's core, signing, credentials, HTTP), which separate
  // groups would each carry and compile again when a request uses two of them (a dataset page reads DynamoDB and S3).
  {
    name: 'aws-sdk',
    specifiers: [
      '@aws-sdk/client-dynamodb',
      '@aws-sdk/util-dynamodb',
      '@aws-sdk/client-s3',
      '@aws-sdk/lib-storage',
      '@aws-sdk/s3-request-presigner',
      '@aws-sdk/client-sqs',
    ],
    esModulesFirst: true,
  },
  // X-Ray (functions/api/handler.ts): the tracer and the X-Ray SDK, loaded when the first SDK client is made.
  { name: 'tracer', specifiers: ['@aws-lambda-powertools/tracer'] },
];

/**
 * Files of the project the API requires on first use by a relative name (`specifier`, from
 * `importer` only): left out of the bundle and copied beside it under that name, where the
 * bundle's `require` finds them. The API reference's swagger-ui assets are a quarter of the bundle.
 */
export interface LazyFile {
  readonly specifier: string;
  readonly source: string;
  readonly importer: string;
}

export const apiLazyFiles: readonly LazyFile[] = [
  {
    specifier: './assets.generated.json',
    source: 'functions/api/openapi/swagger-ui/assets.generated.json',
    importer: 'functions/api/openapi/swagger-ui/assets.ts',
  },
];

/**
 * The source of a group's file: `load(specifier)` hands over one of its packages. By default a map of
 * loaders, so that a package's code runs when it is asked for, not when its group is read. A group of ES
 * modules imports them all at its top instead: they are used together (the SDK's clients), and so esbuild
 * joins their modules into one scope, where behind a `require` it would wrap each module in a lazy
 * initialiser with an exports object of its own, which costs more to load.
 */
const groupEntry = (group: LazyPackageGroup): string => {
  const names = group.specifiers.map((specifier) => JSON.stringify(specifier));
  if (group.esModulesFirst) {
    const imports = names.map((name, i) => `import * as package${i} from ${name};`).join('\n');
    return `${imports}\nconst packages = new Map([${names.map((name, i) => `[${name}, package${i}]`).join(', ')}]);\nexport const load = (specifier) => packages.get(specifier);\n`;
  }
  const loaders = names.map((name) => `[${name}, () => require(${name})]`);
  return `const loaders = new Map([${loaders.join(', ')}]);\nexports.load = (specifier) => loaders.get(specifier)();\n`;
};

/** Where the groups' bundles go, relative to the function's bundle. */
const CHUNKS_DIR = 'lazy';

export const lazySpecifiers = (groups: readonly LazyPackageGroup[]): string[] => groups.flatMap((group) => group.specifiers);

/** What the API's bundle leaves out besides `external` (DuckDB): the lazy packages and files, each required by its own name. */
export const apiLazyBundleExternals = (external: readonly string[]): string[] => [
  ...external,
  ...lazySpecifiers(apiLazyPackages),
  ...apiLazyFiles.map((file) => file.specifier),
];

export interface LazyBuildOptions {
  /** esbuild's target, as the function's bundle (node24 for Lambda, the machine's node for benches). */
  readonly target: string;
  /** Packages the groups leave out as the function's bundle does (DuckDB). */
  readonly external?: readonly string[];
}

/**
 * Writes, into the directory of a function's bundle, one minified CommonJS bundle per group
 * (`lazy/<group>.js`, with a source map without the sources' text, as the function's own) and, for
 * each specifier, `node_modules/<specifier>/index.js` handing over that package from its group,
 * where Node's `require` looks first from the bundle. A group's file is read, compiled and run
 * only when one of its packages is first required.
 */
export const buildLazyPackages = async (
  bundleDir: string,
  groups: readonly LazyPackageGroup[],
  files: readonly LazyFile[],
  options: LazyBuildOptions,
): Promise<void> => {
  for (const file of files) await copyFile(path.join(repoRoot, file.source), path.join(bundleDir, file.specifier));
  await mkdir(path.join(bundleDir, CHUNKS_DIR), { recursive: true });
  for (const group of groups) {
    await build({
      stdin: {
        contents: groupEntry(group),
        resolveDir: repoRoot,
        sourcefile: `lazy-${group.name}.js`,
        loader: 'js',
      },
      outfile: path.join(bundleDir, CHUNKS_DIR, `${group.name}.js`),
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: options.target,
      minify: true,
      ...(group.esModulesFirst ? { mainFields: ['module', 'main'] } : {}),
      sourcemap: true,
      sourcesContent: false,
      external: [...(options.external ?? [])],
      logLevel: 'error',
    });
    for (const specifier of group.specifiers) {
      const stubDir = path.join(bundleDir, 'node_modules', ...specifier.split('/'));
      await mkdir(stubDir, { recursive: true });
      const chunk = path.posix.relative(
        stubDir.split(path.sep).join('/'),
        path.posix.join(bundleDir.split(path.sep).join('/'), CHUNKS_DIR, `${group.name}.js`),
      );
      await writeFile(path.join(stubDir, 'index.js'), `module.exports = require(${JSON.stringify(chunk)}).load(${JSON.stringify(specifier)});\n`);
    }
  }
};

/** The package a module name belongs to: `@scope/name` or `name`. */
const packageOf = (specifier: string): string =>
  specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/');

/**
 * What is wrong with a split, from the bundle's metafile: files of these packages it holds anyway
 * (some code required them by a name the groups do not list), lazy files it inlined, and a lazy
 * file's name required from a module other than its importer (which would find the wrong file).
 * Empty when the split is whole.
 */
export const lazySplitProblems = (metafile: Metafile, groups: readonly LazyPackageGroup[], files: readonly LazyFile[]): string[] => {
  const packages = new Set(lazySpecifiers(groups).map(packageOf));
  const inlinedPackages = Object.keys(metafile.inputs).filter((file) => {
    const match = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(file);
    return match !== null && packages.has(match[1]);
  });
  const inlinedFiles = files.filter((file) => Object.hasOwn(metafile.inputs, file.source)).map((file) => `${file.source} inlined`);
  const strayImports = Object.entries(metafile.inputs).flatMap(([importer, input]) =>
    input.imports
      .filter((imported) => files.some((file) => file.specifier === imported.path && file.importer !== importer))
      .map((imported) => `${importer} requires ${imported.path}`),
  );
  return [...inlinedPackages, ...inlinedFiles, ...strayImports];
};

/**
 * NodejsFunction bundling of the API that leaves apiLazyPackages and apiLazyFiles out of the
 * bundle and, after bundling, builds the groups and copies the files beside it (infra/build-lazy-packages.ts, run with the repository's
 * tsx: commandHooks are shell commands). `external`: what the groups leave out too (DuckDB).
 */
export const apiLazyPackageBundling = (
  target: string,
  external: readonly string[],
): { externalModules: string[]; afterBundling: (inputDir: string, outputDir: string) => string[] } => ({
  externalModules: [...apiLazyBundleExternals([]), ...apiLazyGroups.map((group) => group.specifier)],
  afterBundling: (inputDir, outputDir) => [
    [path.posix.join(inputDir, 'node_modules', '.bin', 'tsx'), path.posix.join(inputDir, 'infra', 'build-lazy-packages.ts'), outputDir, target, ...external]
      .map((arg) => `'${arg.replace(/'/g, `'\\''`)}'`)
      .join(' '),
  ],
});

import { mkdir, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { build, type Metafile } from 'esbuild';
import { repoRoot } from '../paths';

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
 * packages would be bundled again into the main file, which lazyPackagesLeftInBundle reports.
 */
export interface LazyPackageGroup {
  readonly name: string;
  readonly specifiers: readonly string[];
}

export const apiLazyPackages: readonly LazyPackageGroup[] = [
  { name: 'rdf', specifiers: ['jsonld', 'n3', 'rdfxml-streaming-parser', '@graphy/content.xml.scribe'] },
  { name: 'ajv', specifiers: ['ajv/dist/2020', 'ajv-formats', 'ajv-draft-04'] },
  { name: 'athena', specifiers: ['@aws-sdk/client-athena', '@aws-sdk/client-glue'] },
  { name: 'd3-geo', specifiers: ['d3-geo'] },
  { name: 'proj4', specifiers: ['proj4'] },
  { name: 'ingest-parsers', specifiers: ['csv-parse', 'saxes', 'yauzl'] },
];

/** Where the groups' bundles go, relative to the function's bundle. */
const CHUNKS_DIR = 'lazy';

export const lazySpecifiers = (groups: readonly LazyPackageGroup[]): string[] => groups.flatMap((group) => group.specifiers);

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
export const buildLazyPackages = async (bundleDir: string, groups: readonly LazyPackageGroup[], options: LazyBuildOptions): Promise<void> => {
  await mkdir(path.join(bundleDir, CHUNKS_DIR), { recursive: true });
  for (const group of groups) {
    const loaders = group.specifiers.map((specifier) => `[${JSON.stringify(specifier)}, () => require(${JSON.stringify(specifier)})]`);
    await build({
      stdin: {
        // A map of loaders: a package's code runs when it is asked for, not when its group is read.
        contents: `const loaders = new Map([${loaders.join(', ')}]);\nmodule.exports = (specifier) => loaders.get(specifier)();\n`,
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
      await writeFile(path.join(stubDir, 'index.js'), `module.exports = require(${JSON.stringify(chunk)})(${JSON.stringify(specifier)});\n`);
    }
  }
};

/**
 * The files of these packages that a bundle holds anyway (its metafile's inputs), because
 * some code required them by a name the groups do not list: empty when the split is whole.
 */
export const lazyPackagesLeftInBundle = (metafile: Metafile, groups: readonly LazyPackageGroup[]): string[] => {
  const packages = new Set(
    lazySpecifiers(groups).map((specifier) =>
      specifier
        .split('/')
        .slice(0, specifier.startsWith('@') ? 2 : 1)
        .join('/'),
    ),
  );
  return Object.keys(metafile.inputs).filter((file) => {
    const match = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(file);
    return match !== null && packages.has(match[1]);
  });
};

/**
 * NodejsFunction bundling of the API that leaves apiLazyPackages out of the bundle and, after
 * bundling, builds their groups beside it (infra/build-lazy-packages.ts, run with the repository's
 * tsx: commandHooks are shell commands). `external`: what the groups leave out too (DuckDB).
 */
export const apiLazyPackageBundling = (
  target: string,
  external: readonly string[],
): { externalModules: string[]; afterBundling: (inputDir: string, outputDir: string) => string[] } => ({
  externalModules: lazySpecifiers(apiLazyPackages),
  afterBundling: (inputDir, outputDir) => [
    [path.posix.join(inputDir, 'node_modules', '.bin', 'tsx'), path.posix.join(inputDir, 'infra', 'build-lazy-packages.ts'), outputDir, target, ...external]
      .map((arg) => `'${arg.replace(/'/g, `'\\''`)}'`)
      .join(' '),
  ],
});

import * as path from 'node:path';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';

/**
 * The DuckDB native bindings package for each Lambda architecture (Lambda runs glibc Linux).
 * The function's architecture and the package copied into its bundle must agree: an arm64
 * function with the x64 binding fails at its first `require`. Only the x64 package is installed
 * in this repository (npm installs the one matching the machine that ran `npm install`).
 */
export const duckDbBindingsByArchitecture: Readonly<Record<string, string>> = {
  [lambda.Architecture.X86_64.name]: '@duckdb/node-bindings-linux-x64',
  [lambda.Architecture.ARM_64.name]: '@duckdb/node-bindings-linux-arm64',
};

/**
 * The packages shipped as files instead of being bundled: esbuild cannot bundle the `.node`
 * binding (nor the `libduckdb.so` beside it). `@duckdb/node-bindings` also optionally requires
 * `detect-libc`, inside a try/catch that falls back to glibc, which is what Lambda runs; so it
 * is neither copied nor missed.
 */
export function duckDbPackages(architecture: lambda.Architecture): string[] {
  const bindings = duckDbBindingsByArchitecture[architecture.name];
  if (!bindings) throw new Error(`No DuckDB bindings package is known for Lambda architecture ${architecture.name}`);
  return ['@duckdb/node-api', '@duckdb/node-bindings', bindings];
}

/**
 * Bundling options that leave DuckDB out of the esbuild bundle and copy the installed packages
 * from the repository's node_modules into the bundle's `node_modules/` after bundling. Unlike
 * NodejsFunction's `nodeModules` (which runs `npm install` in the bundle), this stays offline.
 * Bundling fails with a clear message if a package is not installed (e.g. the arm64 bindings
 * on an x64 machine); template-only synths that skip bundling do not need the packages.
 */
export function duckDbBundling(architecture: lambda.Architecture): Required<Pick<nodejs.BundlingOptions, 'externalModules' | 'commandHooks'>> {
  const packages = duckDbPackages(architecture);
  return {
    externalModules: packages,
    commandHooks: {
      beforeBundling: () => [],
      beforeInstall: () => [],
      // inputDir is the project root (local bundling runs every command with `bash -c`).
      // -L copies the files even if a package folder is a symlink (npm link, workspaces).
      afterBundling: (inputDir: string, outputDir: string) =>
        packages.flatMap((name) => {
          const scopeDir = path.posix.dirname(path.posix.join(outputDir, 'node_modules', name));
          const source = path.posix.join(inputDir, 'node_modules', name);
          const missing = `${name} is not installed in node_modules (needed for DuckDB on ${architecture.name} Lambda)`;
          return [
            `test -f ${quote(`${source}/package.json`)} || { echo ${quote(missing)} >&2; exit 1; }`,
            `mkdir -p ${quote(scopeDir)}`,
            `cp -rL ${quote(source)} ${quote(scopeDir)}/`,
          ];
        }),
    },
  };
}

const quote = (value: string): string => `'${value.replace(/'/g, `'\\''`)}'`;

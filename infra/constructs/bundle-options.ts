/**
 * Where esbuild looks in a package without an `exports` map: its ES module build first. The AWS SDK's
 * packages ship both; from their ES modules esbuild keeps only what the function imports (the
 * commands it sends, the protocols its clients speak), where their CommonJS index brings every
 * command and protocol, code Node would read and compile at every cold start. AWS's own bundling
 * advice for the SDK v3 says the same.
 */
export const BUNDLE_MAIN_FIELDS: string[] = ['module', 'main'];

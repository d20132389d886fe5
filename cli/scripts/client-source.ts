import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * The typed client's types, as TypeScript source, from an OpenAPI document: openapi-typescript's
 * output, formatted by the repository's Biome, so that the committed file, the regenerate script
 * and the check that compares them all produce the same bytes.
 */
export const CLIENT_TYPES_FILE = join(__dirname, '..', 'src', 'client', 'api-types.ts');

const HEADER = [
  '/**',
  " * Generated from the exchange's OpenAPI document by openapi-typescript: do not edit.",
  ' * Regenerate with `npm run generate:client`; test/cli/typed-client.test.ts fails when this differs',
  ' * from the document the exchange serves.',
  ' */',
  '',
].join('\n');

const biome = join(__dirname, '..', '..', 'node_modules', '.bin', 'biome');

export const clientTypesSource = async (document: object): Promise<string> => {
  // Imported as ES module: its CommonJS type declarations do not name its exports as its CommonJS build has them.
  const { default: openapiTS, astToString } = await import('openapi-typescript');
  const ast = await openapiTS(document as Parameters<typeof openapiTS>[0], { alphabetize: true, exportType: true, defaultNonNullable: false });
  const source = HEADER + astToString(ast);
  const formatted = spawnSync(biome, ['format', `--stdin-file-path=${CLIENT_TYPES_FILE}`], { input: source, encoding: 'utf8' });
  if (formatted.status !== 0) throw new Error(`biome could not format the generated client: ${formatted.stderr}`);
  return formatted.stdout;
};

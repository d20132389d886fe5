import { readFileSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { urlsFor } from '../../functions/api/http/urls';
import { openApiDocument } from '../../functions/api/openapi/document';
import { declaredRoutes } from '../../functions/api/route-declarations';
import { CLIENT_TYPES_FILE, clientTypesSource } from './client-source';

/**
 * Regenerates cli/src/client/api-types.ts from the OpenAPI document of a running exchange
 * (`--from http://localhost:3000`), or, by default, from the document the route declarations
 * build, which is what every exchange on this commit serves. `--check` writes nothing and fails
 * (exit 1) when the committed file differs from what the document generates.
 */
const documentFrom = async (base: string | undefined): Promise<object> => {
  if (base) {
    const response = await fetch(new URL('/api/v1/openapi.json', base));
    if (!response.ok) throw new Error(`${base} answered ${response.status} for /api/v1/openapi.json`);
    return (await response.json()) as object;
  }
  return openApiDocument(urlsFor('http://localhost:3000'), declaredRoutes);
};

const firstDifference = (committed: string, generated: string): string => {
  const a = committed.split('\n');
  const b = generated.split('\n');
  const line = a.findIndex((text, index) => text !== b[index]);
  const at = line === -1 ? a.length : line;
  return `from line ${at + 1}:\n  committed: ${a[at]?.trim() ?? '(end of file)'}\n  generated: ${b[at]?.trim() ?? '(end of file)'}`;
};

const main = async (): Promise<number> => {
  const fromIndex = process.argv.indexOf('--from');
  const base = fromIndex > 0 ? process.argv[fromIndex + 1] : undefined;
  const generated = await clientTypesSource(await documentFrom(base));
  const file = relative(process.cwd(), CLIENT_TYPES_FILE);
  if (process.argv.includes('--check')) {
    const committed = readFileSync(CLIENT_TYPES_FILE, 'utf8');
    if (committed === generated) {
      console.log(`${file} matches the OpenAPI document`);
      return 0;
    }
    console.error(`${file} differs from the OpenAPI document ${firstDifference(committed, generated)}\nRun \`npm run generate:client\` and commit the result.`);
    return 1;
  }
  writeFileSync(CLIENT_TYPES_FILE, generated);
  console.log(`wrote ${file}`);
  return 0;
};

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  },
);

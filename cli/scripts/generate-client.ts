import { writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { urlsFor } from '../../functions/api/http/urls';
import { openApiDocument } from '../../functions/api/openapi/document';
import { declaredRoutes } from '../../functions/api/route-declarations';
import { CLIENT_TYPES_FILE, clientTypesSource } from './client-source';

/**
 * Regenerates cli/src/client/api-types.ts from the OpenAPI document of a running exchange
 * (`--from http://localhost:3000`), or, by default, from the document the route declarations
 * build, which is what every exchange on this commit serves.
 */
const documentFrom = async (base: string | undefined): Promise<object> => {
  if (base) {
    const response = await fetch(new URL('/api/v1/openapi.json', base));
    if (!response.ok) throw new Error(`${base} answered ${response.status} for /api/v1/openapi.json`);
    return (await response.json()) as object;
  }
  return openApiDocument(urlsFor('http://localhost:3000'), declaredRoutes);
};

const main = async () => {
  const fromIndex = process.argv.indexOf('--from');
  const base = fromIndex > 0 ? process.argv[fromIndex + 1] : undefined;
  writeFileSync(CLIENT_TYPES_FILE, await clientTypesSource(await documentFrom(base)));
  console.log(`wrote ${relative(process.cwd(), CLIENT_TYPES_FILE)}`);
};

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

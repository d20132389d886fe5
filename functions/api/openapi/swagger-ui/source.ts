import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * Reads the swagger-ui-dist files the API reference serves, from node_modules. Used only at
 * development time (generate.ts) and by the test that checks the generated module is current:
 * the running exchange never reads node_modules, so the bundled Lambda needs none of it.
 */
export const swaggerUiFiles = {
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'swagger-ui.css': 'text/css; charset=utf-8',
} as const;
export type SwaggerUiFile = keyof typeof swaggerUiFiles;

const distDirectory = (): string => dirname(require.resolve('swagger-ui-dist/package.json'));

export const swaggerUiVersion = (): string => (JSON.parse(readFileSync(join(distDirectory(), 'package.json'), 'utf8')) as { version: string }).version;

/** The file as served: its source-map comment removed, since the map is not served. */
export const readSwaggerUiFile = (name: SwaggerUiFile): string =>
  readFileSync(join(distDirectory(), name), 'utf8').replace(/\n?\/[/*]# sourceMappingURL=[^\n]*\s*$/, '\n');

import type * as Zlib from 'node:zlib';
import type Generated from './assets.generated.json';

/**
 * The swagger-ui-dist files, from the generated module (see generate.ts for why a JSON module).
 * Each is unzipped on first request and kept: most API invocations never serve the docs.
 */
export interface StaticAsset {
  body: string;
  mediaType: string;
  /** Strong validator for conditional requests. */
  etag: string;
}

type AssetFiles = Record<string, { mediaType: string; sha256: string; gzipBase64: string }>;
let generated: typeof Generated | undefined;
// Required on first use, not imported: the bundle then only scans its 650 kB of base64 at init instead of compiling it.
const loaded = (): typeof Generated => {
  generated ??= require('./assets.generated.json') as typeof Generated;
  return generated;
};
const unzipped = new Map<string, StaticAsset>();

export const swaggerUiVersion = (): string => loaded().version;

export const swaggerUiAsset = (name: string): StaticAsset | undefined => {
  const files: AssetFiles = loaded().files;
  if (!Object.hasOwn(files, name)) return undefined;
  let asset = unzipped.get(name);
  if (!asset) {
    const file = files[name];
    asset = {
      body: (require('node:zlib') as typeof Zlib).gunzipSync(Buffer.from(file.gzipBase64, 'base64')).toString('utf8'),
      mediaType: file.mediaType,
      etag: `"${file.sha256.slice(0, 32)}"`,
    };
    unzipped.set(name, asset);
  }
  return asset;
};

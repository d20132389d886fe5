import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { exportedTables, findPlainObjectLookups, type Lookup } from '../support/plain-object-lookups';

/**
 * User input never indexes a plain object: `TABLE[key]` finds `constructor`, `toString` and
 * `__proto__` on every object literal, which has answered 500s (and worse) before. Every computed
 * lookup on an object-literal or Record-typed table in the deployed code (functions/, infra/) must
 * go through a Map or be guarded by Object.hasOwn, unless listed below.
 */
const ROOT = join(__dirname, '..', '..');
const SCANNED = ['functions', 'infra'];

/**
 * Proven safe: the key is one of the exchange's own closed sets (a TypeScript union, a schema
 * enum checked before the record was stored, or a name from a literal list in the same code),
 * never a string from a request, an upload or a header. Each entry says where the key comes from.
 */
const ALLOWED: Array<{ file: string; table: string; why: string }> = [
  { file: 'functions/api/http/error-response.ts', table: 'statusOf', why: 'ErrorCode union, set by the code that throws' },
  { file: 'functions/ckan/errors.ts', table: 'statusOf', why: 'CkanErrorType union, set by the code that throws' },
  { file: 'functions/api/openapi/builders.ts', table: 'errorResponseNames', why: 'status numbers written in the OpenAPI builders' },
  { file: 'functions/api/openapi/components.ts', table: 'errorDescriptions', why: 'status numbers written in the OpenAPI builders' },
  { file: 'functions/api/openapi/swagger-ui/generate.ts', table: 'swaggerUiFiles', why: 'build script: its own keys (Object.keys of the same table)' },
  { file: 'functions/domain/caller.ts', table: 'rank', why: 'Role union from a stored token record' },
  { file: 'functions/domain/metadata-schemas.ts', table: 'metadataSchemas', why: "'dataset' | 'organisation', chosen by the domain code" },
  { file: 'functions/domain/metadata-schemas.ts', table: 'validators', why: "'dataset' | 'organisation', chosen by the domain code" },
  { file: 'functions/interop/dcat-ap.ts', table: 'euThemes', why: 'theme ids of a stored dataset: schema enum, validated on write' },
  { file: 'functions/interop/dcat-ap.ts', table: 'accessRights', why: 'Tier union of a stored dataset, validated on write' },
  { file: 'functions/interop/dcat-ap.ts', table: 'euFrequencies', why: 'updateFrequency of a stored dataset: schema enum, validated on write' },
  { file: 'functions/interop/dcat-us.ts', table: 'isoFrequencies', why: 'updateFrequency of a stored dataset: schema enum, validated on write' },
  { file: 'functions/interop/dcat-us.ts', table: 'accessLevels', why: 'Tier union of a stored dataset, validated on write' },
  { file: 'functions/web/pages/dataset.tsx', table: 'TIER_TEXT', why: 'Tier union of a stored dataset, validated on write' },
  { file: 'functions/web/pages/dataset.tsx', table: 'FORMAT_LABELS', why: 'formats from the literal list beside it' },
  { file: 'functions/web/pages/error.tsx', table: 'TITLES', why: 'HTTP status of the error being rendered' },
  { file: 'functions/web/layout.tsx', table: 'assets', why: 'asset names written in the page code' },
  { file: 'functions/outbound/errors.ts', table: 'PHASE_WORDS', why: 'FetchPhase union, set by the fetcher' },
  { file: 'functions/rows/athena-sql.ts', table: 'ATHENA_TYPES', why: 'Table Schema field types of a stored version (the schema enum)' },
  { file: 'functions/rows/columns.ts', table: 'SQL_TYPES', why: 'Table Schema field types of a stored version (the schema enum)' },
  { file: 'functions/rows/columns.ts', table: 'FIELD_TYPES', why: 'column types DuckDB reports for a Parquet file the exchange wrote' },
  { file: 'functions/rows/datastore-search.ts', table: 'CKAN_TYPES', why: 'column types of a stored version (ColumnType union)' },
  { file: 'functions/rows/glue-table.ts', table: 'SQL_TYPES', why: 'Table Schema field types of a stored version (the schema enum)' },
  { file: 'functions/rows/glue-table.ts', table: 'HIVE_TYPES', why: 'Table Schema field types of a stored version (the schema enum)' },
  { file: 'functions/rows/native-request.ts', table: 'one', why: 'written only after the name is checked against PARAMETERS (includes)' },
  { file: 'functions/search/match-set.ts', table: 'facets', why: 'FacetField union; request names are mapped through Maps first' },
  { file: 'functions/search/query-limits.ts', table: 'QUERY_LIMITS', why: 'QueryLimit union, named by the calling code' },
  { file: 'functions/search/query-limits.ts', table: 'units', why: 'QueryLimit union, named by the calling code' },
  { file: 'functions/ingest/core/decode-text.ts', table: 'ENCODING_NAMES', why: 'encoding labels chosen by the detector, not read from the file' },
  { file: 'functions/ingest/core/detect-delimiter.ts', table: 'counts', why: 'Delimiter union: only after ch is compared with the four delimiters' },
  { file: 'functions/ingest/core/fast-path/duckdb-check.ts', table: 'row', why: "column aliases of the exchange's own SQL (dups_<n>, local_<n>)" },
  { file: 'functions/ingest/core/header-check.ts', table: 'constraints', why: 'constraint keywords from the list in the same code' },
  { file: 'functions/ingest/core/row-validator.ts', table: 'KIND', why: 'Table Schema field types (the schema enum, validated before ingest)' },
  { file: 'functions/ingest/core/type-messages.ts', table: 'EXPECTED', why: 'Table Schema field types (the schema enum, validated before ingest)' },
  { file: 'functions/ingest/ingest-upload.ts', table: 'outputExtension', why: 'OutputFormat union, the formats ingest writes' },
  { file: 'functions/ingest/ingest-upload.ts', table: 'objects', why: 'OutputFormat union, the formats ingest writes' },
  { file: 'infra/constructs/buckets.ts', table: 'byRole', why: 'BucketRole union' },
  { file: 'infra/constructs/native-duckdb.ts', table: 'duckDbBindingsByArchitecture', why: "the CDK's Architecture of the function" },
];

const sourceFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });

const scanRepository = (): Lookup[] => {
  const files = SCANNED.flatMap((dir) => sourceFiles(join(ROOT, dir))).map((path) => ({ file: relative(ROOT, path), source: readFileSync(path, 'utf8') }));
  const exported = new Set(files.flatMap(({ file, source }) => exportedTables(source, file)));
  return files.flatMap(({ file, source }) => findPlainObjectLookups(source, file, exported));
};

const isAllowed = (lookup: Lookup) => ALLOWED.some((entry) => entry.file === lookup.file && entry.table === lookup.table);

describe('no plain-object lookups with keys from outside', () => {
  let found: Lookup[];
  beforeAll(() => {
    found = scanRepository();
  });

  it('every computed lookup on a plain-object table goes through a Map or Object.hasOwn, or is on the allow-list', () => {
    const offending = found.filter((lookup) => !isAllowed(lookup)).map((l) => `${l.file}:${l.line} ${l.code}`);
    expect(offending).toEqual([]);
  });

  it('every allow-list entry names a table that still exists, so the list cannot outlive its reasons', () => {
    // A table since turned into a Map may stay listed (harmless); a renamed or removed one may not.
    const mentions = (file: string, table: string) => existsSync(join(ROOT, file)) && new RegExp(`\\b${table}\\b`).test(readFileSync(join(ROOT, file), 'utf8'));
    const stale = ALLOWED.filter((entry) => !mentions(entry.file, entry.table)).map((e) => `${e.file} ${e.table}`);
    expect(stale).toEqual([]);
    expect(found.some(isAllowed)).toBe(true);
  });
});

describe('the scanner', () => {
  const lookups = (source: string, imported: string[] = []) => findPlainObjectLookups(source, 'sample.ts', new Set(imported)).map((l) => l.code);

  it('finds a request value indexing an object literal, a Record and an index-signature table', () => {
    const source = `
      const LABELS = { open: 'Open' } as const;
      const SORTS: Record<string, string> = { name: 'name' };
      const ALIASES: { [name: string]: string } = {};
      export const label = (raw: string) => LABELS[raw as 'open'] ?? SORTS[raw] ?? ALIASES[raw.trim()];
    `;
    expect(lookups(source)).toEqual(["LABELS[raw as 'open']", 'SORTS[raw]', 'ALIASES[raw.trim()]']);
  });

  it('finds writes with a computed key into a dictionary built from input', () => {
    const source = `
      const collect = (entries: Array<[string, string]>) => {
        const params = {};
        for (const [key, value] of entries) params[key] = value;
        return params;
      };
    `;
    expect(lookups(source)).toEqual(['params[key]']);
  });

  it('finds lookups on a table another file exports, when imported', () => {
    const source = `import { NOTICES } from './notices';\nexport const notice = (done: string) => NOTICES[done];`;
    expect(lookups(source, ['NOTICES'])).toEqual(['NOTICES[done]']);
    expect(lookups(source, [])).toEqual([]);
  });

  it('accepts literal keys, Maps, and lookups under Object.hasOwn for the same table and key', () => {
    const source = `
      const TABLE: Record<string, number> = { a: 1 };
      const BY_NAME = new Map([['a', 1]]);
      export const a = TABLE['a'] + TABLE[\`a\`] + (BY_NAME.get(name) ?? 0);
      export const b = (key: string) => (Object.hasOwn(TABLE, key) ? TABLE[key] : undefined);
      export const c = (key: string) => Object.hasOwn(TABLE, key) && TABLE[key];
      export const d = (key: string) => {
        if (!Object.hasOwn(TABLE, key)) return undefined;
        return TABLE[key];
      };
      export const e = (key: string) => {
        if (Object.hasOwn(TABLE, key)) {
          return TABLE[key];
        }
        return 0;
      };
    `;
    expect(lookups(source)).toEqual([]);
  });

  it('does not accept a guard on another key or another table, or one that does not leave the block', () => {
    const source = `
      const TABLE: Record<string, number> = {};
      const OTHER: Record<string, number> = {};
      export const a = (key: string, other: string) => (Object.hasOwn(TABLE, other) ? TABLE[key] : 0);
      export const b = (key: string) => (Object.hasOwn(OTHER, key) ? TABLE[key] : 0);
      export const c = (key: string) => {
        if (!Object.hasOwn(TABLE, key)) console.log('missing');
        return TABLE[key];
      };
      export const d = (key: string) => (key in TABLE ? TABLE[key] : 0);
    `;
    expect(lookups(source)).toEqual(['TABLE[key]', 'TABLE[key]', 'TABLE[key]', 'TABLE[key]']);
  });

  it('accepts `in` only on a null-prototype table', () => {
    const source = `
      const BARE = { __proto__: null, a: 1 } as Record<string, number>;
      export const a = (key: string) => (key in BARE ? BARE[key] : 0);
    `;
    expect(lookups(source)).toEqual([]);
  });
});

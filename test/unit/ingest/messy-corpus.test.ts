import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { processFile, removeWorkDirs } from './helpers';

/**
 * The messy corpus (test/fixtures/messy/, README there): files as London publishers produce
 * them, real ones among them, each with the outcome it must have: published with these
 * inferred types, or failed with these report codes. Every listed field is compared exactly.
 */
interface Expected {
  file: string;
  published: boolean;
  format: string | null;
  encoding?: string;
  rows: number;
  types?: Record<string, string>;
  errors?: Record<string, number>;
  warnings: string[];
}

const CORPUS = join(__dirname, '../../fixtures/messy');
const expected: Expected[] = JSON.parse(readFileSync(join(CORPUS, 'expected.json'), 'utf8'));

afterAll(removeWorkDirs);

test('the corpus holds at least 30 files, real London files among them', () => {
  expect(expected.length).toBeGreaterThanOrEqual(30);
  expect(expected.filter((e) => e.file.startsWith('real-')).length).toBeGreaterThanOrEqual(7);
});

test.each(expected.map((e) => [e.file, e]))('%s', async (_name, want) => {
  const result = await processFile(join('../messy', want.file));
  const got: Expected = {
    file: want.file,
    published: result.ok,
    format: result.detected.format ?? null,
    ...(result.detected.encoding ? { encoding: result.detected.encoding } : {}),
    rows: result.report.rowCount,
    ...(result.ok
      ? { types: Object.fromEntries(result.schema.fields.map((f) => [f.name, f.type])) }
      : { errors: result.report.errorCounts as Record<string, number> }),
    warnings: [...new Set(result.report.warnings.map((w) => w.code as string))].sort(),
  };
  expect(got).toEqual(want);
  // Published means every output was written; failed means none was.
  expect(Boolean(result.outputs)).toBe(want.published);
});

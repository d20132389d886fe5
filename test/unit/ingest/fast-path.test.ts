import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { listDataSchemas } from '../../../functions/ingest/core';
import { portablePattern } from '../../../functions/ingest/core/fast-path/sql-plan';
import { bothPaths, type Edit, setCell, table } from './both-paths';
import { AIR_QUALITY_HEADER, airQualityRow, FIXTURES, parquetContents, removeWorkDirs } from './helpers';
import { seededRandom as random } from '../../support/seeded-random';

afterAll(removeWorkDirs);

/**
 * The DuckDB fast path may only ever say "valid" where the JS path says so too, with the same
 * report and the same outputs; for everything else the JS path decides. Every case here goes
 * through both paths and the results must be identical.
 */

const HEADER = AIR_QUALITY_HEADER;
const readingRow = airQualityRow;

/** A valid air-quality CSV of `rows` rows; `edit` may change cells of a row (by index) or whole lines. */
const readings = (rows: number, edit?: Edit, eol?: string): string => table(HEADER, readingRow, rows, edit, eol);

describe('the DuckDB fast path', () => {
  it('proves a clean file valid, with the JS path’s report and outputs', async () => {
    const result = await bothPaths(readings(500), 'air-quality-readings', 4096);
    expect(result.fastPath).toMatchObject({ proven: true, rows: 500 });
    expect(result.report).toMatchObject({ valid: true, rowCount: 500, columnCount: 10 });
  });

  it('proves CRLF, a BOM, quoted cells and local date-times too', async () => {
    const quoted = readings(50, (c, i) => (i === 3 ? c.map((cell) => `"${cell}"`) : c), '\r\n');
    expect((await bothPaths(quoted, 'air-quality-readings', 100)).fastPath?.proven).toBe(true);
    expect((await bothPaths(`\ufeff${readings(20)}`, 'air-quality-readings')).fastPath?.proven).toBe(true);
    const local = readings(20, (c) => [...c.slice(0, 3), c[3].replace('Z', ''), ...c.slice(4)]);
    const result = await bothPaths(local, 'air-quality-readings');
    expect(result.fastPath?.proven).toBe(true);
    expect((await parquetContents(result.outputs!.parquet.path)).types).toContainEqual(['measured_at', 'TIMESTAMP']);
  });

  it('proves a schema with dates, booleans, integers, exclusive minimums and missing values', async () => {
    const header =
      'charge_point_id,name,operator,borough_gss_code,postcode,latitude,longitude,connector_type,power_kw,connectors,open_24_hours,commissioned_on,last_updated';
    const rows = [
      'CP-1,"Car park, level -1",ubitricity,E09000012,E8 1DY,51.5450,-0.0553,Type 2,5.5,1,yes,2022-07-15,2024-03-30T18:00:00Z',
      'CP-2,=SUM(A1),Shell,E09000033,,51.5101,-0.1496,CCS,150,4,,,',
    ];
    const result = await bothPaths(`${header}\n${rows.join('\n')}\n`, 'ev-charge-points');
    expect(result.fastPath?.proven).toBe(true);
    expect(await readFile(result.outputs!.csv.path, 'utf8')).toContain("'=SUM(A1)");
  });

  // Each of these is valid or invalid for the JS path; the fast path must agree (usually by not vouching).
  const variants: Array<[string, string]> = [
    ['a value out of range', readings(30, setCell(5, 4, '6000'))],
    ['a pattern mismatch', readings(30, setCell(5, 0, 'bad code'))],
    ['an enum miss', readings(30, setCell(7, 2, 'XYZ'))],
    ['a required value missing', readings(30, setCell(7, 0, ''))],
    ['a required value given as a missing-value marker', readings(30, setCell(7, 0, 'NaN'))],
    ['a quoted missing-value marker', readings(30, setCell(7, 5, '"n/a"'))],
    ['a number too large for a double', readings(30, setCell(3, 4, '1e999'))],
    ['an integer beyond 2^53', readings(30, setCell(3, 7, '90071992547409930'))],
    ['a number with an underscore', readings(30, setCell(3, 4, '1_0'))],
    ['a number with spaces', readings(30, setCell(3, 4, ' 12 '))],
    ['a number with a thousands separator', readings(30, setCell(3, 4, '"1,000"'))],
    ['a number with a currency sign', readings(30, setCell(3, 4, '£12'))],
    ['a number in exponent form', readings(30, setCell(3, 4, '1.5e2'))],
    ['infinity', readings(30, setCell(3, 4, 'Infinity'))],
    ['an impossible date-time', readings(30, setCell(3, 3, '2024-02-30T00:00:00Z'))],
    ['year zero', readings(30, setCell(3, 3, '0000-01-01T00:00:00Z'))],
    ['a date-time with an offset', readings(30, setCell(3, 3, '2024-03-31T01:00:00+01:00'))],
    ['a UK date-time', readings(30, setCell(3, 3, '31/03/2024 01:00'))],
    ['fractional seconds', readings(30, setCell(3, 3, '2024-03-31T01:00:00.123456Z'))],
    ['a boolean spelled yes', readings(30, setCell(3, 6, 'Yes'))],
    ['a boolean with spaces', readings(30, setCell(3, 6, ' true'))],
    ['a boolean that is not one', readings(30, setCell(3, 6, 'maybe'))],
    ['an integer with a decimal point', readings(30, setCell(3, 7, '5.0'))],
    ['a duplicate key', readings(30, (c, i) => (i === 9 ? readingRow(2) : c))],
    ['keys equal only after casting (-0 and 0 in no key column)', readings(30, setCell(3, 4, '-0'))],
    ['a blank row in the middle', readings(30, (c, i) => (i === 4 ? '' : c))],
    ['a row of empty cells', readings(30, (c, i) => (i === 4 ? ',,,,,,,,,' : c))],
    ['a row of missing-value markers at the end', readings(30, (c, i) => (i === 29 ? 'NaN,-,,,,,,,,' : c))],
    ['trailing blank lines', `${readings(30)}\n\n`],
    ['a missing cell', readings(30, (c, i) => (i === 4 ? c.slice(0, 9) : c))],
    ['an extra cell', readings(30, (c, i) => (i === 4 ? [...c, 'x'] : c))],
    ['a space before a quote', readings(30, setCell(4, 5, ' "ug/m3"'))],
    ['a stray quote inside a cell', readings(30, setCell(4, 0, 'A"B'))],
    ['an unterminated quote', readings(30, setCell(4, 0, '"S001'))],
    ['text after a closing quote', readings(30, setCell(4, 0, '"S0"01'))],
    ['a quoted cell with a line break', readings(30, setCell(4, 0, '"S0\n01"'))],
    ['mixed line endings', readings(30).replace('\n', '\r\n')],
    ['CR line endings', readings(30).replace(/\n/g, '\r')],
    ['a lone CR inside a cell', readings(30, setCell(4, 0, 'S0\r01'))],
    ['a NUL byte', readings(30, setCell(4, 5, 'ug\u0000m3'))],
    ['a header only', `${HEADER}\n`],
    ['a header without a newline', HEADER],
    ['a last row without a newline', readings(30).slice(0, -1)],
    ['a column the schema does not know', readings(30).replace(HEADER, `${HEADER.slice(0, -10)}extra`)],
    ['a quoted header label', readings(30).replace('site_code', '"site_code"')],
    ['a header label with a quoted line break', readings(30).replace(',unit,', ',"un\nit",')],
    ['an unknown column whose label has a quoted line break', readings(30, (c) => [...c, 'x']).replace(HEADER, `${HEADER},"ex\ntra"`)],
    ['a line starting with #', readings(30, setCell(4, 0, '#S001'))],
    [
      'a duplicate label',
      readings(30)
        .replace('unit', 'UNIT,unit')
        .replace(/ug\/m3/g, 'ug/m3,ug/m3'),
    ],
  ];

  it.each(variants)('agrees with the JS path on %s', async (_name, text) => {
    await bothPaths(text, 'air-quality-readings', 1000);
  });

  it('agrees with the JS path on invalid UTF-8 after the sample', async () => {
    // The error names the byte where the bad chunk starts, so both paths read 64 KB chunks here.
    const bytes = Buffer.concat([Buffer.from(readings(3000)), Buffer.from([0xff, 0x0a])]);
    const result = await bothPaths(bytes, 'air-quality-readings', 64 * 1024);
    expect(result.report.errors.map((e) => e.code)).toEqual(['encoding-error']);
  });

  it('vouches for none of the invalid variants', async () => {
    const invalid = readings(30, setCell(5, 4, '6000'));
    const result = await bothPaths(invalid, 'air-quality-readings');
    expect(result.fastPath?.proven).toBe(false);
    expect(result.report.errors.map((e) => [e.code, e.row, e.field])).toEqual([['constraint-error', 7, 'value']]);
  });

  it('agrees with the JS path on every ingest fixture against every common schema', async () => {
    const files: string[] = [];
    for (const dir of await readdir(FIXTURES)) for (const name of await readdir(join(FIXTURES, dir))) files.push(join(FIXTURES, dir, name));
    const real = join(__dirname, '../../fixtures/real/london-borough-profiles.csv');
    let asked = 0;
    for (const file of [...files, real]) {
      for (const { id } of listDataSchemas()) {
        const result = await bothPaths(await readFile(file), id);
        if (result.fastPath) asked++;
      }
    }
    expect(files.length).toBeGreaterThan(20);
    expect(asked).toBeGreaterThan(0); // some were checked by DuckDB (none is clean enough to be proven)
  }, 120_000);
});

describe('the DuckDB fast path on random files', () => {
  const TRICKY = [
    '',
    'NaN',
    '-',
    'n/a',
    '"',
    '""',
    '"a,b"',
    '"x\ny"',
    ' ',
    ' "q"',
    '-0',
    '0',
    '1e3',
    '1_0',
    '007',
    '+5',
    '.5',
    '5.',
    'true',
    'Yes',
    '1',
    'S001',
    'E09000001',
    'NO2',
    'ug/m3',
    '2024-01-01T00:00:00Z',
    '2024-01-01T00:00:00',
    '2024-13-01T00:00:00Z',
    '100',
    '101',
    '51.5',
    '-0.2',
    'é',
    '\r',
    ',',
  ];

  it('agrees with the JS path on 80 files mixing valid rows with tricky cells', async () => {
    const next = random(20261122);
    let proven = 0;
    for (let n = 0; n < 80; n++) {
      const rows = 1 + Math.floor(next() * 40);
      const trickiness = next() < 0.4 ? 0 : next() * 0.05;
      const pick = (cell: string) => (next() < trickiness ? TRICKY[Math.floor(next() * TRICKY.length)] : next() < 0.02 ? `"${cell}"` : cell);
      const text = readings(rows, (cells) => cells.map(pick), next() < 0.3 ? '\r\n' : '\n');
      const result = await bothPaths(text, 'air-quality-readings', 1 + Math.floor(next() * 300));
      if (result.fastPath?.proven) proven++;
    }
    expect(proven).toBeGreaterThan(20);
    expect(proven).toBeLessThan(80);
  }, 120_000);
});

describe('portablePattern', () => {
  it('accepts what RE2 and JavaScript read alike, and nothing else', () => {
    for (const p of ['^[A-Z0-9]{2,8}$', '^E090000(0[1-9]|[12][0-9]|3[0-3])$', '^[A-Za-z0-9][A-Za-z0-9._:/*-]*$', '^\\d+\\.\\d$'])
      expect(portablePattern(p)).toBe(true);
    for (const p of ['^a.b$', '\\s', '\\bword', '(?=x)', '(a)\\1', '\\u00e9', '[[:alpha:]]', '[]a]', 'x[']) expect(portablePattern(p)).toBe(false);
  });
});

import { readFile } from 'node:fs/promises';
import type { ValidationError } from '../../../functions/ingest/core';
import { declaredTableSchema } from '../../../functions/ingest/core/header-check';
import { getDataSchema } from '../../../functions/ingest/core/data-schemas';
import { fixture, listDir, processBytes, processFile, removeWorkDirs } from './helpers';

afterAll(removeWorkDirs);

const brief = (e: ValidationError) => [e.code, e.row, e.field];

describe('one fixture per Frictionless error code', () => {
  it('blank-label', async () => {
    const { report } = await processFile('errors/blank-label.csv');
    expect(report.errors).toEqual([{ code: 'blank-label', row: 1, field: null, fieldNumber: 2, message: 'Column 2 has no name in the header row.' }]);
  });

  it('duplicate-label (case-insensitive)', async () => {
    const { report } = await processFile('errors/duplicate-label.csv');
    expect(report.errors.map(brief)).toEqual([['duplicate-label', 1, 'Name']]);
    expect(report.errors[0].message).toBe('Column 3 is named "Name", like column 2. Each column needs its own name.');
  });

  it('missing-label: a required column of the declared schema is absent', async () => {
    const { report } = await processFile('errors/missing-label.csv', { dataSchemaId: 'ev-charge-points' });
    // Reported once in the header, not again as a required value in every row.
    expect(report.errors.map(brief)).toEqual([['missing-label', 1, 'operator']]);
  });

  it('extra-label: a column a closed schema does not know', () => {
    const base = getDataSchema('ev-charge-points')!;
    const closed = Object.create(base, { additionalColumns: { value: false } });
    const errors: ValidationError[] = [];
    declaredTableSchema(['charge_point_id', 'colour'], closed, (e) => errors.push(e));
    expect(errors.map(brief)).toContainEqual(['extra-label', 1, 'colour']);
  });

  it('extra-cell', async () => {
    const { report } = await processFile('errors/extra-cell.csv');
    expect(report.errors).toEqual([
      { code: 'extra-cell', row: 3, field: null, fieldNumber: 3, message: 'Row 3 has 3 cells but the header has 2 columns: cell 3 has no column.' },
    ]);
  });

  it('missing-cell', async () => {
    const { report } = await processFile('errors/missing-cell.csv');
    expect(report.errors.map(brief)).toEqual([['missing-cell', 3, 'c']]);
  });

  it('type-error, with the value and the expected form', async () => {
    const { report } = await processFile('errors/type-error.csv', { dataSchemaId: 'ev-charge-points' });
    expect(report.errors.map(brief)).toEqual([
      ['type-error', 2, 'power_kw'],
      ['type-error', 2, 'commissioned_on'],
    ]);
    expect(report.errors[0].message).toBe('Row 2, column "power_kw": "fast" is not a number.');
    expect(report.errors[1].message).toMatch(/"2021-02-30" is not a date written yyyy-mm-dd or dd\/mm\/yyyy/);
  });

  it('type-error for an inferred type a later row breaks', async () => {
    const rows = ['when', ...Array.from({ length: 5 }, (_, i) => `2024-01-0${i + 1}`), 'next Tuesday'].join('\n');
    const { report, schema } = await processBytes(rows, { limits: { inferenceRows: 3 } });
    expect(schema.fields[0].type).toBe('date');
    expect(report.errors.map(brief)).toEqual([['type-error', 7, 'when']]);
    expect(report.errors[0].message).toMatch(/read as date from the first rows/);
  });

  it('widens an inferred integer column to number instead of failing on a decimal', async () => {
    const rows = ['n', '1', '2', '3', '4.5'].join('\n');
    const { report, schema } = await processBytes(rows, { limits: { inferenceRows: 2 } });
    expect(report.valid).toBe(true);
    expect(schema.fields[0].type).toBe('number');
  });

  it('constraint-error for each constraint keyword, mapped from ajv', async () => {
    const { report } = await processFile('errors/constraint-error.csv', { dataSchemaId: 'ev-charge-points' });
    expect(report.errors.map(brief)).toEqual([
      ['constraint-error', 3, 'power_kw'], // maximum
      ['constraint-error', 4, 'borough_gss_code'], // pattern
      ['constraint-error', 5, 'connector_type'], // enum
      ['constraint-error', 6, 'operator'], // required
      ['constraint-error', 7, 'name'], // maxLength
      ['constraint-error', 8, 'power_kw'], // exclusiveMinimum
      ['constraint-error', 9, 'latitude'], // minimum
      ['constraint-error', 9, 'longitude'], // maximum
    ]);
    const messages = report.errors.map((e) => e.message);
    expect(messages[0]).toBe('Row 3, column "power_kw": 500 is above the maximum of 400.');
    expect(messages[1]).toMatch(/"E09000034" is not in the expected form \(ONS GSS code of the London borough.*\); it must match/);
    expect(messages[2]).toMatch(/"Type 3" is not one of the allowed values: "Type 1", "Type 2"/);
    expect(messages[3]).toBe('Row 6, column "operator": a value is required but the cell is empty.');
    expect(messages[4]).toBe('Row 7, column "name": the text is 201 characters long; at most 200 are allowed.');
    expect(messages[5]).toBe('Row 8, column "power_kw": 0 must be greater than 0.');
  });

  it('unique-error names the earlier row', async () => {
    const { report } = await processFile('errors/unique-error.csv', { dataSchemaId: 'ev-charge-points' });
    expect(report.errors).toEqual([
      {
        code: 'unique-error',
        row: 4,
        field: 'charge_point_id',
        fieldNumber: 1,
        message: 'Row 4 repeats the value of column "charge_point_id" already used in row 2; it must be unique.',
      },
    ]);
  });

  it('unique-error on a composite primary key', async () => {
    const csv =
      'gss_code,area_name,indicator,period,value\nE09000001,City of London,Population,2017,8800\nE09000001,City of London,Population,2018,8900\nE09000001,City of London,Population,2017,8801\n';
    const { report } = await processBytes(csv, { dataSchemaId: 'borough-indicators' });
    expect(report.errors.map(brief)).toEqual([['unique-error', 4, 'gss_code, indicator, period']]);
    expect(report.errors[0].message).toMatch(/columns "gss_code", "indicator", "period" already used in row 2/);
  });

  it('blank-row between data rows (trailing blank rows only warn)', async () => {
    const { report } = await processFile('errors/blank-row.csv');
    expect(report.errors.map(brief)).toEqual([['blank-row', 3, null]]);
    expect(report.rowCount).toBe(2);
    expect(report.warnings).toEqual([{ code: 'blank-row', message: 'Row 5, at the end of the file, is blank and was left out.' }]);
  });

  it('encoding-error when bytes after the sample are not in the detected encoding', async () => {
    const bytes = await readFile(fixture('errors/encoding-error.csv'));
    const { report, detected } = await processBytes(bytes, { limits: { sampleBytes: 16 } }, 8);
    expect(detected.encoding).toBe('utf-8');
    expect(report.errors).toHaveLength(1);
    expect(report.errors[0]).toMatchObject({ code: 'encoding-error', row: null, field: null });
    expect(report.errors[0].message).toMatch(/not valid UTF-8 after byte/);
  });

  it('format-error for a quote that is never closed', async () => {
    const { report, outputs, workDir } = await processFile('errors/unterminated-quote.csv');
    expect(report.errors).toEqual([
      { code: 'format-error', row: 2, field: null, message: 'Row 2 opens a quoted cell (") that is never closed before the end of the file.' },
    ]);
    expect(outputs).toBeUndefined();
    expect(await listDir(workDir)).toEqual([]);
  });

  it('format-error for one unreadable NDJSON line, reading on', async () => {
    const { report } = await processBytes('{"a":1}\n{"a":\n{"a":3}\n');
    expect(report.errors.map(brief)).toEqual([['format-error', 3, null]]);
    expect(report.rowCount).toBe(3);
  });

  it('extra-cell for a JSON key that is not in the header', async () => {
    const { report } = await processBytes('[{"a":1},{"a":2,"b":3}]', { limits: { inferenceRows: 1 } });
    expect(report.errors.map(brief)).toEqual([['extra-cell', 3, 'b']]);
  });
});

describe('the report', () => {
  it('keeps the first errors only but counts all of them per code', async () => {
    const rows = ['a,b', ...Array.from({ length: 250 }, (_, i) => (i % 2 ? `${i},x,extra` : `${i}`))].join('\n');
    const { report } = await processBytes(rows, { limits: { maxErrors: 10 } });
    expect(report.errors).toHaveLength(10);
    expect(report.errorCount).toBe(250);
    expect(report.errorCounts).toEqual({ 'missing-cell': 125, 'extra-cell': 125 });
    expect(report.errorsTruncated).toBe(true);
    expect(report.maxErrors).toBe(10);
    expect(report.valid).toBe(false);
  });
});

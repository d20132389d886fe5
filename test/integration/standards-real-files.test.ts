import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { createResource, uploadAndWait } from '../support/publishing';
import { datasetInput, startTestExchange, type TestExchange } from '../support/test-exchange';

/**
 * The five original common schemas against real files of their kind (and files built from the
 * published specifications where no real London file is at hand): see
 * test/fixtures/standards-real/README.md. Each publishes through the whole ingest pipeline; a
 * broken variant's report names the field; and the version 1.0.0 the review replaced fails the
 * same file on the fields the review changed.
 */
const fixture = (name: string) => readFileSync(join(__dirname, '..', 'fixtures', 'standards-real', name), 'utf8');

interface Case {
  schema: string;
  file: string;
  /** The range the resource declares; absent: none (the latest of the first major). */
  range?: string;
  /** A broken variant: this cell of the first data row replaced. */
  broken: { field: string; value: string };
  /** The fields 1.0.0 reports for this file: what a real file failed on before the review (none: it passed). */
  failedOn100: string[];
}

const CASES: Case[] = [
  {
    schema: 'air-quality-readings',
    file: 'laqn-hourly-index-2019-09-26T11.csv',
    broken: { field: 'air_quality_band', value: 'Good' },
    failedOn100: ['pollutant', 'unit'],
  },
  {
    schema: 'borough-indicators',
    file: 'london-borough-profiles-2017-long.csv',
    broken: { field: 'gss_code', value: 'E9000001' },
    failedOn100: ['value'],
  },
  {
    schema: 'borough-indicators',
    file: 'london-borough-profiles-2017-pooled-periods-long.csv',
    range: '^2.0.0',
    broken: { field: 'period', value: '2012-14' },
    failedOn100: ['period', 'value'],
  },
  {
    schema: 'ev-charge-points',
    file: 'ev-charge-points-ocpi-built.csv',
    broken: { field: 'connector_types', value: 'CCS|Schuko' },
    failedOn100: [],
  },
  {
    schema: 'planning-applications',
    file: 'planning-applications-lga-built.csv',
    broken: { field: 'decision_type', value: 'Officer' },
    failedOn100: ['application_type'],
  },
  {
    schema: 'road-traffic-collisions',
    file: 'road-traffic-collisions-stats19-built.csv',
    broken: { field: 'road_surface', value: 'Icy' },
    failedOn100: ['light_conditions', 'road_surface', 'speed_limit_mph'],
  },
];

const quote = (cell: string) => (/[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);

/** The file with one cell of its first data row replaced. */
const withCell = (csv: string, field: string, value: string): string => {
  const rows = parse(csv) as string[][];
  const column = rows[0].indexOf(field);
  if (column < 0) throw new Error(`no column ${field}`);
  rows[1][column] = value;
  return `${rows.map((row) => row.map(quote).join(',')).join('\n')}\n`;
};

let t: TestExchange;
let token: string;
let counter = 0;
beforeAll(async () => {
  t = await startTestExchange();
  token = await t.organisationWithToken('camden', 'editor');
  expect((await t.request('POST', '/api/v1/datasets', { token, body: datasetInput('standards-real') })).status).toBe(201);
}, 120_000);
afterAll(() => t.stop());

const publish = async (schema: string, range: string | undefined, csv: string, filename: string) => {
  const name = `r${++counter}`;
  await createResource(t, token, 'standards-real', { name, dataSchema: schema, ...(range ? { dataSchemaVersion: range } : {}) });
  const { resource } = await uploadAndWait(t, token, 'standards-real', name, csv, filename);
  const report = await t.request('GET', `/api/v1/datasets/standards-real/resources/${name}/versions/1/report`, { token });
  const errors = report.body.report.errors as Array<{ code: string; field: string | null; row?: number; message: string }>;
  return { status: resource.body.status as string, errors };
};

describe.each(CASES)('$schema: $file', ({ schema, file, range, broken, failedOn100 }) => {
  it('publishes as conforming', async () => {
    const { status, errors } = await publish(schema, range, fixture(file), file);
    expect({ status, errors }).toEqual({ status: 'published', errors: [] });
  });

  it(`fails when ${broken.field} is broken, with a report naming ${broken.field}`, async () => {
    const { status, errors } = await publish(schema, range, withCell(fixture(file), broken.field, broken.value), file);
    expect(status).toBe('failed');
    expect(errors).toEqual([expect.objectContaining({ field: broken.field, row: 2 })]);
    expect(errors[0].message).toContain(broken.value);
  });

  it(`failed on 1.0.0 on ${failedOn100.join(', ') || 'nothing'}`, async () => {
    const { status, errors } = await publish(schema, '1.0.0', fixture(file), file);
    expect(status).toBe(failedOn100.length ? 'failed' : 'published');
    expect([...new Set(errors.map((e) => e.field))].sort()).toEqual(failedOn100);
  });
});

describe('versions of an original schema', () => {
  it('lists the shipped versions with their changelog and classification', async () => {
    const listed = await t.request('GET', '/api/v1/schemas/borough-indicators/versions');
    expect(listed.status).toBe(200);
    const versions = listed.body.results.map((v: { version: string; change: string; basedOn: string; shipped: boolean }) => [
      v.version,
      v.change,
      v.basedOn,
      v.shipped,
    ]);
    expect(versions).toEqual([
      ['1.0.0', 'none', '1.0.0', true],
      ['1.1.0', 'compatible', '1.0.0', true],
      ['2.0.0', 'breaking', '1.1.0', true],
    ]);
    const v2 = await t.request('GET', '/api/v1/schemas/borough-indicators/versions/2.0.0');
    expect(v2.body.reason).toContain('GLA London Borough Profiles 2017');
    expect(v2.body.schemaDocument.$id).toBe('https://data.london.gov.uk/ldx/schemas/data/borough-indicators/2.0.0');
    expect(v2.body.differences).toEqual([expect.objectContaining({ field: 'period', breaking: true })]);
  });

  it('never applies the breaking 2.0.0 to a declaration without a range: pooled periods fail there, naming period', async () => {
    const file = 'london-borough-profiles-2017-pooled-periods-long.csv';
    const { status, errors } = await publish('borough-indicators', undefined, fixture(file), file);
    expect(status).toBe('failed');
    expect([...new Set(errors.map((e) => e.field))]).toEqual(['period']);
  });
});

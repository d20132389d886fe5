import { RowSerialiser } from '../../../functions/ingest/core/outputs/serialise-row';
import { rowGroupRows } from '../../../functions/ingest/core/outputs/parquet';
import { DuckDBInstance } from '@duckdb/node-api';
import { readFile } from 'node:fs/promises';
import { listDir, processBytes, processFile, readNdjson, removeWorkDirs } from './helpers';

afterAll(removeWorkDirs);

async function queryParquet(path: string, sql: (table: string) => string): Promise<Record<string, unknown>[]> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    return (await connection.runAndReadAll(sql(`'${path.replace(/'/g, "''")}'`))).getRowObjectsJson() as Record<string, unknown>[];
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

describe('normalised CSV', () => {
  it('neutralises formula injection in text cells but leaves numbers alone', async () => {
    const result = await processFile('formats/injection.csv');
    expect(result.schema.fields.map((f) => f.type)).toEqual(['string', 'integer', 'string']);
    const csv = await readFile(result.outputs!.csv.path, 'utf8');
    expect(csv).toBe('label,amount,comment\r\n' + "'=1+2,-45,'-45 is a debt\r\n" + "'@SUM(A1),-45138,'+tip\r\n" + "plain,12,'\ttab start\r\n");
    // The JSON outputs keep the exact values: neutralising is for spreadsheets only.
    expect(await readNdjson(result.outputs!.ndjson.path)).toEqual([
      { label: '=1+2', amount: -45, comment: '-45 is a debt' },
      { label: '@SUM(A1)', amount: -45138, comment: '+tip' },
      { label: 'plain', amount: 12, comment: '\ttab start' },
    ]);
  });

  it('quotes per RFC 4180 and writes UTF-8 with CRLF', async () => {
    const result = await processBytes('name,note\n"Smith, J","said ""hi""\nthen left"\nCafé,£5\n');
    const csv = await readFile(result.outputs!.csv.path, 'utf8');
    expect(csv).toBe('name,note\r\n"Smith, J","said ""hi""\nthen left"\r\nCafé,£5\r\n');
  });
});

describe('outputs of a declared schema', () => {
  it('writes typed NDJSON, a JSON array and Parquet with the schema types', async () => {
    const result = await processFile('formats/ev-charge-points.csv', { dataSchemaId: 'ev-charge-points' });
    expect(result.report.errors).toEqual([]);
    expect(result.ok).toBe(true);
    const ndjson = await readNdjson(result.outputs!.ndjson.path);
    const json = JSON.parse(await readFile(result.outputs!.json.path, 'utf8'));
    expect(json).toEqual(ndjson);
    expect(ndjson[0]).toEqual({
      charge_point_id: 'CP-0001',
      name: '=HYPERLINK("http://evil.example")',
      operator: 'Source London',
      borough_gss_code: 'E09000007',
      postcode: 'NW1 2DB',
      latitude: 51.5343,
      longitude: -0.1389,
      connector_type: 'Type 2',
      power_kw: 7.4,
      connectors: 2,
      open_24_hours: true,
      commissioned_on: '2021-06-01',
      last_updated: '2024-03-31T08:15:00Z',
    });
    expect(ndjson[1]).toMatchObject({ commissioned_on: '2022-07-15', last_updated: '2024-03-30T18:00:00', open_24_hours: false });
    expect(ndjson[3]).toMatchObject({ postcode: null, open_24_hours: null, last_updated: null });

    const csv = (await readFile(result.outputs!.csv.path, 'utf8')).split('\r\n');
    expect(csv[1]).toBe(
      `CP-0001,"'=HYPERLINK(""http://evil.example"")",Source London,E09000007,NW1 2DB,51.5343,-0.1389,Type 2,7.4,2,true,2021-06-01,2024-03-31T08:15:00Z`,
    );
    expect(csv[3]).toMatch(/^CP-0003,'\+44 lamp post,/);
    expect(csv[4]).toMatch(/^CP-0004,'@home,/);

    const types = await queryParquet(result.outputs!.parquet.path, (t) => `SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM ${t})`);
    expect(Object.fromEntries(types.map((r) => [r.column_name, r.column_type]))).toEqual({
      charge_point_id: 'VARCHAR',
      name: 'VARCHAR',
      operator: 'VARCHAR',
      borough_gss_code: 'VARCHAR',
      postcode: 'VARCHAR',
      latitude: 'DOUBLE',
      longitude: 'DOUBLE',
      connector_type: 'VARCHAR',
      power_kw: 'DOUBLE',
      connectors: 'BIGINT',
      open_24_hours: 'BOOLEAN',
      commissioned_on: 'DATE',
      last_updated: 'TIMESTAMP',
    });
    const back = await queryParquet(
      result.outputs!.parquet.path,
      (t) => `SELECT name, connectors::INTEGER AS connectors, commissioned_on::VARCHAR AS d FROM ${t} ORDER BY charge_point_id`,
    );
    expect(back[0]).toEqual({ name: '=HYPERLINK("http://evil.example")', connectors: 2, d: '2021-06-01' });
    expect(back).toHaveLength(4);
  });

  it('reports output sizes and media types', async () => {
    const { outputs } = await processFile('formats/readings.ndjson', { dataSchemaId: 'air-quality-readings' });
    expect(outputs?.csv.mediaType).toBe('text/csv; charset=utf-8');
    expect(outputs?.ndjson.mediaType).toBe('application/x-ndjson');
    expect(outputs?.json.mediaType).toBe('application/json');
    expect(outputs?.parquet.mediaType).toBe('application/vnd.apache.parquet');
    expect(outputs?.ndjson.bytes).toBe((await readFile(outputs!.ndjson.path)).length);
    const types = await queryParquet(outputs!.parquet.path, (t) => `SELECT column_type FROM (DESCRIBE SELECT measured_at FROM ${t})`);
    expect(types).toEqual([{ column_type: 'TIMESTAMP WITH TIME ZONE' }]);
  });
});

describe('Parquet with hostile column names', () => {
  it('quotes names rather than running them as SQL', async () => {
    const header = `"a'); DROP TABLE t; --","say ""hi""",back\\slash`;
    const result = await processBytes(`${header}\n1,2,3\n`);
    expect(result.ok).toBe(true);
    const rows = await queryParquet(result.outputs!.parquet.path, (t) => `SELECT * FROM ${t}`);
    expect(rows).toEqual([{ "a'); DROP TABLE t; --": '1', 'say "hi"': '2', 'back\\slash': '3' }]);
  });

  it('writes an empty table when there is a header and no rows', async () => {
    const result = await processBytes('a,b\n');
    expect(result.report).toMatchObject({ valid: true, rowCount: 0, columnCount: 2 });
    const rows = await queryParquet(result.outputs!.parquet.path, (t) => `SELECT count(*)::INTEGER AS n FROM ${t}`);
    expect(rows).toEqual([{ n: 0 }]);
    expect(JSON.parse(await readFile(result.outputs!.json.path, 'utf8'))).toEqual([]);
  });
});

describe('an invalid upload', () => {
  it('publishes nothing and leaves the work directory empty', async () => {
    const result = await processFile('errors/constraint-error.csv', { dataSchemaId: 'ev-charge-points' });
    expect(result.ok).toBe(false);
    expect(result.outputs).toBeUndefined();
    expect(await listDir(result.workDir)).toEqual([]);
    expect(result.schema.fields).toHaveLength(8);
  });
});

describe('Parquet row groups', () => {
  it('hold a bounded number of cells, so a wide file cannot exhaust DuckDB’s memory', () => {
    expect(rowGroupRows(10)).toBe(61_440);
    expect(rowGroupRows(200) * 200).toBeLessThanOrEqual(614_400);
    expect(rowGroupRows(1000)).toBeGreaterThanOrEqual(2_048);
    expect(rowGroupRows(1)).toBeLessThanOrEqual(122_880);
  });
});

describe('RowSerialiser', () => {
  it('writes JSON lines exactly as JSON.stringify, and neutralises formulas in text cells only', () => {
    const texts = [
      'plain',
      'quote " inside',
      'back\\slash',
      'line\nbreak',
      'tab\there',
      '\u0000\u001f',
      'é€😀',
      '\u2028',
      '=1+1',
      '+44',
      '-x',
      '@me',
      '\tlead',
      '\rlead',
      "'kept",
    ];
    const serialiser = new RowSerialiser([
      { name: 'text', type: 'string' },
      { name: 'n', type: 'number' },
    ]);
    for (const text of texts) {
      serialiser.serialise([text, -4.5]);
      expect(serialiser.jsonLine).toBe(`${JSON.stringify({ text, n: -4.5 })}\n`);
      const neutral = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
      expect(serialiser.csvLine).toBe(`${/[",\r\n]/.test(neutral) ? `"${neutral.replace(/"/g, '""')}"` : neutral},-4.5\r\n`);
    }
  });
});

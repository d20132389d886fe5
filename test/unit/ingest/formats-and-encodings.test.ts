import { readFile } from 'node:fs/promises';
import { fixture, processBytes, processFile, readNdjson, removeWorkDirs } from './helpers';

afterAll(removeWorkDirs);

describe('every encoding decodes to the same text', () => {
  const expected = [
    { area: 'Camden', price: 1234.5, note: 'Café Rouge' },
    { area: 'Hackney', price: 980, note: 'Naïve façade' },
  ];

  it.each([
    ['utf8.csv', 'utf-8'],
    ['utf8-bom.csv', 'utf-8-bom'],
    ['utf16le-bom.csv', 'utf-16le'],
    ['utf16be-bom.csv', 'utf-16be'],
    ['windows-1252.csv', 'windows-1252'],
  ])('%s is read as %s', async (name, encoding) => {
    const result = await processFile(`encodings/${name}`);
    expect(result.detected).toEqual({ encoding, format: 'csv', delimiter: ',' });
    expect(result.report.errors).toEqual([]);
    expect(result.schema.fields.map((f) => [f.name, f.type])).toEqual([
      ['area', 'string'],
      ['price', 'number'],
      ['note', 'string'],
    ]);
    expect(result.schema.fields[1]).toMatchObject({ groupChar: ',', bareNumber: false });
    expect(await readNdjson(result.outputs!.ndjson.path)).toEqual(expected);
  });

  it('keeps UTF-16 intact when characters are split across tiny chunks', async () => {
    const bytes = await readFile(fixture('encodings/utf16le-bom.csv'));
    const result = await processBytes(bytes, {}, 3);
    expect(result.detected.encoding).toBe('utf-16le');
    expect((await readNdjson(result.outputs!.ndjson.path))[1].note).toBe('Naïve façade');
  });

  it('keeps UTF-8 intact when multi-byte characters are split across chunks', async () => {
    const bytes = await readFile(fixture('encodings/utf8-bom.csv'));
    const result = await processBytes(bytes, {}, 1);
    expect(result.report.valid).toBe(true);
    expect((await readNdjson(result.outputs!.ndjson.path))[0].note).toBe('Café Rouge');
  });
});

describe('every format gives the same typed rows', () => {
  const readings = [
    {
      site_code: 'BX1',
      borough_gss_code: 'E09000004',
      pollutant: 'NO2',
      measured_at: '2024-03-31T00:00:00Z',
      value: 21.5,
      unit: 'ug/m3',
      ratified: true,
      data_capture_pct: 98,
    },
    {
      site_code: 'CT3',
      borough_gss_code: 'E09000001',
      pollutant: 'PM2.5',
      measured_at: '2024-03-31T00:00:00Z',
      value: 8.25,
      unit: 'ug/m3',
      ratified: false,
      data_capture_pct: 100,
    },
    {
      site_code: 'MY7',
      borough_gss_code: 'E09000033',
      pollutant: 'NO2',
      measured_at: '2024-03-31T02:00:00Z',
      value: null,
      unit: 'ug/m3',
      ratified: false,
      data_capture_pct: 0,
    },
  ];

  it.each([
    ['readings.tsv', { format: 'tsv', delimiter: '\t' }],
    ['readings-semicolon.csv', { format: 'csv', delimiter: ';' }],
    ['readings-pipe.psv', { format: 'csv', delimiter: '|' }],
    ['readings.json', { format: 'json' }],
    ['readings.ndjson', { format: 'ndjson' }],
  ])('%s against the air-quality-readings schema', async (name, format) => {
    const result = await processFile(`formats/${name}`, { dataSchemaId: 'air-quality-readings' });
    expect(result.detected).toEqual({ encoding: 'utf-8', ...format });
    expect(result.report).toMatchObject({ valid: true, rowCount: 3, columnCount: 8, errorCount: 0 });
    expect(result.schemaSource).toBe('declared');
    expect(result.dataSchema).toEqual({
      id: 'air-quality-readings',
      $id: 'https://data.london.gov.uk/ldx/schemas/data/air-quality-readings/1.1.0',
      version: '1.1.0',
    });
    expect(await readNdjson(result.outputs!.ndjson.path)).toEqual(readings);
  });

  it('infers the same types from JSON values as from CSV text', async () => {
    const fromJson = await processFile('formats/readings.json');
    const fromCsv = await processFile('formats/readings.tsv');
    expect(fromJson.schema.fields.map((f) => f.type)).toEqual(['string', 'string', 'string', 'datetime', 'number', 'string', 'boolean', 'integer']);
    expect(fromJson.schema).toEqual(fromCsv.schema);
  });

  it('reads GeoJSON features as properties plus the geometry as JSON text', async () => {
    const result = await processFile('formats/charge-points.geojson');
    expect(result.detected).toEqual({ encoding: 'utf-8', format: 'geojson' });
    expect(result.schema.fields.map((f) => [f.name, f.type])).toEqual([
      ['charge_point_id', 'string'],
      ['operator', 'string'],
      ['power_kw', 'number'],
      ['geometry', 'string'],
    ]);
    const rows = await readNdjson(result.outputs!.ndjson.path);
    expect(rows[0]).toEqual({
      charge_point_id: 'CP-001',
      operator: 'Source London',
      power_kw: 7.4,
      geometry: '{"type":"Point","coordinates":[-0.1278,51.5074]}',
    });
    expect(JSON.parse(rows[1].geometry as string).coordinates).toEqual([-0.0754, 51.5055]);
  });

  it("makes the JSON header the union of the first objects' keys, in first-seen order", async () => {
    const result = await processBytes('[{"a": 1}, {"b": "x", "a": 2}, {"c": 3}]');
    expect(result.schema.fields.map((f) => f.name)).toEqual(['a', 'b', 'c']);
    expect(await readNdjson(result.outputs!.ndjson.path)).toEqual([
      { a: 1, b: null, c: null },
      { a: 2, b: 'x', c: null },
      { a: null, b: null, c: 3 },
    ]);
  });

  it('stringifies nested JSON values consistently', async () => {
    const result = await processBytes('{"id": 1, "tags": ["a", "b"], "meta": {"k": true}}\n{"id": 2, "tags": [], "meta": null}\n');
    expect(await readNdjson(result.outputs!.ndjson.path)).toEqual([
      { id: 1, tags: '["a","b"]', meta: '{"k":true}' },
      { id: 2, tags: '[]', meta: null },
    ]);
  });
});

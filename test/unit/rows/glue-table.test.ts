import { athenaCopyLocation, athenaVersionTable, glueTableName } from '../../../functions/rows/glue-table';
import { decodeLocalDatetimes, encodeLocalDatetimes } from '../../../functions/domain/athena-copy';

const schema = {
  fields: [
    { name: 'Site Code', type: 'string' },
    { name: 'reading', type: 'integer' },
    { name: 'value', type: 'number' },
    { name: 'ratified', type: 'boolean' },
    { name: 'day', type: 'date' },
    { name: 'measured_at', type: 'datetime' },
    { name: 'local_time', type: 'datetime' },
    { name: 'notes', type: 'any' },
  ],
};

describe('the Glue table of a version', () => {
  it('is an external Parquet table over the Athena copy, its columns from the Table Schema after a leading row number', () => {
    const mapped = athenaVersionTable({
      name: 'r_readings_abc_v3',
      schema,
      localDatetimes: new Set([6]),
      location: 's3://published-bucket/datasets/d1/readings/v3/athena/',
      description: 'readings v3',
    });
    expect(mapped?.table).toEqual({
      Name: 'r_readings_abc_v3',
      Description: 'readings v3',
      TableType: 'EXTERNAL_TABLE',
      Parameters: { classification: 'parquet', EXTERNAL: 'TRUE', 'parquet.compression': 'ZSTD' },
      StorageDescriptor: {
        Columns: [
          { Name: '__ldx_row', Type: 'bigint', Comment: 'row number (1-based, file order)' },
          { Name: 'site code', Type: 'string' },
          { Name: 'reading', Type: 'bigint' },
          { Name: 'value', Type: 'double' },
          { Name: 'ratified', Type: 'boolean' },
          { Name: 'day', Type: 'date' },
          { Name: 'measured_at', Type: 'timestamp' },
          { Name: 'local_time', Type: 'timestamp' },
          { Name: 'notes', Type: 'string' },
        ],
        Location: 's3://published-bucket/datasets/d1/readings/v3/athena/',
        InputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat',
        OutputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat',
        SerdeInfo: { SerializationLibrary: 'org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe', Parameters: { 'serialization.format': '1' } },
      },
    });
    // Clients keep the schema's names; instants compare in UTC, local date-times as written.
    expect(mapped?.columns.map((c) => `${c.name}:${c.sqlType}`)).toEqual([
      'Site Code:VARCHAR',
      'reading:BIGINT',
      'value:DOUBLE',
      'ratified:BOOLEAN',
      'day:DATE',
      'measured_at:TIMESTAMPTZ',
      'local_time:TIMESTAMP',
      'notes:VARCHAR',
    ]);
    expect(mapped?.rowIdColumn).toBe('__ldx_row');
  });

  it('cannot map a schema whose names collide once lower-cased, hold control characters, or is missing', () => {
    const table = (fields: unknown) => athenaVersionTable({ name: 't', schema: { fields }, localDatetimes: new Set(), location: 's3://b/p/', description: '' });
    expect(
      table([
        { name: 'Value', type: 'number' },
        { name: 'value', type: 'number' },
      ]),
    ).toBeUndefined();
    expect(table([{ name: 'a\nb', type: 'string' }])).toBeUndefined();
    expect(table([])).toBeUndefined();
    expect(athenaVersionTable({ name: 't', schema: undefined, localDatetimes: new Set(), location: 's3://b/p/', description: '' })).toBeUndefined();
  });

  it('has a safe, distinct name for every dataset, resource and version', () => {
    const name = glueTableName('d-123', "Air Quality: NO₂ 'readings'; DROP TABLE x", 12);
    expect(name).toMatch(/^r_air_quality_no_readings_drop_table_x_[0-9a-f]{16}_v12$/);
    expect(glueTableName('d-123', 'readings', 1)).not.toBe(glueTableName('d-124', 'readings', 1));
    expect(glueTableName('d-123', 'a b', 1)).not.toBe(glueTableName('d-123', 'a_b', 1));
    expect(glueTableName('d', '', 1)).toMatch(/^r_resource_[0-9a-f]{16}_v1$/);
    expect(glueTableName('d', 'x'.repeat(300), 1).length).toBeLessThan(80);
  });

  it("points at the Athena copy next to the version's Parquet, in a prefix of its own", () => {
    expect(athenaCopyLocation('pub', 'datasets/d1/readings/v3/data.parquet')).toBe('s3://pub/datasets/d1/readings/v3/athena/');
  });
});

describe("the Athena copy's list of date-time columns without an offset", () => {
  it('round-trips through S3 metadata, and is refused when it would not fit', () => {
    const local = [false, true, false, true];
    expect(encodeLocalDatetimes(local)).toBe('1,3');
    expect([...decodeLocalDatetimes(encodeLocalDatetimes(local))]).toEqual([1, 3]);
    expect(decodeLocalDatetimes(undefined).size).toBe(0);
    expect(encodeLocalDatetimes(Array.from({ length: 1000 }, () => true))).toBeUndefined();
  });
});

import { Readable } from 'node:stream';
import { type DataSchema, getDataSchema } from '../../../functions/ingest/core/data-schemas';
import { validateUpload } from '../../../functions/ingest/core';

/**
 * On the JS path the compiled fast check accepts valid rows; ajv is compiled (and loaded)
 * only for the first row the fast check does not pass, which ajv then judges and words.
 */

/** The registered schema, with its `validate` getter counted. */
function watched(): { schema: DataSchema; compiles: () => number } {
  const registered = getDataSchema('air-quality-readings') as DataSchema;
  let reads = 0;
  const schema = Object.defineProperties({}, Object.getOwnPropertyDescriptors(registered)) as DataSchema;
  Object.defineProperty(schema, 'validate', {
    get() {
      reads++;
      return registered.validate;
    },
  });
  return { schema, compiles: () => reads };
}

const HEADER = 'site_code,borough_gss_code,pollutant,measured_at,value,unit\n';
const validRows = Array.from({ length: 50 }, (_, i) => `S${i},E09000007,NO2,2024-01-01T${String(i % 24).padStart(2, '0')}:00:00Z,${i}.5,ug/m3`);

async function validate(csv: string, schema: DataSchema) {
  return validateUpload({ source: Readable.from([Buffer.from(csv)]), filename: 'readings.csv', dataSchema: schema, fastPath: false });
}

describe('the declared schema on the JS path', () => {
  it('validates a valid file without ever asking for the ajv validator', async () => {
    const { schema, compiles } = watched();
    const result = await validate(HEADER + validRows.join('\n'), schema);
    expect(result.report).toMatchObject({ valid: true, rowCount: 50 });
    expect(compiles()).toBe(0);
  });

  it('asks ajv once a row breaks a rule, and reports as ajv words it', async () => {
    const { schema, compiles } = watched();
    const rows = [...validRows];
    rows[9] = 'S9,E09000099,NO2,2024-01-01T09:00:00Z,1,ug/m3'; // not a London borough's code
    rows[20] = 'S20,E09000007,NO2,2024-01-01T20:00:00Z,99999,ug/m3'; // above the maximum
    const result = await validate(HEADER + rows.join('\n'), schema);
    expect(result.report.valid).toBe(false);
    expect(result.report.errors.map((e) => [e.row, e.field])).toEqual([
      [11, 'borough_gss_code'],
      [22, 'value'],
    ]);
    expect(compiles()).toBeGreaterThan(0);
  });
});

import { Table } from 'tableschema';

/**
 * The comparison point: the Frictionless `tableschema` package validating the same rows against
 * the same constraints as the common schema `air-quality-readings` (casting every cell).
 */
const descriptor = {
  fields: [
    { name: 'site_code', type: 'string', constraints: { required: true, pattern: '[A-Z0-9]{2,8}' } },
    { name: 'borough_gss_code', type: 'string', constraints: { required: true, pattern: 'E090000(0[1-9]|[12][0-9]|3[0-3])' } },
    { name: 'pollutant', type: 'string', constraints: { required: true, enum: ['NO2', 'NOx', 'PM10', 'PM2.5', 'O3', 'SO2', 'CO'] } },
    { name: 'measured_at', type: 'datetime', format: 'any', constraints: { required: true } },
    { name: 'value', type: 'number', constraints: { minimum: -20, maximum: 5000 } },
    { name: 'unit', type: 'string', constraints: { required: true, enum: ['ug/m3', 'mg/m3', 'ppb'] } },
    { name: 'ratified', type: 'boolean' },
    { name: 'data_capture_pct', type: 'integer', constraints: { minimum: 0, maximum: 100 } },
    { name: 'latitude', type: 'number', constraints: { minimum: 51.2, maximum: 51.8 } },
    { name: 'longitude', type: 'number', constraints: { minimum: -0.6, maximum: 0.4 } },
  ],
  primaryKey: ['site_code', 'pollutant', 'measured_at'],
  missingValues: ['', 'NaN', '-', 'n/a', 'N/A'],
};

export const validateWithTableschema = async (file: string): Promise<{ report: { valid: boolean; errorCount: number; rowCount: number } }> => {
  const table = await Table.load(file, { schema: descriptor });
  let rows = 0;
  let errors = 0;
  // iter() returns a Node object-mode stream of cast rows (or Errors, with forceCast).
  const rowStream = (await table.iter({ cast: true, forceCast: true })) as unknown as AsyncIterable<unknown>;
  for await (const row of rowStream) {
    if (row instanceof Error) errors++;
    rows++;
  }
  return { report: { valid: errors === 0, errorCount: errors, rowCount: rows } };
};

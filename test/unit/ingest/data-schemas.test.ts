import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATA_SCHEMA_BASE, getDataSchema, listDataSchemas } from '../../../functions/ingest/core/data-schemas';

const DIR = join(__dirname, '../../../schemas/data');
const files = readdirSync(DIR).filter((f) => f.endsWith('.schema.json'));
const documents = files.map((f) => [f, JSON.parse(readFileSync(join(DIR, f), 'utf8'))] as const);

describe('common data schemas', () => {
  it('ships at least five, all registered', () => {
    expect(files.length).toBeGreaterThanOrEqual(5);
    expect(
      listDataSchemas()
        .map((s) => s.id)
        .sort(),
    ).toEqual(files.map((f) => f.replace('.schema.json', '')).sort());
  });

  it.each(documents)('%s is a documented, versioned draft 2020-12 row schema', (file, doc) => {
    const id = file.replace('.schema.json', '');
    expect(doc.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(doc.$id).toBe(`${DATA_SCHEMA_BASE}${id}/${doc.version}`);
    expect(doc.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(doc.title.length).toBeGreaterThan(3);
    expect(doc.description.length).toBeGreaterThan(20);
    expect(doc.type).toBe('object');
    for (const [name, property] of Object.entries<Record<string, unknown>>(doc.properties)) {
      expect([name, typeof property.title, typeof property.description]).toEqual([name, 'string', 'string']);
      expect(['integer', 'number', 'boolean', 'string']).toContain(property.type);
      if (property.format !== undefined) expect(['date', 'date-time']).toContain(property.format);
    }
    for (const name of doc.required) expect(Object.keys(doc.properties)).toContain(name);
    for (const name of doc['x-primaryKey'] ?? []) expect(Object.keys(doc.properties)).toContain(name);
  });

  it('finds a schema by short id or $id and compiles its validator once', () => {
    const byId = getDataSchema('ev-charge-points');
    expect(byId?.title).toBe('Electric vehicle charge points');
    expect(getDataSchema(`${DATA_SCHEMA_BASE}ev-charge-points/${byId?.version}`)).toBe(byId);
    expect(byId?.validate).toBe(byId?.validate);
    expect(getDataSchema('no-such-schema')).toBeUndefined();
  });

  it('lists fields with their exchange types', () => {
    const aq = listDataSchemas().find((s) => s.id === 'air-quality-readings');
    expect(aq?.fields.find((f) => f.name === 'measured_at')).toMatchObject({ type: 'datetime', required: true, title: 'Measured at' });
    expect(aq?.fields.find((f) => f.name === 'ratified')).toMatchObject({ type: 'boolean', required: false });
    expect(getDataSchema('borough-indicators')?.primaryKey).toEqual(['gss_code', 'indicator', 'period']);
  });

  it('validates rows with every constraint keyword compiled in', () => {
    const validate = getDataSchema('borough-indicators')!.validate;
    const row = { gss_code: 'E13000001', area_name: 'Inner London', indicator: 'Population', period: '2015/16', value: 3.5, unit: 'persons' };
    expect(validate(row)).toBe(true);
    expect(validate({ ...row, gss_code: 'X123' })).toBe(false);
    expect(validate.errors?.[0]).toMatchObject({ keyword: 'pattern', instancePath: '/gss_code' });
    expect(validate({ ...row, period: '2015-13' })).toBe(false);
  });
});

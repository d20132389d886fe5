import { inferTableSchema } from '../../../functions/ingest/core/infer-schema';

describe('inferTableSchema', () => {
  const header = ['code', 'count', 'rate', 'money', 'flag', 'day', 'when', 'zip', 'empty', 'binary'];
  const rows = [
    ['E09000001', '8800', '30.3', '£1,234.50', 'yes', '2024-01-31', '2024-01-31T10:00:00Z', '007', '', '1'],
    ['E09000002', '12', '-', '£980', 'no', '2024-02-01', '2024-01-31 11:00', '012', 'NaN', '0'],
    ['E09000003', '3,611', 'NaN', '12', 'Yes', '2024-02-02', '01/02/2024 12:00', '120', '-', '1'],
  ];

  it('picks the most specific type every sampled value fits, skipping missing values', () => {
    const schema = inferTableSchema(header, rows);
    const types = Object.fromEntries(schema.fields.map((f) => [f.name, f.type]));
    expect(types).toEqual({
      code: 'string',
      count: 'integer',
      rate: 'number',
      money: 'number',
      flag: 'boolean',
      day: 'date',
      when: 'datetime',
      zip: 'string',
      empty: 'string',
      binary: 'integer',
    });
    expect(schema.missingValues).toEqual(expect.arrayContaining(['', 'NaN', '-', 'NA', 'N/A', '..']));
  });

  it('records the cleaning rules it relied on', () => {
    const fields = Object.fromEntries(inferTableSchema(header, rows).fields.map((f) => [f.name, f]));
    expect(fields.count).toMatchObject({ type: 'integer', groupChar: ',' });
    expect(fields.count.bareNumber).toBeUndefined();
    expect(fields.money).toMatchObject({ type: 'number', groupChar: ',', bareNumber: false });
    expect(fields.rate.groupChar).toBeUndefined();
    expect(fields.day.format).toBe('default');
    expect(fields.when.format).toBe('any');
    expect(fields.flag.trueValues).toContain('yes');
  });

  it('reads UK dates as dates with their format', () => {
    const schema = inferTableSchema(['d'], [['31/03/2024'], ['01/04/2024']]);
    expect(schema.fields[0]).toEqual({ name: 'd', type: 'date', format: '%d/%m/%Y' });
  });

  it('ignores unreadable rows and cells beyond the header', () => {
    const schema = inferTableSchema(['a'], [null, ['1', 'extra'], ['2']]);
    expect(schema.fields[0].type).toBe('integer');
  });
});

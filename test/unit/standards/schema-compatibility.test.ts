import spend from '../../../schemas/data/transparency-spend-over-500.schema.json';
import { classifySchemaChange, type RowSchemaDocument } from '../../../functions/standards/schema-compatibility';

const base = spend as unknown as RowSchemaDocument;

/** A copy of the real spend schema with one edit applied. */
function edited(edit: (document: RowSchemaDocument & { properties: Record<string, Record<string, unknown>> }) => void): RowSchemaDocument {
  const copy = structuredClone(base) as RowSchemaDocument & { properties: Record<string, Record<string, unknown>> };
  edit(copy);
  return copy;
}

describe('classifying a new version of a common schema', () => {
  it('finds no change between a schema and itself', () => {
    expect(classifySchemaChange(base, structuredClone(base))).toEqual({ change: 'none', differences: [] });
  });

  it('ignores wording: titles, descriptions, comments and examples', () => {
    const after = edited((d) => {
      d.properties.Amount.description = 'The amount paid, excluding recoverable VAT.';
      d.properties.Amount.examples = [1234.5];
      d.properties.Amount.$comment = 'reworded';
    });
    expect(classifySchemaChange(base, after).change).toBe('none');
  });

  const cases: [string, (d: RowSchemaDocument & { properties: Record<string, Record<string, unknown>> }) => void, 'compatible' | 'breaking', RegExp][] = [
    [
      'an optional field added',
      (d) => (d.properties.CostCentre = { type: 'string', title: 'Cost centre', description: 'x' }),
      'compatible',
      /new optional field "CostCentre"/,
    ],
    [
      'a required field added',
      (d) => {
        d.properties.CostCentre = { type: 'string', title: 'Cost centre', description: 'x' };
        d.required = [...(d.required ?? []), 'CostCentre'];
      },
      'breaking',
      /new required field "CostCentre"/,
    ],
    ['a field removed', (d) => delete d.properties.Purpose, 'breaking', /"Purpose" was removed/],
    [
      'a field renamed',
      (d) => {
        d.properties.PaymentPurpose = d.properties.Purpose;
        delete d.properties.Purpose;
        d.required = (d.required ?? []).map((f) => (f === 'Purpose' ? 'PaymentPurpose' : f));
      },
      'breaking',
      /"Purpose" was removed \(renamed to "PaymentPurpose"\?\)/,
    ],
    ['a required field made optional', (d) => (d.required = (d.required ?? []).filter((f) => f !== 'Purpose')), 'compatible', /"Purpose" is now optional/],
    ['an optional field made required', (d) => (d.required = [...(d.required ?? []), 'OrganisationLabel']), 'breaking', /"OrganisationLabel" is now required/],
    ['a number narrowed to an integer', (d) => (d.properties.Amount.type = 'integer'), 'breaking', /type changed from number to integer/],
    ['a number widened to text', (d) => (d.properties.Amount.type = 'string'), 'compatible', /type changed from number to string/],
    ['a date format removed (any text now)', (d) => delete d.properties.PaymentDate.format, 'compatible', /from string \(date\) to string/],
    ['a pattern removed', (d) => delete d.properties.OrganisationURI.pattern, 'compatible', /pattern removed/],
    ['a pattern tightened', (d) => (d.properties.OrganisationURI.pattern = '^https://\\S+$'), 'breaking', /pattern changed/],
    ['a maximum length lowered', (d) => (d.properties.Purpose.maxLength = 10), 'breaking', /maxLength/],
    ['a code list added', (d) => (d.properties.Purpose.enum = ['Goods', 'Services']), 'breaking', /now limited to the codes "Goods", "Services"/],
    ['values made unique', (d) => (d.properties.TransactionNumber = { ...d.properties.TransactionNumber, 'x-unique': true }), 'breaking', /must now be unique/],
    ['extra columns refused', (d) => (d.additionalProperties = false), 'breaking', /no longer allowed/],
    ['a missing-value marker added', (d) => (d['x-missingValues'] = ['', 'n/a']), 'compatible', /"n\/a" now counts as a missing value/],
    ['an unknown constraint added', (d) => (d.properties.Amount.not = { const: 0 }), 'breaking', /constraint "not" changed/],
  ];

  it.each(cases)('classifies %s', (_name, edit, expected, message) => {
    const result = classifySchemaChange(base, edited(edit));
    expect(result.change).toBe(expected);
    expect(result.differences.map((d) => d.message).join('\n')).toMatch(message);
  });

  it('treats an integer widened to a number as compatible, and the reverse as breaking', () => {
    const integers = edited((d) => (d.properties.Amount.type = 'integer'));
    expect(classifySchemaChange(integers, base)).toMatchObject({
      change: 'compatible',
      differences: [{ field: 'Amount', message: expect.stringMatching(/from integer to number/) }],
    });
    expect(classifySchemaChange(base, integers).change).toBe('breaking');
  });

  it('treats codes added to a list as compatible and codes removed as breaking', () => {
    const withCodes = edited((d) => (d.properties.Purpose.enum = ['Goods', 'Services']));
    const moreCodes = structuredClone(withCodes) as RowSchemaDocument & { properties: Record<string, Record<string, unknown>> };
    moreCodes.properties.Purpose.enum = ['Goods', 'Services', 'Works'];
    expect(classifySchemaChange(withCodes, moreCodes)).toMatchObject({ change: 'compatible', differences: [{ field: 'Purpose', breaking: false }] });
    expect(classifySchemaChange(moreCodes, withCodes)).toMatchObject({
      change: 'breaking',
      differences: [{ field: 'Purpose', message: expect.stringMatching(/codes removed: "Works"/) }],
    });
  });

  it('treats a primary key that gains a required column as compatible and one that loses a column as breaking', () => {
    const one = edited((d) => (d['x-primaryKey'] = ['TransactionNumber']));
    const two = edited((d) => (d['x-primaryKey'] = ['TransactionNumber', 'PaymentDate']));
    expect(classifySchemaChange(one, two).change).toBe('compatible');
    expect(classifySchemaChange(two, one).change).toBe('breaking');
    // A key column must be present: an optional column joining the key can fail rows that lack it.
    const withOptional = edited((d) => (d['x-primaryKey'] = ['TransactionNumber', 'OrganisationLabel']));
    expect(classifySchemaChange(one, withOptional).change).toBe('breaking');
  });

  it('reports every difference of a mixed change, and calls it breaking when any one is', () => {
    const after = edited((d) => {
      d.properties.CostCentre = { type: 'string', title: 'Cost centre', description: 'x' };
      d.properties.Amount.type = 'integer';
    });
    const result = classifySchemaChange(base, after);
    expect(result.change).toBe('breaking');
    expect(result.differences).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'CostCentre', breaking: false }), expect.objectContaining({ field: 'Amount', breaking: true })]),
    );
  });
});

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateUpload } from '../../../functions/ingest/core';
import { convertAll, schemaFile } from '../../../scripts/standards/convert';
import { decodeSource } from '../../../scripts/standards/decode-source';
import { parseSource } from '../../../scripts/standards/parse-source';
import { ORUK_TABLES, STANDARDS } from '../../../scripts/standards/standards';

const FIXTURES = join(__dirname, '../../fixtures/standards');
const SOURCES = join(__dirname, '../../../scripts/standards/sources');
const fixture = (id: string) => readFileSync(join(FIXTURES, `${id}.csv`), 'utf8');

async function* once(text: string): AsyncIterable<Uint8Array> {
  yield new TextEncoder().encode(text);
}

async function validate(id: string, text: string) {
  const { report } = await validateUpload({ source: once(text), filename: `${id}.csv`, dataSchemaId: id });
  return report;
}

/** Replaces one column's value on one line (line 0 is the header), keeping every other cell; only for lines without quoted commas. */
function withCell(csv: string, column: string, dataRow: number, value: string): string {
  const lines = csv.split('\n');
  const index = lines[0].split(',').indexOf(column);
  if (index < 0) throw new Error(`no column ${column}`);
  const cells = lines[dataRow].split(',');
  cells[index] = value;
  lines[dataRow] = cells.join(',');
  return lines.join('\n');
}

/** Drops one column from the header and every row (the fixtures used here have no quoted commas). */
function withoutColumn(csv: string, column: string): string {
  const lines = csv.trimEnd().split('\n');
  const index = lines[0].split(',').indexOf(column);
  if (index < 0) throw new Error(`no column ${column}`);
  return `${lines
    .map((line) =>
      line
        .split(',')
        .filter((_, i) => i !== index)
        .join(','),
    )
    .join('\n')}\n`;
}

describe('standards converted to common data schemas', () => {
  it('the converter is deterministic and the committed schemas are exactly its output', () => {
    const first = convertAll();
    const second = convertAll();
    expect([...first.keys()]).toEqual([...STANDARDS, ...ORUK_TABLES].map((s) => s.id));
    for (const [id, schema] of first) {
      expect(second.get(id)).toEqual(schema);
      expect(JSON.parse(readFileSync(schemaFile(id), 'utf8'))).toEqual(schema);
    }
  });

  it('keeps the sources byte for byte as published (the git blob ids in sources/README.md)', () => {
    const readme = readFileSync(join(SOURCES, 'README.md'), 'utf8');
    for (const file of [...STANDARDS.map((s) => s.file), 'oruk-3.0/datapackage.json']) {
      const bytes = readFileSync(join(SOURCES, file));
      const blob = createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
      expect(readme).toContain(`| \`${file}\` | `);
      expect(readme).toContain(`| \`${blob}\` |`);
    }
  });

  it('decodes the LGA sources whatever their encoding', () => {
    const spend = readFileSync(join(SOURCES, 'lga-spend/Spend.json'));
    expect(spend[1]).toBe(0); // UTF-16LE without a byte order mark, as published
    expect(decodeSource(spend, 'Spend.json').startsWith('{')).toBe(true);
    expect(decodeSource(new Uint8Array([0xff, 0xfe, 0x7b, 0, 0x7d, 0]), 'bom')).toBe('{}');
    expect(decodeSource(new Uint8Array([0xef, 0xbb, 0xbf, 0x7b, 0x7d]), 'bom')).toBe('{}');
    expect(() => decodeSource(new Uint8Array([0x7b, 0xff, 0x7d]), 'latin')).toThrow(/./);
  });

  it('repairs only the known invalid JSON, and fails loudly on anything else', () => {
    const repair = { reason: 'a stray escape', find: '"\\."', replace: '"\\\\."' };
    expect(parseSource('{"p": "\\."}', 'f', [repair])).toEqual({ p: '\\.' });
    expect(() => parseSource('{"p": "\\."}', 'f', [])).toThrow(/not valid JSON and has no known repair/);
    expect(() => parseSource('{"p": "x"}', 'f', [repair])).toThrow(/now parses as published/);
    expect(() => parseSource('{"p": "\\.", "q": "\\."}', 'f', [repair])).toThrow(/expects its text once, found it 2 times/);
    expect(() => parseSource('{"p": "\\.", }', 'f', [repair])).toThrow(/still not valid JSON/);
  });

  it.each(STANDARDS.map((s) => s.id))('a real-shaped %s file conforms through the ingest validation', async (id) => {
    const report = await validate(id, fixture(id));
    expect(report.errors).toEqual([]);
    expect(report.valid).toBe(true);
    expect(report.rowCount).toBeGreaterThanOrEqual(2);
  });

  it('reports a spend file by the LGA field names: a missing required column, a bad code, an impossible dd/mm/yyyy date', async () => {
    const id = 'transparency-spend-over-500';
    const missing = await validate(id, withoutColumn(fixture(id), 'BeneficiaryName'));
    expect(missing.valid).toBe(false);
    expect(missing.errors).toEqual([expect.objectContaining({ code: 'missing-label', field: 'BeneficiaryName' })]);

    const broken = withCell(withCell(fixture(id), 'CardTransaction', 3, 'Visa'), 'PaymentDate', 2, '31/02/2024');
    const report = await validate(id, broken);
    expect(report.errors.map((e) => [e.code, e.row, e.field])).toEqual([
      ['type-error', 3, 'PaymentDate'],
      ['constraint-error', 4, 'CardTransaction'],
    ]);
  });

  it('reports a brownfield register by the standard field names: code lists, patterns and pipe-separated URLs', async () => {
    const id = 'brownfield-land-register';
    let broken = withCell(fixture(id), 'PlanningStatus', 1, 'Permissioned');
    broken = withCell(broken, 'OrganisationURI', 2, 'https://example.org/winchester');
    broken = withCell(broken, 'PlanningHistory', 2, 'https://planningapps.winchester.gov.uk/a|this-item-is-not-a-url');
    const report = await validate(id, broken);
    expect(report.errors.map((e) => [e.code, e.row, e.field])).toEqual([
      ['constraint-error', 2, 'PlanningStatus'],
      ['constraint-error', 3, 'OrganisationURI'],
      ['constraint-error', 3, 'PlanningHistory'],
    ]);
    const missing = await validate(id, withoutColumn(fixture(id), 'SiteReference'));
    expect(missing.errors).toEqual([expect.objectContaining({ code: 'missing-label', field: 'SiteReference' })]);
  });

  it('enforces the public toilets patterns the published JSON had to be repaired for', async () => {
    const id = 'lodis-public-toilets';
    // Line 4 is the second record: the first has a location text spanning three lines.
    let broken = withCell(fixture(id), 'ReportEmail', 4, 'streetscene at rbkc');
    broken = withCell(broken, 'ExtractDate', 4, '2014-06-24');
    broken = withCell(broken, 'Category', 4, 'Both');
    const report = await validate(id, broken);
    expect(report.errors.map((e) => [e.code, e.row, e.field])).toEqual([
      ['constraint-error', 3, 'ExtractDate'],
      ['constraint-error', 3, 'Category'],
      ['constraint-error', 3, 'ReportEmail'],
    ]);
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateUpload } from '../../../functions/ingest/core';

/** 360Giving, a nested JSON standard: a real council's grants validate and flatten to rows; broken ones are reported in the standard's field names. */
const trafford = readFileSync(join(__dirname, '../../fixtures/standards/360giving/trafford_council_voluntary_sector_grants.json'), 'utf8');

async function* once(text: string): AsyncIterable<Uint8Array> {
  yield new TextEncoder().encode(text);
}

const validate = (text: string, filename = 'grants.json') => validateUpload({ source: once(text), filename, dataSchemaId: '360giving-grants' });

/** The Trafford package with the first grants edited. */
const edited = (edit: (grants: Array<Record<string, any>>) => void): string => {
  const document = JSON.parse(trafford);
  edit(document.grants);
  return JSON.stringify(document);
};

it('accepts a real local authority’s 360Giving package and makes one row per grant, flattened as the standard’s template names columns', async () => {
  const { report, schema } = await validate(trafford);
  expect(report).toMatchObject({ valid: true, errorCount: 0, rowCount: 555 });
  const columns = schema.fields.map((f) => f.name);
  expect(columns.slice(0, 6)).toEqual(['id', 'title', 'description', 'currency', 'amountAwarded', 'awardDate']);
  expect(columns).toEqual(
    expect.arrayContaining(['recipientOrganization/0/id', 'recipientOrganization/0/name', 'beneficiaryLocation/0/geoCode', 'fundingOrganization/0/id']),
  );
  expect(schema.fields.find((f) => f.name === 'amountAwarded')?.type).toMatch(/integer|number/);
});

it('reports each broken grant by its position and the standard’s field path, closed code lists included', async () => {
  const broken = edited((grants) => {
    grants[0].amountAwarded = 'two thousand';
    grants[1].currency = 'XYZ';
    delete grants[2].recipientOrganization[0].id;
    grants[3].awardDate = '18/01/2013';
    grants[4].regrantType = 'Nonsense';
  });
  const { report } = await validate(broken);
  expect(report.valid).toBe(false);
  const found = report.errors.map((e) => [e.row, e.field]);
  expect(found).toEqual(
    expect.arrayContaining([
      [2, 'amountAwarded'],
      [3, 'currency'],
      [4, 'recipientOrganization/0/id'],
      [5, 'awardDate'],
      [6, 'regrantType'],
    ]),
  );
  expect(report.errors.find((e) => e.field === 'currency')?.message).toMatch(/^Grant 2: currency .*"XYZ" is not one of the allowed values/);
  // A closed code list the schema states only through the standard's own codelist keyword.
  expect(report.errors.find((e) => e.field === 'regrantType')?.message).toBe(
    `Grant 5: regrantType (For Regrant Type): "Nonsense" is not a code of the standard's code list regrantType.csv`,
  );
  // Every problem is about one of the five broken grants.
  expect(new Set(report.errors.map((e) => e.row))).toEqual(new Set([2, 3, 4, 5, 6]));
});

it('refuses a file that is not a 360Giving package, saying what the standard expects', async () => {
  expect((await validate('{"awards": []}')).report.errors.map((e) => e.message)).toEqual([
    'grants is required',
    expect.stringMatching(/a JSON object with a "grants" list/),
  ]);
  expect((await validate('id,title\n1,x\n', 'grants.csv')).report.errors[0]).toMatchObject({
    code: 'format-error',
    message: expect.stringMatching(/one JSON document .*this file does not start with one/),
  });
  expect((await validate('{"grants": [}')).report.errors[0].message).toMatch(/not valid JSON/);
  expect((await validate('{"grants": []}')).report.errors[0]).toMatchObject({
    field: 'grants',
    message: expect.stringMatching(/must NOT have fewer than 1 items/),
  });
});

describe('OCDS 1.1.5 release packages', () => {
  const releases = readFileSync(join(__dirname, '../../fixtures/standards/ocds/camden-releases.json'), 'utf8');
  const validateOcds = (text: string) => validateUpload({ source: once(text), filename: 'releases.json', dataSchemaId: 'ocds-releases' });

  it('accepts a release package written to the draft-04 schema, one row per release', async () => {
    const { report, schema } = await validateOcds(releases);
    expect(report).toMatchObject({ valid: true, rowCount: 8 });
    expect(schema.fields.map((f) => f.name)).toEqual(
      expect.arrayContaining(['ocid', 'tag/0', 'tender/value/amount', 'tender/items/0/classification/id', 'awards/0/value/amount']),
    );
  });

  it('enforces the closed code lists and the required fields, naming the release and the field', async () => {
    const document = JSON.parse(releases);
    document.releases[0].tender.status = 'pending';
    document.releases[2].tender.procurementMethod = 'negotiated';
    delete document.releases[3].ocid;
    const { report } = await validateOcds(JSON.stringify(document));
    expect(report.valid).toBe(false);
    const found = report.errors.map((e) => [e.row, e.field]);
    expect(found).toEqual(
      expect.arrayContaining([
        [2, 'tender/status'],
        [4, 'tender/procurementMethod'],
        [5, 'ocid'],
      ]),
    );
    expect(report.errors.find((e) => e.field === 'ocid')?.message).toBe('Release 4: ocid is required');
  });
});

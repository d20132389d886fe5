import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateUpload } from '../../../functions/ingest/core';

/** Open Referral UK 3.0's core tables as common data schemas: the standard's own examples conform, broken rows are named by its fields. */
const example = (file: string) => readFileSync(join(__dirname, '../../fixtures/standards/oruk', file), 'utf8');

async function* once(text: string): AsyncIterable<Uint8Array> {
  yield new TextEncoder().encode(text);
}

const validate = async (id: string, text: string) => (await validateUpload({ source: once(text), filename: `${id}.csv`, dataSchemaId: id })).report;

it.each([
  ['oruk-organizations', 'organizations.csv'],
  ['oruk-services', 'services.csv'],
  ['oruk-locations', 'locations.csv'],
])('the standard’s own example %s (%s) conforms', async (id, file) => {
  const report = await validate(id, example(file));
  expect(report.errors).toEqual([]);
  expect(report.rowCount).toBe(1);
});

it('reports a service with a status outside the standard’s list and an organisation id that is no UUID', async () => {
  const broken = example('services.csv').replace(',active,', ',open,').replace('d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610', 'org-42');
  const report = await validate('oruk-services', broken);
  expect(report.errors.map((e) => [e.code, e.row, e.field])).toEqual([
    ['constraint-error', 2, 'organization_id'],
    ['constraint-error', 2, 'status'],
  ]);
});

it('reports a location table without its required location_type column', async () => {
  const [header, row] = example('locations.csv').trim().split('\n');
  const drop = (line: string) =>
    line
      .split(',')
      .filter((_, i) => i !== 1)
      .join(',');
  const report = await validate('oruk-locations', `${drop(header)}\n${drop(row)}\n`);
  expect(report.errors).toEqual([expect.objectContaining({ code: 'missing-label', field: 'location_type' })]);
});

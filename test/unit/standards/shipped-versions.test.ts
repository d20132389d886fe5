import { DATA_SCHEMA_BASE, getDataSchema } from '../../../functions/ingest/core/data-schemas';
import { classifySchemaChange, type RowSchemaDocument } from '../../../functions/standards/schema-compatibility';
import { changelogOf, shippedSchemaVersion, shippedVersions } from '../../../functions/standards/shipped-versions';
import { defaultRange, highestInRange, versionNumberProblem } from '../../../functions/standards/version-rules';

/** The five schemas written for the exchange, reviewed against real files (test/fixtures/standards-real). */
const ORIGINAL = ['air-quality-readings', 'borough-indicators', 'ev-charge-points', 'planning-applications', 'road-traffic-collisions'];

const versionsOf = (id: string) => shippedVersions(getDataSchema(id)!);

describe.each(ORIGINAL)('%s: shipped versions', (id) => {
  it('keeps 1.0.0 and has at least one reviewed version after it', () => {
    const versions = versionsOf(id).map((v) => v.version);
    expect(versions[0]).toBe('1.0.0');
    expect(versions.length).toBeGreaterThanOrEqual(2);
  });

  it("gives every version an $id under the exchange's own base URL, naming the schema and the version", () => {
    expect(DATA_SCHEMA_BASE).toBe('https://data.london.gov.uk/ldx/schemas/data/');
    for (const { version, document } of versionsOf(id)) expect(document.$id).toBe(`${DATA_SCHEMA_BASE}${id}/${version}`);
  });

  it('has a changelog entry for exactly the shipped versions, each later change naming its source', () => {
    const changelog = changelogOf(id)!;
    expect(changelog.schema).toBe(id);
    expect(changelog.versions.map((entry) => entry.version)).toEqual(versionsOf(id).map((v) => v.version));
    for (const entry of changelog.versions.slice(1)) {
      expect(entry.changes.length).toBeGreaterThan(0);
      for (const { change, source } of entry.changes) {
        expect(change.length).toBeGreaterThan(10);
        expect(source.length).toBeGreaterThan(10);
      }
    }
    // The API's reason carries the changelog, sources included.
    expect(versionsOf(id)[1].reason).toContain('(Source: ');
  });

  it('numbers each version as its classified change requires: compatible is a minor version, breaking a major one', () => {
    const versions = versionsOf(id);
    for (let i = 1; i < versions.length; i++) {
      const { change } = classifySchemaChange(versions[i - 1].document as RowSchemaDocument, versions[i].document as RowSchemaDocument);
      expect({ version: versions[i].version, problem: versionNumberProblem(versions[i - 1].version, versions[i].version, change) }).toEqual({
        version: versions[i].version,
        problem: undefined,
      });
    }
  });

  it('makes the current schema file the version a declaration without a range takes', () => {
    const current = getDataSchema(id)!;
    const versions = versionsOf(id).map((v) => v.version);
    expect(highestInRange(versions, defaultRange('1.0.0'))).toBe(current.version);
    expect(shippedSchemaVersion(current, current.version)).toBe(current);
  });
});

describe('borough indicators 2.0.0', () => {
  it('is breaking (its period pattern changed), so the 1.x line is kept beside it', () => {
    const [, v1, v2] = versionsOf('borough-indicators');
    expect([v1.version, v2.version]).toEqual(['1.1.0', '2.0.0']);
    const { change, differences } = classifySchemaChange(v1.document as RowSchemaDocument, v2.document as RowSchemaDocument);
    expect(change).toBe('breaking');
    expect(differences.map((d) => d.field)).toEqual(['period']);
  });

  it('validates with its own compiled validator, once per process', () => {
    const current = getDataSchema('borough-indicators')!;
    const v2 = shippedSchemaVersion(current, '2.0.0')!;
    expect(v2.version).toBe('2.0.0');
    expect(shippedSchemaVersion(current, '2.0.0')).toBe(v2);
    const row = { gss_code: 'E09000001', area_name: 'City of London', indicator: 'Male life expectancy', period: '2012 to 2014' };
    expect(v2.validate(row)).toBe(true);
    expect(current.validate(row)).toBe(false);
    expect(shippedSchemaVersion(current, '9.9.9')).toBeUndefined();
  });
});

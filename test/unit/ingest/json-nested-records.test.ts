import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describePath, findNestedRecordPath, recordsAt } from '../../../functions/ingest/core/nested-records';
import { listDir, processBytes, readNdjson, removeWorkDirs } from './helpers';

/** A JSON file that is one object: its records found inside it (functions/ingest/core/nested-records.ts). */
const MESSY = join(__dirname, '../../fixtures/messy');

afterAll(removeWorkDirs);

const rows = (document: Record<string, unknown>) => {
  const path = findNestedRecordPath(document, 64);
  return path ? [...recordsAt(document, path.keys)] : null;
};

describe('the record path', () => {
  test('is the array reaching the most objects, walked through arrays above it', () => {
    const document = {
      meta: { tags: [{ t: 1 }, { t: 2 }, { t: 3 }] },
      regions: [
        { name: 'North', towns: [{ town: 'A' }, { town: 'B' }] },
        { name: 'South', towns: [{ town: 'C' }, { town: 'D' }] },
      ],
    };
    expect(findNestedRecordPath(document, 64)).toEqual({ keys: ['regions', 'towns'], count: 4 });
    expect(describePath(document, ['regions', 'towns'])).toBe('regions[].towns[]');
  });

  test('on a tie, the shorter path; a lone object where the path elsewhere holds an array counts as one', () => {
    expect(findNestedRecordPath({ a: [{ x: 1 }, { x: 2 }], b: { c: [{ y: 1 }, { y: 2 }] } }, 64)?.keys).toEqual(['a']);
    const loneSite = { la: [{ site: [{ s: 1 }, { s: 2 }, { s: 3 }] }, { site: { s: 4 } }, { name: 'none' }] };
    expect(findNestedRecordPath(loneSite, 64)).toEqual({ keys: ['la', 'site'], count: 4 });
    expect(rows(loneSite)).toEqual([{ s: 1 }, { s: 2 }, { s: 3 }, { s: 4 }]);
  });

  test('objects never in an array, and arrays of scalars, hold no records', () => {
    expect(findNestedRecordPath({ a: { b: { c: 1 } }, list: [1, 2, 3] }, 64)).toBeNull();
  });

  test('is not looked for deeper than the nesting limit', () => {
    let deep: Record<string, unknown> = { rows: [{ x: 1 }, { x: 2 }] };
    for (let i = 0; i < 100; i++) deep = { level: deep };
    expect(findNestedRecordPath(deep, 64)).toBeNull();
    expect(findNestedRecordPath(deep, 200)?.count).toBe(2);
  });
});

describe('the rows', () => {
  test("carry their array parents' fields first, nested objects dotted, '@' dropped unless the name is taken", () => {
    const document = {
      feed: {
        '@version': '2',
        group: [
          {
            '@id': 'g1',
            id: 'clash',
            label: { en: 'Group one' },
            notes: ['not carried'],
            item: [{ '@code': 'A', place: { lat: '51.5', lon: '-0.1' }, tags: ['x', 'y'] }, { '@code': 'B' }],
          },
        ],
      },
    };
    expect(Object.keys(rows(document)![0])).toEqual(['group.@id', 'group.id', 'group.label.en', 'code', 'tags', 'place.lat', 'place.lon']);
    expect(rows(document)).toEqual([
      {
        'group.@id': 'g1',
        'group.id': 'clash',
        'group.label.en': 'Group one',
        code: 'A',
        tags: ['x', 'y'],
        'place.lat': '51.5',
        'place.lon': '-0.1',
      },
      { 'group.@id': 'g1', 'group.id': 'clash', 'group.label.en': 'Group one', code: 'B' },
    ]);
  });
});

describe('publishing', () => {
  test("LAQN's hourly index: one row per species reading, with its site and local authority, typed", async () => {
    const result = await processBytes(await readFile(join(MESSY, 'real-laqn-hourly-aqi.json')), { filename: 'hourly.json' });
    expect(result.ok).toBe(true);
    expect(result.detected.format).toBe('json');
    expect(result.report.rowCount).toBe(224);
    expect(result.report.warnings).toEqual([
      {
        code: 'json-records',
        message: expect.stringContaining('the 224 objects at HourlyAirQualityIndex.LocalAuthority[].Site[].Species[]'),
      },
    ]);
    const types = Object.fromEntries(result.schema.fields.map((f) => [f.name, f.type]));
    expect(types).toMatchObject({
      'LocalAuthority.LocalAuthorityName': 'string',
      'Site.BulletinDate': 'datetime',
      'Site.SiteCode': 'string',
      'Site.Latitude': 'number',
      SpeciesCode: 'string',
      AirQualityIndex: 'integer',
    });
    // The sites' coordinates, carried down as Site.Latitude/Site.Longitude, place every reading.
    expect(result.geography).toMatchObject({ placedBy: { kind: 'lat-lon', latitude: 'Site.Latitude', longitude: 'Site.Longitude' }, placedRows: 224 });
    expect(result.geography?.boroughs).toEqual(expect.arrayContaining(['E09000002', 'E09000007', 'E09000033']));
    expect(result.outputs?.geojson).toBeDefined();
    const published = await readNdjson(result.outputs!.ndjson.path);
    expect(published[0]).toMatchObject({
      'LocalAuthority.LocalAuthorityName': 'Barking and Dagenham',
      'Site.SiteCode': 'BG1',
      SpeciesCode: 'NO2',
      AirQualityIndex: 0,
    });
  });

  test('a pretty-printed object and a one-line object with records inside are read the same way', async () => {
    const document = {
      response: {
        stations: [
          { id: 1, name: 'A' },
          { id: 2, name: 'B' },
        ],
      },
    };
    for (const text of [JSON.stringify(document, null, 2), JSON.stringify(document)]) {
      const result = await processBytes(text, { filename: 'stations.json' });
      expect(result.ok).toBe(true);
      expect(result.report.rowCount).toBe(2);
      expect(result.schema.fields.map((f) => [f.name, f.type])).toEqual([
        ['id', 'integer'],
        ['name', 'string'],
      ]);
    }
  });

  test('a one-line object without records stays one NDJSON row; an NDJSON file stays NDJSON', async () => {
    const one = await processBytes('{"a":1,"b":"x"}\n', { filename: 'one.json' });
    expect([one.ok, one.detected.format, one.report.rowCount]).toEqual([true, 'ndjson', 1]);
    const lines = await processBytes('{"a":[{"x":1}]}\n{"a":[{"x":2}]}\n', { filename: 'lines.json' });
    expect([lines.ok, lines.detected.format, lines.report.rowCount]).toEqual([true, 'ndjson', 2]);
  });

  test('an object larger than the sample with no records inside, or larger than the cap, is refused with a report', async () => {
    const big = JSON.stringify({ a: 'x'.repeat(100_000), b: { c: 1 } });
    const none = await processBytes(big, { filename: 'big.json' });
    expect(none.ok).toBe(false);
    expect(none.report.errors.map((e) => [e.code, e.message])).toEqual([
      ['format-error', expect.stringMatching(/no array of objects inside it holds records/)],
    ]);
    expect(await listDir(none.workDir)).toEqual([]);
    const capped = await processBytes(JSON.stringify({ rows: [{ a: 'x'.repeat(100_000) }] }), {
      filename: 'capped.json',
      limits: { maxJsonDocumentChars: 50_000 },
    });
    expect(capped.ok).toBe(false);
    expect(capped.report.errors[0].message).toMatch(/read whole: this one is longer than/);
  });

  test('a small file whose records carry down many parent fields is refused before it fills memory', async () => {
    // 900 parent fields over 9 000 records: 8.1 million cells from a file of about 60 KB.
    const parentFields = Object.fromEntries(Array.from({ length: 900 }, (_, i) => [`f${i}`, i]));
    const document = { groups: [{ ...parentFields, items: Array.from({ length: 9_000 }, () => ({})) }] };
    const result = await processBytes(JSON.stringify(document), { filename: 'fan-out.json' });
    expect(result.ok).toBe(false);
    expect(result.report.errors.map((e) => e.code)).toEqual(['format-error']);
    expect(result.report.errors[0].message).toMatch(/more than the 8,000,000 cells/);
    expect(await listDir(result.workDir)).toEqual([]);
    // CPU-bound, and CI shares two cores between two workers: Jest's default timeout leaves too little room.
  }, 120_000);

  test('an array of records too long to spread into one call is read in full', () => {
    const document = { outer: [{ name: 'a', inner: Array.from({ length: 300_000 }, (_, i) => ({ i })) }] };
    const found = rows(document);
    expect(found).toHaveLength(300_000);
    expect(found?.[299_999]).toEqual({ 'outer.name': 'a', i: 299_999 });
  });
});

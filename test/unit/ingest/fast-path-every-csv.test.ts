import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { seededRandom as random } from '../../support/seeded-random';
import { bothPaths, type Edit, keep, setCell, table } from './both-paths';
import { FIXTURES, removeWorkDirs } from './helpers';

// Each case runs four ingests (both paths, with and without outputs); the machine may be loaded.
jest.setTimeout(240_000);
afterAll(removeWorkDirs);

/**
 * Every CSV takes the fast path, not only UTF-8 files with a declared schema: a file without one
 * (its schema inferred), and Windows-1252 and UTF-16 files (transcoded for DuckDB). Each case
 * goes through both paths; report, schema and outputs must be identical, and DuckDB may only
 * prove a file the JS path finds valid.
 */

const HEADER = 'site,borough,measured_at,day,value,count,ok,note';

function row(i: number): string[] {
  return [
    `S${String(i % 40).padStart(3, '0')}`,
    `E090000${String(1 + (i % 33)).padStart(2, '0')}`,
    `${new Date(Date.UTC(2024, 0, 1) + i * 3_600_000).toISOString().slice(0, 19)}Z`,
    new Date(Date.UTC(2024, 0, 1) + i * 86_400_000).toISOString().slice(0, 10),
    String(((i * 7919) % 2000) / 10),
    String(i % 101),
    i % 3 === 0 ? 'no' : 'yes',
    i % 7 === 0 ? 'café – £5' : 'plain',
  ];
}

const rows = (n: number, edit: Edit = keep, eol = '\n'): string => table(HEADER, row, n, edit, eol);

const utf16le = (text: string): Buffer => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
const utf16be = (text: string): Buffer => {
  const le = Buffer.from(text, 'utf16le');
  return Buffer.concat([Buffer.from([0xfe, 0xff]), le.swap16()]);
};
/** Windows-1252 bytes (these texts use only characters it has). */
const cp1252 = (text: string): Buffer => {
  const special = new Map([
    ['€', 0x80],
    ['–', 0x96],
    ['’', 0x92],
  ]);
  return Buffer.from(Array.from(text, (c) => special.get(c) ?? c.charCodeAt(0)));
};

describe('the fast path without a declared schema', () => {
  it('proves a clean file, with the schema the JS path infers and its outputs', async () => {
    const result = await bothPaths(rows(300), undefined, 4096);
    expect(result.fastPath).toMatchObject({ proven: true, rows: 300 });
    expect(result.schemaSource).toBe('inferred');
    expect(result.schema.fields.map((f) => f.type)).toEqual(['string', 'string', 'datetime', 'date', 'number', 'integer', 'boolean', 'string']);
  });

  it('infers from the first 1000 rows whatever the chunking: a later decimal widens, a later word is a type-error', async () => {
    const widened = rows(1500, setCell(1200, 5, '2.5'));
    for (const chunk of [100, 4096, 1 << 16]) {
      const result = await bothPaths(widened, undefined, chunk);
      expect(result.report.valid).toBe(true);
      expect(result.schema.fields[5].type).toBe('number');
      expect(result.fastPath?.proven).toBe(false);
    }
    const broken = await bothPaths(rows(1500, setCell(1200, 5, 'many')), undefined, 4096);
    expect(broken.report.errors.map((e) => [e.code, e.row])).toEqual([['type-error', 1202]]);
  });

  it('leaves the forms only the JS casts read (thousands, £, %, UK dates, markers) to the JS path, with the same result', async () => {
    const cases: Array<[string, Edit]> = [
      ['thousands', setCell(4, 5, '"3,611"')],
      ['pounds', setCell(4, 4, '£12.50')],
      ['percent', setCell(4, 4, '12.5%')],
      ['uk date', setCell(4, 3, '05/01/2024')],
      ['missing marker', setCell(4, 5, 'n/a')],
      ['blank trailing rows', (c, i) => (i === 19 ? `${c.join(',')}\n,,,,,,,` : c)],
      ['a boolean spelt TRUE', setCell(4, 6, 'TRUE')],
      ['a leading zero', setCell(4, 5, '007')],
      ['spaces around a number', setCell(4, 4, ' 12 ')],
    ];
    for (const [name, edit] of cases) {
      const result = await bothPaths(rows(20, edit), undefined, 512);
      expect([name, result.report.valid]).toEqual([name, true]);
    }
  });

  it('gives the JS path’s report for invalid files', async () => {
    const cases: Array<[string, string]> = [
      ['a missing cell', rows(20, (c, i) => (i === 5 ? c.slice(0, 7) : c))],
      ['an extra cell', rows(20, (c, i) => (i === 5 ? [...c, 'x'] : c))],
      ['an empty extra cell', rows(20, (c, i) => (i === 5 ? [...c, ''] : c))],
      ['a blank row between rows', rows(20, (c, i) => (i === 5 ? `${c.join(',')}\n` : c))],
      [
        'a duplicate label',
        `${HEADER},Site\n${rows(5)
          .split('\n')
          .slice(1, -1)
          .map((l) => `${l},x`)
          .join('\n')}\n`,
      ],
      ['a quote never closed', rows(20, setCell(5, 7, '"open'))],
      ['a blank label', rows(20).replace('note', '')],
      ['a type-error after the sample', rows(1100, setCell(1050, 4, 'lots'))],
    ];
    for (const [name, text] of cases) {
      const result = await bothPaths(text, undefined, 1024);
      expect([name, result.report.valid]).toEqual([name, false]);
      expect(result.fastPath?.proven ?? false).toBe(false);
    }
  });
});

describe('the fast path for Windows-1252 and UTF-16 files', () => {
  const text = rows(200, setCell(7, 7, 'price €10 – “quoted”'.replace(/[“”]/g, '')));

  it('proves clean files in each encoding, inferred or declared, reporting the upload’s own encoding', async () => {
    for (const [encoding, bytes] of [
      ['windows-1252', cp1252(text)],
      ['utf-16le', utf16le(text)],
      ['utf-16be', utf16be(text)],
    ] as const) {
      for (const chunk of [333, 1 << 16]) {
        const result = await bothPaths(bytes, undefined, chunk);
        expect([encoding, result.fastPath?.proven, result.detected.encoding]).toEqual([encoding, true, encoding]);
      }
    }
    // A column the schema does not know is kept as text: it carries the non-ASCII characters.
    const declared =
      'site_code,borough_gss_code,pollutant,measured_at,value,unit,ratified,data_capture_pct,latitude,longitude,note\nBX1,E09000004,NO2,2024-01-01T00:00:00Z,12.5,ug/m3,true,98,51.4,-0.1,café\n';
    for (const bytes of [Buffer.from(declared, 'latin1'), utf16le(declared), utf16be(declared)]) {
      const result = await bothPaths(bytes, 'air-quality-readings');
      expect(result.fastPath?.proven).toBe(true);
    }
  });

  it('gives the JS path’s report for invalid UTF-16 and for rows the JS path refuses', async () => {
    const lone = utf16le(rows(30));
    lone.writeUInt16LE(0xd800, 2 + 2 * 200); // a lone high surrogate in row 3 or so
    const broken = await bothPaths(lone, undefined);
    expect(broken.report.errors.map((e) => e.code)).toEqual(['encoding-error']);
    expect(broken.fastPath?.proven).toBe(false);
    const odd = Buffer.concat([utf16le(rows(10)), Buffer.from([0x41])]); // an odd byte at the end
    expect((await bothPaths(odd, undefined)).report.valid).toBe(false);
    for (const bytes of [cp1252(rows(20, (c, i) => (i === 3 ? [...c, 'x'] : c))), utf16le(rows(20, (c, i) => (i === 3 ? c.slice(1) : c)))]) {
      const result = await bothPaths(bytes, undefined, 512);
      expect(result.report.valid).toBe(false);
    }
  });
});

describe('every CSV fixture, with its schema inferred', () => {
  it('gets the same result and outputs from both paths (the ingest and messy-file fixtures)', async () => {
    const dirs = [join(FIXTURES, 'encodings'), join(FIXTURES, 'errors'), join(FIXTURES, 'formats'), join(__dirname, '../../fixtures/messy')];
    let proven = 0;
    let files = 0;
    for (const dir of dirs) {
      for (const name of (await readdir(dir)).filter((n) => /\.(csv|tsv|psv)$/.test(n))) {
        const result = await bothPaths(await readFile(join(dir, name)), undefined);
        files++;
        if (result.fastPath?.proven) proven++;
      }
    }
    expect(files).toBeGreaterThan(30);
    expect(proven).toBeGreaterThan(5);
  });
});

describe('random files without a declared schema', () => {
  const CELLS = [
    '1',
    '-2',
    '3.5',
    '1e3',
    '007',
    'yes',
    'no',
    'TRUE',
    '2024-02-29',
    '2023-02-29',
    '2024-01-01T10:00:00Z',
    '2024-01-01 10:00',
    '',
    'n/a',
    '-',
    'NA',
    '£5',
    '3,611',
    'x',
    '"a,b"',
    '" q "',
    'é',
  ];
  it('agree on 60 generated files in three encodings', async () => {
    const next = random(20261205);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
    for (let n = 0; n < 60; n++) {
      const columns = 1 + Math.floor(next() * 5);
      // Each column mostly of one kind of cell, with an occasional odd one out.
      const kinds = Array.from({ length: columns }, () => pick(CELLS));
      const lines = [Array.from({ length: columns }, (_, i) => `c${i}`).join(',')];
      const count = 1 + Math.floor(next() * 30);
      for (let r = 0; r < count; r++) lines.push(kinds.map((k) => (next() < 0.1 ? pick(CELLS) : k)).join(','));
      const text = `${lines.join(next() < 0.5 ? '\n' : '\r\n')}\n`;
      const bytes = [Buffer.from(text, 'utf8'), utf16le(text), cp1252(text)][n % 3];
      await bothPaths(bytes, undefined, 1 + Math.floor(next() * 200));
    }
  });
});

describe('a proven file’s outputs written by DuckDB (COPY), byte for byte the JS serialiser’s', () => {
  const column = (name: string, cells: string[]): string => `${name}\n${cells.join('\n')}\n`;

  it('numbers: DuckDB writes those whose text it prints as JavaScript does, and leaves the others to the JS pass', async () => {
    const same = ['0.1', '1.5', '100', '100.0', '-0', '0', '0.0001', '9999999999999998', '123.456e5', '3.14159265358979', '-45.5', '1e3', '.5'];
    const written = await bothPaths(
      column(
        'value',
        same.map((n, i) => (i % 2 ? n : `${n}`)),
      ).replace('value\n', 'value\n2.5\n'),
      undefined,
    );
    expect(written.fastPath).toMatchObject({ proven: true, writable: true });
    for (const odd of ['0.00001', '1e-7', '1e16', '12345678901234567', '1e21', '5e-324']) {
      const result = await bothPaths(column('value', ['2.5', odd]), undefined);
      expect([odd, result.fastPath?.proven, result.fastPath?.writable]).toEqual([odd, true, false]);
    }
  });

  it('numbers: 3000 random doubles across the magnitudes DuckDB writes give the same text as JavaScript', async () => {
    const next = random(17_4);
    const cells = Array.from({ length: 3000 }, () => {
      const magnitude = 10 ** Math.floor(next() * 20 - 4);
      const value = (next() < 0.5 ? -1 : 1) * next() * magnitude;
      return next() < 0.3 ? String(Math.round(value)) : value.toPrecision(1 + Math.floor(next() * 17));
    });
    const result = await bothPaths(column('value', ['0.5', ...cells]), undefined);
    expect(result.fastPath?.proven).toBe(true);
    const inRange = cells.every((c) => Number(c) === 0 || (Math.abs(Number(c)) >= 1e-4 && Math.abs(Number(c)) < 1e16));
    expect(result.fastPath?.writable).toBe(inRange);
    const writable = cells.filter((c) => Number(c) === 0 || (Math.abs(Number(c)) >= 1e-4 && Math.abs(Number(c)) < 1e16));
    const only = await bothPaths(column('value', ['0.5', ...writable]), undefined);
    expect(only.fastPath).toMatchObject({ proven: true, writable: true });
  });

  it('text: formula characters, quotes, commas, backslashes and other scripts; control characters go to the JS pass', async () => {
    const cells = ['=SUM(A1)', '+44 20', '-x', '@home', '"quoted"', '"a,b"', 'back\\slash', 'naïve – 東京 😀', "it's", '"say:""hi"""'];
    const result = await bothPaths(column('text', cells), undefined, 7);
    expect(result.fastPath).toMatchObject({ proven: true, writable: true });
    const csv = await readFile(result.outputs!.csv.path, 'utf8');
    expect(csv).toContain("'=SUM(A1)\r\n");
    const control = await bothPaths(column('text', ['a', 'tab\there']), undefined);
    expect(control.fastPath).toMatchObject({ proven: true, writable: false });
  });

  it('column names that need quoting or escaping, booleans, dates, date-times and missing cells', async () => {
    const header = '"a,b","q""uote",=formula,back\\slash,flag,day,at,n';
    const lines = ['x,y,z,w,yes,2024-02-29,2024-01-01T10:00:00.123Z,1', ',,,,,,,', 'x,,z,,No,,2024-01-01T10:00:00,-7'];
    const result = await bothPaths(`${header}\n${lines.join('\n')}\n`, undefined);
    // the second line is blank: the JS path reports it, so this one is not proven
    expect(result.report.valid).toBe(false);
    const valid = await bothPaths(`${header}\n${[lines[0], lines[2]].join('\n')}\n`, undefined);
    expect(valid.fastPath).toMatchObject({ proven: true, writable: true });
    expect((await readFile(valid.outputs!.csv.path, 'utf8')).split('\r\n')[0]).toBe('"a,b","q""uote",\'=formula,back\\slash,flag,day,at,n');
  });
});

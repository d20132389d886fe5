import { TextFacts } from '../../../functions/ingest/core/fast-path/text-facts';
import { bothPaths, type Edit, keep, setCell, table } from './both-paths';
import { AIR_QUALITY_HEADER, airQualityRow, listDir, parquetContents, processBytes, removeWorkDirs } from './helpers';

// Each case runs four ingests (both paths, with and without outputs); the machine may be loaded.
jest.setTimeout(240_000);
afterAll(removeWorkDirs);

/**
 * A file with outputs to write is first written by COPYs that check every row as the check would
 * (copy-outputs.ts copyUnchecked): the check's own read runs only when that does not prove the file.
 * Here: a valid file is proven that way (provenBy 'writers'), and every file that way does not prove
 * (a bad row anywhere, a repeated key, a local time after the first rows, more rows than the key
 * check holds) gets exactly what the check's route gives it, with nothing left behind in between.
 * Each case goes through both paths (both-paths.ts: same report, schema and output bytes).
 */

const readings = (n: number, edit: Edit = keep): string => table(AIR_QUALITY_HEADER, airQualityRow, n, edit);
const SCHEMA = 'air-quality-readings';

describe('the writers check each row, and the check reads the file only when they do not prove it', () => {
  it('a valid file is proven by the writers, with the JS path’s report, outputs and geography', async () => {
    const result = await bothPaths(readings(2500), SCHEMA);
    expect(result.fastPath).toMatchObject({ proven: true, rows: 2500, provenBy: 'writers', writable: true });
    expect(result.geography?.placedBy).toEqual({ kind: 'lat-lon', latitude: 'latitude', longitude: 'longitude' });
  });

  it('a file without a declared schema too (inferred)', async () => {
    const result = await bothPaths(readings(1200), undefined);
    expect(result.fastPath).toMatchObject({ proven: true, provenBy: 'writers' });
  });

  it.each([
    ['the first row', 0],
    ['a row in the middle', 1200],
    ['the last row', 2499],
  ])('an out-of-range value in %s: not proven by the writers, the same report as the JS path', async (_, row) => {
    const result = await bothPaths(readings(2500, setCell(row, 4, '6000')), SCHEMA);
    expect(result.report.valid).toBe(false);
    expect(result.fastPath?.proven).toBe(false);
    expect(result.fastPath?.provenBy).toBeUndefined();
  });

  it.each<[string, Edit, boolean]>([
    ['an extra empty cell', (c, i) => (i === 1500 ? `${c.join(',')},` : c), false],
    ['a missing cell', (c, i) => (i === 1500 ? c.slice(0, -1) : c), false],
    ['a row of empty cells', (c, i) => (i === 1500 ? c.map(() => '') : c), false],
    ['a pattern mismatch', setCell(1500, 0, 'bad code'), false],
    ['a required value missing', setCell(1500, 0, ''), false],
    ['a number only the JS casts read (thousands)', setCell(1500, 4, '"1,000"'), true],
  ])('%s after the first rows: not proven by the writers, the same result as the JS path', async (_, edit, valid) => {
    const result = await bothPaths(readings(2500, edit), SCHEMA);
    expect(result.fastPath?.provenBy).toBeUndefined();
    expect(result.report.valid).toBe(valid);
  });

  it('a value DuckDB prints otherwise than JavaScript after the first rows: the writers refuse it, the check proves the file, the JS pass writes it', async () => {
    const result = await bothPaths(readings(1500, setCell(1400, 4, '0.00001')), undefined);
    expect(result.fastPath).toMatchObject({ proven: true, writable: false });
    expect(result.fastPath?.provenBy).toBeUndefined();
  });

  it('a repeated key: the Parquet’s tally finds it, and the JS path reports it', async () => {
    const repeated = readings(2500, (c, i) => (i === 2400 ? airQualityRow(7) : c));
    const result = await bothPaths(repeated, SCHEMA);
    expect(result.report.errors.map((e) => e.code)).toEqual(['unique-error']);
    expect(result.fastPath?.proven).toBe(false);
  });

  it('a key repeated only as an instant (…:00Z and …:00.000Z): the writers do not prove it, the check does', async () => {
    // The Parquet holds instants, so its tally counts these as one key; the check (and the JS path)
    // compare the texts, which differ: the file is valid.
    const result = await bothPaths(
      readings(1200, (c, i) => (i === 1100 ? [...airQualityRow(7).slice(0, 3), `${airQualityRow(7)[3].slice(0, -1)}.000Z`, ...airQualityRow(7).slice(4)] : c)),
      SCHEMA,
    );
    expect(result.report.valid).toBe(true);
    expect(result.fastPath).toMatchObject({ proven: true });
    expect(result.fastPath?.provenBy).toBeUndefined();
  });

  it('a local time after the first rows: the writers (which took the column for UTC) do not prove it, the check does; the Parquet holds local times', async () => {
    const local = readings(2500, (c, i) => (i === 2000 ? [...c.slice(0, 3), c[3].slice(0, -1), ...c.slice(4)] : c));
    const result = await bothPaths(local, SCHEMA);
    expect(result.fastPath).toMatchObject({ proven: true });
    expect(result.fastPath?.provenBy).toBeUndefined();
    expect(result.fastPath?.localDatetimes?.[3]).toBe(true);
  });

  it('a local time in the first rows: the writers prove it, writing plain timestamps', async () => {
    const local = readings(1500, (c, i) => (i === 10 ? [...c.slice(0, 3), c[3].slice(0, -1), ...c.slice(4)] : c));
    const result = await bothPaths(local, SCHEMA);
    expect(result.fastPath).toMatchObject({ proven: true, provenBy: 'writers' });
    expect(result.fastPath?.localDatetimes?.[3]).toBe(true);
    const parquet = await parquetContents(result.outputs!.parquet.path);
    expect(parquet.types).toContainEqual(['measured_at', 'TIMESTAMP']);
  });

  it('more rows than the key check holds: not proven, whichever read counts them', async () => {
    const result = await bothPaths(readings(300), SCHEMA, 64 * 1024, { maxUniqueKeys: 100 });
    expect(result.fastPath?.proven).toBe(false);
  });

  it('leaves nothing behind when the writers do not prove a file the check then proves', async () => {
    const local = readings(2500, (c, i) => (i === 2000 ? [...c.slice(0, 3), c[3].slice(0, -1), ...c.slice(4)] : c));
    const result = await processBytes(local, { dataSchemaId: SCHEMA });
    expect(result.fastPath).toMatchObject({ proven: true });
    expect(await listDir(result.workDir)).toEqual(['data.csv', 'data.geojson', 'data.json', 'data.ndjson', 'data.parquet']);
  });

  it('leaves nothing behind for an invalid file', async () => {
    const result = await processBytes(readings(2500, setCell(2200, 4, '6000')), { dataSchemaId: SCHEMA });
    expect(result.report.valid).toBe(false);
    expect(await listDir(result.workDir)).toEqual([]);
  });
});

describe('what the spooled text rules out for every row (text-facts.ts)', () => {
  it('counts line feeds up to the key check’s limit, across chunks and whatever the line endings', () => {
    for (const eol of ['\n', '\r\n']) {
      const facts = new TextFacts(',', 3);
      facts.feed(Buffer.from(`a,b${eol}1,2${eol}3,`));
      facts.feed(Buffer.from(`4${eol}`));
      expect(facts.moreLineFeedsThanLimit).toBe(false);
      facts.feed(Buffer.from(`5,6${eol}`));
      expect(facts.moreLineFeedsThanLimit).toBe(true);
    }
    const unlimited = new TextFacts(',');
    unlimited.feed(Buffer.from('a\n'.repeat(1000)));
    expect(unlimited.moreLineFeedsThanLimit).toBe(false);
  });

  it('the longest line across chunks, the last without a line feed too; control bytes; nothing once a quote is seen', () => {
    const facts = new TextFacts(',');
    facts.feed(Buffer.from('ab,c\n12345'));
    facts.feed(Buffer.from('678,9\nx'));
    expect(facts.unquoted).toEqual({ longestLine: 10, controlFree: true, backslashFree: true, commaFree: true });
    facts.feed(Buffer.from('y'.repeat(20)));
    expect(facts.unquoted).toEqual({ longestLine: 21, controlFree: true, backslashFree: true, commaFree: true });
    facts.feed(Buffer.from('\r\na\tb,c\r\n'));
    expect(facts.unquoted?.controlFree).toBe(false);
    facts.feed(Buffer.from('"q",1\n'));
    expect(facts.unquoted).toBeNull();
  });

  it('a tab is a TSV’s delimiter, not a control character in a cell', () => {
    const tsv = new TextFacts('\t');
    tsv.feed(Buffer.from('a\tb\n1\t2\n'));
    expect(tsv.unquoted?.controlFree).toBe(true);
    tsv.feed(Buffer.from('3\u0001\t4\n'));
    expect(tsv.unquoted?.controlFree).toBe(false);
  });

  it('a backslash anywhere; a comma only where it is not the delimiter', () => {
    const csv = new TextFacts(',');
    csv.feed(Buffer.from('a,b\n1,2\n'));
    expect(csv.unquoted).toMatchObject({ backslashFree: true, commaFree: true });
    csv.feed(Buffer.from('C:\\x,2\n'));
    expect(csv.unquoted).toMatchObject({ backslashFree: false, commaFree: true });
    const tsv = new TextFacts('\t');
    tsv.feed(Buffer.from('a\tb\n1\t2\n'));
    expect(tsv.unquoted?.commaFree).toBe(true);
    tsv.feed(Buffer.from('3,5\t4\n'));
    expect(tsv.unquoted).toMatchObject({ backslashFree: true, commaFree: false });
  });
});

describe('the writers leave out only what the text rules out', () => {
  // The lines leave out the CSV's quoting and the NDJSON's escapes only when no cell can need them:
  // each case fails (other output bytes than the JS path's) with them always left out.
  it('a backslash in an unquoted text cell: escaped in the NDJSON as by the JS path', async () => {
    const result = await bothPaths(readings(1500, setCell(1400, 5, 'ug\\m3')), undefined);
    expect(result.fastPath).toMatchObject({ proven: true, provenBy: 'writers' });
  });

  it('a comma in an unquoted text cell of a TSV: quoted in the CSV as by the JS path', async () => {
    const tsv = readings(1500, setCell(1400, 5, 'ug,m3'))
      .replaceAll(',', '\t')
      .replace('ug\tm3', 'ug,m3');
    const result = await bothPaths(tsv, undefined);
    expect(result.fastPath).toMatchObject({ proven: true, provenBy: 'writers' });
  });

  it('a tab in an unquoted text cell: the writers look for control characters, refuse it, and the check’s route writes it', async () => {
    const withTab = readings(1500, setCell(1400, 0, 'S0\t1'));
    const result = await bothPaths(withTab.replace(/^site_code,/, 'site_code_text,'), undefined);
    expect(result.report.valid).toBe(true);
    expect(result.fastPath).toMatchObject({ proven: true, writable: false });
    expect(result.fastPath?.provenBy).toBeUndefined();
  });

  it('an unquoted row near the size limit: the writers check the record bytes, the check refuses it as before', async () => {
    const long = readings(300, setCell(200, 5, 'x'.repeat(150)));
    const result = await bothPaths(long, undefined, 64 * 1024, { maxRecordBytes: 400 });
    expect(result.report.valid).toBe(true);
    expect(result.fastPath?.proven).toBe(false);
  });
});

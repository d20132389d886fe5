import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { validateUpload } from '../../../functions/ingest/core';
import { chunked, processBytes, readNdjson, removeWorkDirs } from './helpers';

/** Record-oriented XML (TfL's feeds): the repeating element found, attributes and children as columns, no entity ever expanded. */
const MESSY = join(__dirname, '../../fixtures/messy');

afterAll(removeWorkDirs);

const validate = (xml: string, chunk = 65536) => validateUpload({ source: chunked(Buffer.from(xml, 'utf8'), chunk) });

test("TfL's cycle hire feed: 750 stations, each child a typed column", async () => {
  const bytes = await readFile(join(MESSY, 'real-tfl-cycle-hire.xml'));
  const result = await processBytes(bytes, { filename: 'livecyclehireupdates.xml' }, 8192);
  expect(result.ok).toBe(true);
  expect(result.detected.format).toBe('xml');
  expect(result.report.rowCount).toBe(750);
  expect(Object.fromEntries(result.schema.fields.map((f) => [f.name, f.type]))).toMatchObject({
    id: 'integer',
    name: 'string',
    lat: 'number',
    long: 'number',
    installed: 'boolean',
    nbDocks: 'integer',
  });
  const [first] = await readNdjson(result.outputs!.ndjson.path);
  expect(first).toMatchObject({ id: 1, name: 'River Street , Clerkenwell', terminalName: '001023', lat: 51.52916347, nbDocks: 19, removalDate: null });
  expect(result.report.warnings.map((w) => w.message)).toContain(
    'Each <station> element (at /stations/station) is a row; its attributes and child elements are the columns.',
  );
});

test('attributes are columns too, and a record nested deeper is found under its containers', async () => {
  const xml = `<?xml version="1.0"?><feed><meta><title>x</title></meta><items>${[1, 2, 3].map((i) => `<item id="${i}"><count>${i * 10}</count><label>L${i}</label></item>`).join('')}</items></feed>`;
  const result = await validate(xml, 7);
  expect(result.ok).toBe(true);
  expect(result.schema.fields.map((f) => [f.name, f.type])).toEqual([
    ['id', 'integer'],
    ['count', 'integer'],
    ['label', 'string'],
  ]);
  expect(result.report.rowCount).toBe(3);
});

test.each([
  ['billion-laughs.xml', /undefined entity/],
  ['external-entity.xml', /undefined entity/],
])('%s: the entity is never expanded, the file is refused', async (file, message) => {
  const result = await validateUpload({ source: chunked(await readFile(join(MESSY, file)), 65536) });
  expect(result.ok).toBe(false);
  expect(result.report.errors.map((e) => e.code)).toEqual(['format-error']);
  expect(result.report.errors[0].message).toMatch(message);
});

test('a child repeated inside each record is a second column, not the record: containers and leaves are never records', async () => {
  const xml = `<sites>${[1, 2].map((i) => `<site><code>S${i}</code><tag>a</tag><tag>b</tag><tag>c</tag></site>`).join('')}</sites>`;
  const result = await validate(xml);
  expect(result.schema.fields.map((f) => f.name)).toEqual(['code', 'tag', 'tag_2', 'tag_3']);
  expect(result.report.rowCount).toBe(2);
});

test('XML with no repeating record, and an HTML page, are refused with what to do', async () => {
  expect((await validate('<?xml version="1.0"?><note>hello</note>')).report.errors[0].message).toMatch(/no repeating record element/);
  expect((await validate('<!DOCTYPE html><html><body>x</body></html>')).report.errors[0].message).toMatch(/looks like a web page/);
});

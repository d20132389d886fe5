import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { listDir, parquetContents, processBytes, readNdjson, removeWorkDirs } from './helpers';

afterAll(removeWorkDirs);

/**
 * JSON escapes can spell text no column name or UTF-8 file can hold: a NUL (U+0000) in a key,
 * or a lone UTF-16 surrogate (`\ud800`). Each must end in a report or faithful outputs,
 * never in an exception from the Parquet writer.
 */
describe('JSON escapes that UTF-8 text or SQL cannot hold', () => {
  it.each([
    ['a JSON array key', '[{"a\\u0000b":1}]', 1],
    ['a JSON key that is only a NUL', '[{"\\u0000":null}]', 1],
    ['an NDJSON key, in the second column', '{"id":1,"x\\u0000":2}\n', 2],
  ])('a NUL in %s is a header error naming the column, not an exception', async (_what, text, column) => {
    const result = await processBytes(text);
    expect(result.ok).toBe(false);
    expect(result.report.errors).toEqual([
      expect.objectContaining({
        code: 'format-error',
        row: 1,
        fieldNumber: column,
        message: expect.stringMatching(new RegExp(`^Column ${column}'s name contains a NUL character`)),
      }),
    ]);
    expect(result.outputs).toBeUndefined();
    expect(await listDir(result.workDir)).toEqual([]);
  });

  it.each([
    ['a JSON array cell, next to a quote', '[{"a":"\\"\\ud800"}]', '"\ufffd', '"""\ufffd"'],
    ['an NDJSON cell, next to a newline', '{"a":"\\ud800\\n"}\n', '\ufffd\n', '"\ufffd\n"'],
    ['a JSON array cell, a low surrogate between letters', '[{"a":"x\\udc00y"}]', 'x\ufffdy', 'x\ufffdy'],
  ])('a lone surrogate in %s becomes U+FFFD in every output', async (_what, text, expected, csvCell) => {
    const result = await processBytes(text);
    expect(result.report.errors).toEqual([]);
    expect(result.ok).toBe(true);
    const dir = result.workDir;
    expect(await readNdjson(join(dir, 'data.ndjson'))).toEqual([{ a: expected }]);
    expect(JSON.parse(await readFile(join(dir, 'data.json'), 'utf8'))).toEqual([{ a: expected }]);
    expect(await readFile(join(dir, 'data.csv'), 'utf8')).toBe(`a\r\n${csvCell}\r\n`);
    expect((await parquetContents(join(dir, 'data.parquet'))).rows).toEqual([[expected]]);
  });

  it('a lone surrogate in a key becomes U+FFFD in the column name', async () => {
    const result = await processBytes('[{"k\\ud800":"v"}]');
    expect(result.report.errors).toEqual([]);
    expect(result.schema.fields.map((f) => f.name)).toEqual(['k\ufffd']);
    expect((await parquetContents(join(result.workDir, 'data.parquet'))).types).toEqual([['k\ufffd', 'VARCHAR']]);
  });

  it('a lone surrogate nested in an object cell reads back as U+FFFD, key and value', async () => {
    const result = await processBytes('[{"a":{"k\\ud800":["\\udc00\\""]}}]');
    expect(result.ok).toBe(true);
    const [row] = await readNdjson(join(result.workDir, 'data.ndjson'));
    expect(JSON.parse(row.a as string)).toEqual({ 'k\ufffd': ['\ufffd"'] });
  });

  it('a NUL in a label of UTF-16 CSV is the same header error', async () => {
    const text = '\ufeffid,a\u0000b\r\n1,2\r\n';
    const result = await processBytes(Buffer.from(text, 'utf16le'));
    expect(result.report.errors.map((e) => [e.code, e.fieldNumber])).toEqual([['format-error', 2]]);
    expect(result.outputs).toBeUndefined();
  });

  it('a well-formed pair of surrogates is kept as its character', async () => {
    const result = await processBytes('[{"a":"\\ud83d\\ude00\\""}]');
    expect(result.ok).toBe(true);
    expect((await parquetContents(join(result.workDir, 'data.parquet'))).rows).toEqual([['\u{1F600}"']]);
  });
});

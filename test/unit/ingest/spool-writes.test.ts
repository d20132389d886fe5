import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { processUpload } from '../../../functions/ingest/core';
import { spoolUpload } from '../../../functions/ingest/core/fast-path/plan-fast-path';
import { listDir, newWorkDir, removeWorkDirs } from './helpers';

afterAll(removeWorkDirs);

/**
 * The spool (fast-path/plan-fast-path.ts) writes a megabyte while the next is read: the file is
 * the upload byte for byte (and its UTF-8 copy the text), and a source that fails mid-way is thrown
 * with no write left behind.
 */

/** `count` chunks of `size` bytes of CSV rows (each chunk ends a row), after a header. */
function chunks(count: number, size: number): Buffer[] {
  const row = 'S001,E09000001,12.5,caf\u00e9\n';
  const body = Buffer.from(row.repeat(Math.ceil(size / Buffer.byteLength(row))), 'utf8');
  const whole = body.subarray(0, body.lastIndexOf(10) + 1);
  return [Buffer.from('site,borough,value,note\n'), ...Array.from({ length: count }, () => Buffer.from(whole))];
}

async function* from(parts: Buffer[], failAfter = Number.POSITIVE_INFINITY): AsyncGenerator<Buffer> {
  let i = 0;
  for (const part of parts) {
    if (i++ === failAfter) throw new Error('connection reset');
    yield part;
  }
}

describe('the spool', () => {
  it('is the upload byte for byte, in chunks of every size around its megabyte writes', async () => {
    for (const size of [1000, 64 * 1024, 1024 * 1024 - 7, 3 * 1024 * 1024 + 5]) {
      const parts = chunks(12, size);
      const dir = await newWorkDir();
      const path = join(dir, 'upload.spool');
      const { guards } = await spoolUpload(from(parts), { path, textPath: path }, ',', { encoding: 'utf-8', bomLength: 0 } as never);
      expect(guards.reason).toBeNull();
      expect((await readFile(path)).equals(Buffer.concat(parts))).toBe(true);
    }
  });

  it('transcodes a Windows-1252 upload into a UTF-8 copy beside the upload as it came', async () => {
    const text = 'site,note\n'.concat('S001,caf\u00e9 \u20ac5\n'.repeat(200_000));
    const cp1252 = Buffer.from(Array.from(text, (c) => (c === '\u20ac' ? 0x80 : c.charCodeAt(0))));
    const parts = Array.from({ length: Math.ceil(cp1252.length / 65536) }, (_, i) => cp1252.subarray(i * 65536, (i + 1) * 65536));
    const dir = await newWorkDir();
    const paths = { path: join(dir, 'upload.spool'), textPath: join(dir, 'upload.utf8.spool') };
    await spoolUpload(from(parts), paths, ',', { encoding: 'windows-1252', bomLength: 0 } as never);
    expect((await readFile(paths.path)).equals(cp1252)).toBe(true);
    expect(await readFile(paths.textPath, 'utf8')).toBe(text);
  });

  it('a source failing after several megabytes: the failure is thrown, nothing is left in the work directory', async () => {
    const workDir = await newWorkDir();
    const source = from(chunks(40, 256 * 1024), 30);
    await expect(processUpload({ source, filename: 'readings.csv', workDir })).rejects.toThrow('connection reset');
    expect(await listDir(workDir)).toEqual([]);
  });
});

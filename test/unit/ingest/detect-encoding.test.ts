import { gzipSync } from 'node:zlib';
import { detectEncoding } from '../../../functions/ingest/core/detect-encoding';

describe('detectEncoding', () => {
  const text = 'area,price\nCamden,£1,234\n';

  it('reads a UTF-8 BOM', () => {
    expect(detectEncoding(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]), true)).toEqual({
      ok: true,
      value: { encoding: 'utf-8-bom', bomLength: 3 },
    });
  });

  it('reads UTF-16 byte-order marks, which come with NUL bytes', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const be = Buffer.from(le.subarray(2)).swap16();
    expect(detectEncoding(le, true)).toEqual({ ok: true, value: { encoding: 'utf-16le', bomLength: 2 } });
    expect(detectEncoding(Buffer.concat([Buffer.from([0xfe, 0xff]), be]), true)).toEqual({ ok: true, value: { encoding: 'utf-16be', bomLength: 2 } });
  });

  it('takes valid UTF-8 as UTF-8 and anything else as Windows-1252', () => {
    expect(detectEncoding(Buffer.from(text, 'utf8'), true)).toEqual({ ok: true, value: { encoding: 'utf-8', bomLength: 0 } });
    expect(detectEncoding(Buffer.from(text, 'latin1'), true)).toEqual({ ok: true, value: { encoding: 'windows-1252', bomLength: 0 } });
  });

  it('does not mistake a multi-byte character cut by the end of the sample for Windows-1252', () => {
    const bytes = Buffer.from('price £', 'utf8'); // £ is C2 A3
    expect(detectEncoding(bytes.subarray(0, bytes.length - 1), false)).toMatchObject({ ok: true, value: { encoding: 'utf-8' } });
    // ...but when the sample is the whole file, a truncated character is not UTF-8.
    expect(detectEncoding(bytes.subarray(0, bytes.length - 1), true)).toMatchObject({ ok: true, value: { encoding: 'windows-1252' } });
  });

  it('refuses binary content, gzip and ZIP with a message saying what to do', () => {
    const binary = detectEncoding(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d]), true);
    expect(binary).toMatchObject({ ok: false, code: 'format-error' });
    expect(!binary.ok && binary.message).toMatch(/binary/);
    const gzip = detectEncoding(gzipSync(Buffer.from(text)), true);
    expect(gzip).toMatchObject({ ok: false, code: 'format-error' });
    expect(!gzip.ok && gzip.message).toMatch(/gzip-compressed/);
    const zip = detectEncoding(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0]), true);
    expect(!zip.ok && zip.message).toMatch(/ZIP archive/);
  });
});

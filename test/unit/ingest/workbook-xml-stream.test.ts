import { parseXmlStream } from '../../../functions/ingest/core/workbook/xml-stream';

/** A workbook part's bytes in pieces as the inflater hands them on, decoded and parsed (xml-stream.ts). */
async function textOf(chunks: Buffer[]): Promise<string> {
  const texts: string[] = [];
  const options = { what: 'the part', maxDepth: 64, allowDoctype: false };
  async function* inflated() {
    yield* chunks;
  }
  for await (const _ of parseXmlStream(inflated(), { text: (text) => texts.push(text) }, options));
  return texts.join('');
}

function pieces(bytes: Buffer, size: number): Buffer[] {
  const out: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += size) out.push(bytes.subarray(at, at + size));
  return out;
}

test('characters cut by a chunk boundary, a byte order mark and invalid bytes are read as one pass of TextDecoder reads them', async () => {
  const text = 'Café £ ✓ 🚲 Łódź';
  const xml = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`<?xml version="1.0"?><t>${text}</t>`)]);
  // Every boundary: one, two and three bytes at a time cut each multi-byte character somewhere.
  for (const size of [1, 2, 3, 5, xml.length]) expect(await textOf(pieces(xml, size))).toBe(text);
  const invalid = Buffer.concat([Buffer.from('<t>a'), Buffer.from([0xe2, 0x82, 0x41, 0xff, 0xc0, 0xaf, 0xed, 0xa0, 0x80]), Buffer.from('b</t>')]);
  const expected = new TextDecoder().decode(invalid).slice(3, -4);
  expect(expected).toContain('\ufffd');
  for (const size of [1, 4, invalid.length]) expect(await textOf(pieces(invalid, size))).toBe(expected);
});

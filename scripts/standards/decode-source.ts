/**
 * The LGA publishes most of its csvlint schemas as UTF-16LE without a byte order mark (and a
 * few as UTF-8 with one), so the bytes are decoded by what they are, never assumed to be UTF-8.
 */
export function decodeSource(bytes: Uint8Array, file: string): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le', { fatal: true }).decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) throw new Error(`${file}: UTF-16BE is not expected in these sources`);
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(3));
  // UTF-16LE without a BOM: ASCII text then has a NUL in every odd byte.
  if (bytes.length >= 2 && bytes.length % 2 === 0 && bytes[0] !== 0 && bytes[1] === 0) return new TextDecoder('utf-16le', { fatal: true }).decode(bytes);
  if (bytes.includes(0)) throw new Error(`${file}: NUL bytes in a file that is not UTF-16LE`);
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
}

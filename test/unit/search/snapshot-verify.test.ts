import { SearchIndex } from '../../../functions/search/search-index';
import { decodeSnapshot, encodeSnapshot, SnapshotChecksumError, SnapshotFormatError, snapshotChecksum } from '../../../functions/search/search-snapshot';
import { SnapshotRejectedError, verifiedSnapshot } from '../../../functions/search/snapshot-verify';
import { doc } from './documents';

const AT = '2024-01-01T00:00:00.000Z';
const good = () =>
  SearchIndex.build([doc('trees', { title: 'Street trees', keywords: ['oak'], formats: ['CSV'], resourceIds: ['r1'] }), doc('bins', { tier: 'private' })]);

describe('a snapshot checked before it is stored', () => {
  it('passes an index that decodes back to itself, with the checksum its bytes end with', () => {
    const verified = verifiedSnapshot(good(), 7, AT);
    expect(verified.checksum).toMatch(/^[0-9a-f]{64}$/);
    expect(decodeSnapshot(verified.bytes)).toMatchObject({ seq: 7, checksum: verified.checksum });
  });

  it.each([
    ['a date that is not a string', { created: 12345 as unknown as string }],
    ['a source that is not a string', { source: 5 as unknown as string }],
    ['a resource id that is not a string', { resourceIds: [(() => 'r') as unknown as string] }],
    ['a modified time that is empty (stored as "same as created")', { modified: '' }],
  ])('refuses an index holding %s', (_, fields) => {
    const index = good();
    index.upsert(doc('poisoned', fields));
    expect(() => verifiedSnapshot(index, 7, AT)).toThrow(SnapshotRejectedError);
  });
});

it('finds any single damaged byte by the checksum, before decoding anything', () => {
  const bytes = encodeSnapshot(good(), 1, AT);
  expect(snapshotChecksum(bytes)).toBe(decodeSnapshot(bytes).checksum);
  for (let at = 8; at < bytes.length; at++) {
    const damaged = Buffer.from(bytes);
    damaged[at] ^= 0x01;
    expect(() => decodeSnapshot(damaged)).toThrow(SnapshotChecksumError);
  }
  const otherMagic = Buffer.from(bytes);
  otherMagic[0] ^= 0x01;
  expect(() => decodeSnapshot(otherMagic)).toThrow(SnapshotFormatError);
});

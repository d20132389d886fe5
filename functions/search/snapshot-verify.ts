import type { IndexedDocument, SearchIndex } from './search-index';
import { decodeSnapshot, encodeSnapshot, snapshotChecksum } from './search-snapshot';

const TEXT_KEYS = ['id', 'name', 'title', 'organisation', 'organisationName', 'tier', 'licence', 'created', 'modified', 'source'] as const;
const LIST_KEYS = ['keywords', 'themes', 'formats', 'schemas', 'places', 'resourceIds'] as const;
/** Fails to compile when IndexedDocument gains a field the comparison below would miss. */
const everyFieldCompared: [Exclude<keyof IndexedDocument, (typeof TEXT_KEYS)[number] | (typeof LIST_KEYS)[number]>] extends [never] ? true : never = true;
void everyFieldCompared;
const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((item, i) => item === b[i]);
/** Field by field: a generic deep comparison is far slower, and this runs on every snapshot write. */
const sameDocument = (a: IndexedDocument, b: IndexedDocument) =>
  TEXT_KEYS.every((key) => a[key] === b[key]) && LIST_KEYS.every((key) => sameList(a[key], b[key]));

/** An encoded snapshot did not decode back to the index it was made from: it must not be stored. */
export class SnapshotRejectedError extends Error {}

export interface VerifiedSnapshot {
  bytes: Buffer;
  /** SHA-256 (hex) of the bytes, as they end with it. */
  checksum: string;
}

/**
 * Encodes the index and decodes the bytes back before anyone may store them: the decoder's own
 * checks (every string a string, every reference in range, the checksum) plus the same position,
 * the same documents in the same slots and the same terms. A value the encoder cannot carry
 * (the cause of a snapshot that no reader could load) is found here, where the previous snapshot
 * is still in place, instead of by every reader after it has been replaced.
 */
export const verifiedSnapshot = (index: SearchIndex, seq: number, writtenAt: string): VerifiedSnapshot => {
  const bytes = encodeSnapshot(index, seq, writtenAt);
  let loaded: ReturnType<typeof decodeSnapshot>;
  try {
    loaded = decodeSnapshot(bytes);
  } catch (error) {
    throw new SnapshotRejectedError(`the encoded search snapshot does not decode: ${error instanceof Error ? error.message : String(error)}`);
  }
  const differs = (what: string) => new SnapshotRejectedError(`the encoded search snapshot decodes to a different index: ${what}`);
  if (loaded.seq !== seq || loaded.writtenAt !== writtenAt) throw differs('position');
  const copy = loaded.index;
  if (copy.size !== index.size || copy.capacity !== index.capacity) throw differs('document count');
  for (const [slot, doc] of index.documents()) {
    if (copy.alive[slot] !== 1 || !sameDocument(copy.docAt(slot), doc)) throw differs(`dataset ${doc.id}`);
  }
  let terms = 0;
  for (const [, fields] of index.text.dictionary.entries()) if (fields.some((posting) => posting !== undefined && posting.length > 0)) terms++;
  if (copy.text.dictionary.size !== terms) throw differs('terms');
  return { bytes, checksum: snapshotChecksum(bytes) };
};

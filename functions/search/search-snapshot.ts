import { createHash } from 'node:crypto';
import { type Tier, tiers } from '../domain/policy';
import { type Posting, PostingArena } from './posting-arena';
import { type IndexedDocument, SearchIndex } from './search-index';
import {
  checkedHeader,
  type Columns,
  damaged,
  type Header,
  SNAPSHOT_FORMAT,
  SnapshotChecksumError,
  SnapshotCutShortError,
  SnapshotFormatError,
} from './snapshot-header';
import { TermDictionary } from './term-dictionary';
import { type TermPostings, TEXT_FIELDS } from './text-index';

export { SnapshotChecksumError, SnapshotCutShortError, SnapshotFormatError } from './snapshot-header';

/**
 * The stored form of a search index, made to load fast: a JSON header holding only strings (the
 * documents' own strings as one column per field, one table of the values documents share, the
 * term list), then numbers as raw typed arrays that loading wraps without parsing: each
 * document's shared values (as positions in the table), the postings and the field lengths.
 * Nothing is re-tokenised on load. A SHA-256 of everything before it ends the bytes, so damage
 * anywhere (a flipped bit in a string, a torn read) is found before anything is decoded.
 *
 *   "LDXSRCH3" | u32 header length | header JSON | padding to 4 | sections (each padded to 4) | SHA-256
 */
const MAGIC = Buffer.from('LDXSRCH3');
const CHECKSUM_BYTES = 32;

export interface LoadedSnapshot {
  seq: number;
  writtenAt: string;
  index: SearchIndex;
  /** The snapshot's SHA-256 (hex), as its bytes end with it: names these exact bytes. */
  checksum: string;
}

const sha256 = (parts: readonly Uint8Array[]): Buffer => {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest();
};

/** The bytes followed by their SHA-256, as a snapshot ends (exported so tests can forge well-sealed bytes). */
export const sealed = (body: Uint8Array): Buffer => Buffer.concat([body, sha256([body])]);

/** The bytes of a snapshot without the checksum they end with. */
export const unsealed = (bytes: Uint8Array): Buffer => Buffer.from(bytes.buffer, bytes.byteOffset, Math.max(0, bytes.length - CHECKSUM_BYTES));

/** Whether the bytes end with the checksum of what precedes it (the rest is not decoded). */
export const isSealed = (bytes: Uint8Array): boolean =>
  bytes.length >= MAGIC.length + 4 + CHECKSUM_BYTES && sha256([unsealed(bytes)]).toString('hex') === snapshotChecksum(bytes);

/** The checksum (hex) an encoded snapshot ends with; it is not checked here. */
export const snapshotChecksum = (bytes: Uint8Array): string =>
  Buffer.from(bytes.buffer, bytes.byteOffset + bytes.length - CHECKSUM_BYTES, CHECKSUM_BYTES).toString('hex');

const FIELD_COUNT = TEXT_FIELDS.length;
const padded = (bytes: number) => (bytes + 3) & ~3;

export const encodeSnapshot = (index: SearchIndex, seq: number, writtenAt: string): Buffer => {
  index.purge(); // no postings of dead slots go into the snapshot
  const strings: string[] = [];
  const stringIds = new Map<string, number>();
  const s = (value: string) => {
    let id = stringIds.get(value);
    if (id === undefined) stringIds.set(value, (id = strings.push(value) - 1));
    return id;
  };
  const empty = () => Array.from({ length: index.capacity }, () => '');
  const columns: Columns = { id: empty(), name: empty(), title: empty(), created: empty(), modified: empty(), source: empty(), resourceIds: [] };
  // Per live slot: organisation, organisationName, tier, licence, then keywords, themes, formats, schemas and places (each count-prefixed), then the resource count.
  const values: number[] = [];
  for (const [slot, d] of index.documents()) {
    columns.id[slot] = d.id;
    columns.name[slot] = d.name;
    columns.title[slot] = d.title;
    columns.created[slot] = d.created;
    columns.modified[slot] = d.modified === d.created ? '' : d.modified;
    columns.source[slot] = d.source;
    columns.resourceIds.push(...d.resourceIds);
    values.push(s(d.organisation), s(d.organisationName), s(d.tier), s(d.licence));
    for (const list of [d.keywords, d.themes, d.formats, d.schemas, d.places]) values.push(list.length, ...list.map(s));
    values.push(d.resourceIds.length);
  }
  const terms: string[] = [];
  const layout: number[] = [];
  const postings: Posting[] = [];
  // In `<` order: a loaded dictionary is this list, searched as it is (term-dictionary.ts).
  const sortedTerms = [...index.text.dictionary.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (const [term, fields] of sortedTerms) {
    let mask = 0;
    const present: Posting[] = [];
    fields.forEach((posting, field) => {
      if (posting && posting.length > 0) {
        mask |= 1 << field;
        present.push(posting);
      }
    });
    if (mask === 0) continue;
    terms.push(term);
    layout.push(mask, ...present.map((p) => p.length));
    postings.push(...present);
  }
  const total = postings.reduce((sum, p) => sum + p.length, 0);
  const slots = new Int32Array(total);
  const counts = new Uint16Array(total);
  let at = 0;
  const arena = index.text.arena;
  for (const posting of postings) {
    slots.set(arena.slots.subarray(posting.offset, posting.offset + posting.length), at);
    counts.set(arena.counts.subarray(posting.offset, posting.offset + posting.length), at);
    at += posting.length;
  }
  const lengths = index.text.fieldLengths.subarray(0, index.capacity * FIELD_COUNT);
  const header: Header = {
    format: SNAPSHOT_FORMAT,
    seq,
    writtenAt,
    capacity: index.capacity,
    strings,
    columns,
    terms,
    sections: { values: values.length, layout: layout.length, slots: total, counts: total, lengths: lengths.length },
  };
  const json = Buffer.from(JSON.stringify(header));
  const parts: Uint8Array[] = [MAGIC, Buffer.from(Uint32Array.of(json.length).buffer), json];
  const pad = (length: number) => Buffer.alloc(padded(length) - length);
  parts.push(pad(MAGIC.length + 4 + json.length));
  for (const section of [Int32Array.from(values), Int32Array.from(layout), slots, counts, lengths]) {
    const bytes = new Uint8Array(section.buffer, section.byteOffset, section.byteLength);
    parts.push(bytes, pad(bytes.length));
  }
  return sealed(Buffer.concat(parts));
};

/**
 * Loads a snapshot. Bytes that are not one, or are damaged or forged, throw SnapshotFormatError
 * (SnapshotCutShortError when they end early) before anything is allocated from a length they
 * claim; a decoded index holds only what its checks let through (known tiers, postings of live slots).
 */
export const decodeSnapshot = (stored: Uint8Array): LoadedSnapshot => {
  try {
    return decode(stored);
  } catch (error) {
    if (error instanceof SnapshotFormatError) throw error;
    throw damaged(error instanceof Error ? error.message : String(error));
  }
};

const decode = (stored: Uint8Array): LoadedSnapshot => {
  // An empty read, or the magic's first bytes only, is a file caught while it is rewritten (the local emulator writes in place): read again.
  if (stored.length < MAGIC.length && MAGIC.subarray(0, stored.length).equals(stored)) throw new SnapshotCutShortError();
  if (stored.length < MAGIC.length || !Buffer.from(stored.buffer, stored.byteOffset, MAGIC.length).equals(MAGIC)) {
    throw new SnapshotFormatError('not a search snapshot in a format this version knows');
  }
  if (stored.length < MAGIC.length + 4 + CHECKSUM_BYTES) throw new SnapshotCutShortError();
  if (!isSealed(stored)) throw new SnapshotChecksumError();
  const input = unsealed(stored);
  const checksum = snapshotChecksum(stored);
  const headerLength = input.readUInt32LE(MAGIC.length);
  const headerStart = MAGIC.length + 4;
  if (headerStart + headerLength > input.length) throw new SnapshotCutShortError();
  const header = checkedHeader(JSON.parse(input.toString('utf8', headerStart, headerStart + headerLength)));
  // The sections are wrapped as typed arrays where they lie when the binary part starts 4-aligned
  // (as a buffer read whole does), else in one aligned copy. The index never writes to them: a
  // posting that grows moves to a new arena, and the field lengths are copied.
  const binary = input.subarray(padded(headerStart + headerLength));
  const bytes = binary.byteOffset % 4 === 0 ? binary : new Uint8Array(binary);
  let offset = 0;
  const take = <T>(make: (buffer: ArrayBuffer, at: number, length: number) => T, length: number, width: number): T => {
    if (offset + length * width > bytes.length) throw new SnapshotCutShortError();
    const section = make(bytes.buffer as ArrayBuffer, bytes.byteOffset + offset, length);
    offset = padded(offset + length * width);
    return section;
  };
  const values = take((b, at, n) => new Int32Array(b, at, n), header.sections.values, 4);
  const layout = take((b, at, n) => new Int32Array(b, at, n), header.sections.layout, 4);
  const slots = take((b, at, n) => new Int32Array(b, at, n), header.sections.slots, 4);
  const counts = take((b, at, n) => new Uint16Array(b, at, n), header.sections.counts, 2);
  const lengths = take((b, at, n) => new Uint16Array(b, at, n), header.sections.lengths, 2);

  const index = new SearchIndex();
  index.ensureCapacity(header.capacity);
  index.text.fieldLengths.set(lengths);
  // The postings stay where they were read: the arena is the sections themselves.
  index.text.arena = new PostingArena(slots, counts);
  loadTerms(index, header.terms, layout, slots.length);
  loadDocuments(index, header, values);
  // A posting naming an empty slot would lend its words to the document that reuses the slot.
  const { alive } = index;
  for (let i = 0; i < slots.length; i++) if (alive[slots[i]] !== 1) throw damaged('posting of an empty slot');
  index.markEmptySlotsFree();
  return { seq: header.seq, writtenAt: header.writtenAt, index, checksum };
};

/**
 * Checks the term list (strictly ascending, so no term twice) and the layout (each term's field
 * mask and posting lengths, tiling the postings exactly), then hands the text index a dictionary
 * over the list as it is: a term's postings are made from the layout when it is first looked up.
 */
const loadTerms = (index: SearchIndex, terms: string[], layout: Int32Array, postingsLength: number): void => {
  const layoutAt = new Int32Array(terms.length);
  const postingsAt = new Int32Array(terms.length);
  let l = 0;
  let p = 0;
  for (let t = 0; t < terms.length; t++) {
    if (t > 0 && !(terms[t - 1] < terms[t])) throw damaged('terms out of order, or listed twice');
    if (l >= layout.length) throw damaged('layout ends early');
    layoutAt[t] = l;
    postingsAt[t] = p;
    const mask = layout[l++];
    if (mask <= 0 || mask >= 1 << FIELD_COUNT) throw damaged(`term ${terms[t]}`);
    for (let field = 0; field < FIELD_COUNT; field++) {
      if ((mask & (1 << field)) === 0) continue;
      if (l >= layout.length) throw damaged('layout ends early');
      const length = layout[l++];
      if (length <= 0 || p + length > postingsLength) throw damaged(`postings of ${terms[t]}`);
      p += length;
    }
  }
  if (l !== layout.length || p !== postingsLength) throw damaged('layout');
  index.text.dictionary = TermDictionary.fromSorted(terms, (t): TermPostings => {
    const fields: TermPostings = new Array<Posting | undefined>(FIELD_COUNT).fill(undefined);
    let at = layoutAt[t];
    let offset = postingsAt[t];
    const mask = layout[at++];
    for (let field = 0; field < FIELD_COUNT; field++) {
      if ((mask & (1 << field)) === 0) continue;
      const length = layout[at++];
      fields[field] = { offset, length, capacity: length };
      offset += length;
    }
    return fields;
  });
};

const loadDocuments = (index: SearchIndex, header: Header, values: Int32Array): void => {
  const { strings, columns } = header;
  let v = 0;
  const string = () => {
    const value = strings[values[v++]]; // undefined past the end of values, or for a number naming no string
    if (value === undefined) throw damaged('string reference');
    return value;
  };
  const count = () => {
    const n = values[v++];
    if (!(n >= 0 && n <= values.length - v)) throw damaged('count');
    return n;
  };
  const list = () => {
    const items = new Array<string>(count());
    for (let i = 0; i < items.length; i++) items[i] = string();
    return items;
  };
  let r = 0;
  let placed = 0;
  for (let slot = 0; slot < header.capacity; slot++) {
    const id = columns.id[slot];
    if (id === '') continue;
    const organisation = string();
    const organisationName = string();
    const tier = string() as Tier;
    if (!tiers.includes(tier)) throw damaged(`tier ${tier}`);
    const licence = string();
    const keywords = list();
    const themes = list();
    const formats = list();
    const schemas = list();
    const places = list();
    const resources = values[v++];
    if (!(resources >= 0 && r + resources <= columns.resourceIds.length)) throw damaged('resource count');
    const doc: IndexedDocument = {
      id,
      name: columns.name[slot],
      title: columns.title[slot],
      organisation,
      organisationName,
      tier,
      licence,
      keywords,
      themes,
      formats,
      schemas,
      places,
      resourceIds: columns.resourceIds.slice(r, (r += resources)),
      created: columns.created[slot],
      modified: columns.modified[slot] || columns.created[slot],
      source: columns.source[slot],
    };
    index.place(slot, doc);
    index.text.adopt(slot);
    placed++;
  }
  if (v !== values.length || r !== columns.resourceIds.length) throw damaged('values');
  if (index.size !== placed) throw damaged('a dataset in two slots');
};

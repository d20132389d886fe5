import type { Tier } from '../domain/policy';
import { type IndexedDocument, SearchIndex } from './search-index';
import { type Posting, TEXT_FIELDS, type TermPostings } from './text-index';

/**
 * The stored form of a search index, made to load fast: a JSON header holding only strings (the
 * documents' own strings as one column per field, one table of the values documents share, the
 * term list), then numbers as raw typed arrays that loading wraps without parsing: each
 * document's shared values (as positions in the table), the postings and the field lengths.
 * Nothing is re-tokenised on load.
 *
 *   "LDXSRCH2" | u32 header length | header JSON | padding to 4 | sections (each padded to 4)
 */
export const SNAPSHOT_FORMAT = 'ldx-search-snapshot/2';
const MAGIC = Buffer.from('LDXSRCH2');

/** Per slot ('' id for an empty slot); `modified` is '' where it equals `created`; resource ids of all documents, in slot order. */
interface Columns {
  id: string[];
  name: string[];
  title: string[];
  created: string[];
  modified: string[];
  source: string[];
  resourceIds: string[];
}

interface Header {
  format: string;
  seq: number;
  writtenAt: string;
  capacity: number;
  strings: string[];
  columns: Columns;
  terms: string[];
  /** Element counts of the binary sections, in order. */
  sections: { values: number; layout: number; slots: number; counts: number; lengths: number };
}

/** The stored bytes are not a snapshot of a format this code knows (retrying will not help). */
export class SnapshotFormatError extends Error {}

export interface LoadedSnapshot {
  seq: number;
  writtenAt: string;
  index: SearchIndex;
}

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
  // Per live slot: organisation, organisationName, tier, licence, then keywords, themes, formats and schemas (each count-prefixed), then the resource count.
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
    for (const list of [d.keywords, d.themes, d.formats, d.schemas]) values.push(list.length, ...list.map(s));
    values.push(d.resourceIds.length);
  }
  const terms: string[] = [];
  const layout: number[] = [];
  const postings: Posting[] = [];
  for (const [term, fields] of index.text.dictionary.entries()) {
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
  const { slotArena, countArena } = index.text;
  for (const posting of postings) {
    slots.set(slotArena.subarray(posting.offset, posting.offset + posting.length), at);
    counts.set(countArena.subarray(posting.offset, posting.offset + posting.length), at);
    at += posting.length;
  }
  const lengths = index.text.fieldLengths.subarray(0, index.capacity * FIELD_COUNT);
  const header: Header = { format: SNAPSHOT_FORMAT, seq, writtenAt, capacity: index.capacity, strings, columns, terms, sections: { values: values.length, layout: layout.length, slots: total, counts: total, lengths: lengths.length } };
  const json = Buffer.from(JSON.stringify(header));
  const parts: Uint8Array[] = [MAGIC, Buffer.from(Uint32Array.of(json.length).buffer), json];
  const pad = (length: number) => Buffer.alloc(padded(length) - length);
  parts.push(pad(MAGIC.length + 4 + json.length));
  for (const section of [Int32Array.from(values), Int32Array.from(layout), slots, counts, lengths]) {
    const bytes = new Uint8Array(section.buffer, section.byteOffset, section.byteLength);
    parts.push(bytes, pad(bytes.length));
  }
  return Buffer.concat(parts);
};

export const decodeSnapshot = (stored: Uint8Array): LoadedSnapshot => {
  if (stored.length < MAGIC.length + 4 || !Buffer.from(stored.buffer, stored.byteOffset, MAGIC.length).equals(MAGIC)) {
    throw new SnapshotFormatError('not a search snapshot in a format this version knows');
  }
  const input = Buffer.from(stored.buffer, stored.byteOffset, stored.length);
  const headerLength = input.readUInt32LE(MAGIC.length);
  const headerStart = MAGIC.length + 4;
  if (headerStart + headerLength > input.length) throw new Error('search snapshot is cut short');
  const header = JSON.parse(input.toString('utf8', headerStart, headerStart + headerLength)) as Header;
  if (header.format !== SNAPSHOT_FORMAT) throw new SnapshotFormatError(`unknown search snapshot format ${String(header.format)}`);
  // One aligned copy of the binary part, so its sections can be wrapped as typed arrays in place.
  const bytes = new Uint8Array(input.subarray(padded(headerStart + headerLength)));
  let offset = 0;
  const take = <T>(make: (buffer: ArrayBuffer, at: number, length: number) => T, length: number, width: number): T => {
    if (offset + length * width > bytes.length) throw new Error('search snapshot is cut short');
    const section = make(bytes.buffer, offset, length);
    offset = padded(offset + length * width);
    return section;
  };
  const values = take((b, at, n) => new Int32Array(b, at, n), header.sections.values, 4);
  const layout = take((b, at, n) => new Int32Array(b, at, n), header.sections.layout, 4);
  const slots = take((b, at, n) => new Int32Array(b, at, n), header.sections.slots, 4);
  const counts = take((b, at, n) => new Uint16Array(b, at, n), header.sections.counts, 2);
  const lengths = take((b, at, n) => new Uint16Array(b, at, n), header.sections.lengths, 2);

  const index = SearchIndex.empty();
  index.ensureCapacity(header.capacity);
  index.text.fieldLengths.set(lengths);
  // The postings stay where they were read: the arenas are the sections themselves.
  index.text.slotArena = slots;
  index.text.countArena = counts;
  index.text.arenaUsed = slots.length;
  let l = 0;
  let p = 0;
  for (const term of header.terms) {
    const mask = layout[l++];
    const fields: TermPostings = new Array<Posting | undefined>(FIELD_COUNT).fill(undefined);
    for (let field = 0; field < FIELD_COUNT; field++) {
      if ((mask & (1 << field)) === 0) continue;
      const length = layout[l++];
      fields[field] = { offset: p, length, capacity: length };
      p += length;
    }
    index.text.dictionary.set(term, fields);
  }
  const { strings, columns } = header;
  let v = 0;
  let r = 0;
  const list = () => {
    const items = new Array<string>(values[v++]);
    for (let i = 0; i < items.length; i++) items[i] = strings[values[v++]];
    return items;
  };
  for (let slot = 0; slot < header.capacity; slot++) {
    if (columns.id[slot] === '') continue;
    const organisation = strings[values[v]];
    const organisationName = strings[values[v + 1]];
    const tier = strings[values[v + 2]] as Tier;
    const licence = strings[values[v + 3]];
    v += 4;
    const keywords = list();
    const themes = list();
    const formats = list();
    const schemas = list();
    const resources = values[v++];
    const doc: IndexedDocument = {
      id: columns.id[slot], name: columns.name[slot], title: columns.title[slot], organisation, organisationName, tier, licence, keywords, themes, formats, schemas,
      resourceIds: columns.resourceIds.slice(r, (r += resources)), created: columns.created[slot], modified: columns.modified[slot] || columns.created[slot], source: columns.source[slot],
    };
    index.place(slot, doc);
    index.text.adopt(slot);
  }
  index.markEmptySlotsFree();
  return { seq: header.seq, writtenAt: header.writtenAt, index };
};

import { TEXT_FIELDS } from './text-index';

/** The JSON header of a search snapshot (search-snapshot.ts), and its checks on the way in. */

// Changed whenever what a document holds or how the sections are laid out changes (terms listed in `<` order, say), so an older snapshot is rebuilt from the catalogue rather than read short.
export const SNAPSHOT_FORMAT = 'ldx-search-snapshot/6';

/** Per slot ('' id for an empty slot); `modified` is '' where it equals `created`; resource ids of all documents, in slot order. */
export interface Columns {
  id: string[];
  name: string[];
  title: string[];
  created: string[];
  modified: string[];
  source: string[];
  resourceIds: string[];
}

export interface Header {
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

/** The stored bytes are not a snapshot of a format this code knows, or are damaged: retrying will not help. */
export class SnapshotFormatError extends Error {}

/** The bytes end early, as when a read races a rewrite of the object (the local emulator rewrites in place): worth retrying. */
export class SnapshotCutShortError extends SnapshotFormatError {
  constructor(message = 'search snapshot is cut short') {
    super(message);
  }
}

/**
 * The bytes do not match the checksum they end with: damaged where they are kept, or (as often)
 * read while being rewritten, so it is retried like a cut-short read before being given up on.
 */
export class SnapshotChecksumError extends SnapshotCutShortError {
  constructor() {
    super('search snapshot damaged: its bytes do not match its checksum');
  }
}

export const damaged = (what: string): SnapshotFormatError => new SnapshotFormatError(`search snapshot damaged: ${what}`);

const FIELD_COUNT = TEXT_FIELDS.length;

const isCount = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;
const isStrings = (value: unknown, length?: number): value is string[] =>
  Array.isArray(value) && (length === undefined || value.length === length) && value.every((item) => typeof item === 'string');
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/**
 * The parsed header, checked before anything is allocated from it: the capacity must match the
 * columns (so it is bounded by the header's own size) and the section counts must agree with it.
 */
export const checkedHeader = (parsed: unknown): Header => {
  if (!isObject(parsed)) throw damaged('header');
  if (parsed.format !== SNAPSHOT_FORMAT) throw new SnapshotFormatError(`unknown search snapshot format ${String(parsed.format)}`);
  const { seq, writtenAt, capacity, strings, terms, columns, sections } = parsed;
  if (!isCount(seq) || typeof writtenAt !== 'string' || !isCount(capacity) || !isStrings(strings) || !isStrings(terms)) throw damaged('header');
  if (!isObject(columns) || !isStrings(columns.resourceIds)) throw damaged('columns');
  for (const column of ['id', 'name', 'title', 'created', 'modified', 'source']) if (!isStrings(columns[column], capacity)) throw damaged('columns');
  if (!isObject(sections)) throw damaged('sections');
  const { values, layout, slots, counts, lengths } = sections;
  if (![values, layout, slots, counts, lengths].every(isCount) || counts !== slots || lengths !== capacity * FIELD_COUNT) throw damaged('sections');
  return parsed as unknown as Header;
};

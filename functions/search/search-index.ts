import { FieldValues } from './field-values';
import { PolicyGroups } from './policy-groups';
import type { SearchDocument } from './search-document';
import { type Direction, type OrderField, SortedSlots } from './sorted-entries';
import { TextIndex, type TextMatches } from './text-index';
import { resized } from './typed-arrays';

export { compareKeys, type Direction, type OrderField } from './sorted-entries';

/** With fewer visible matches than this for the words as typed, the search is run again with typo tolerance. */
const TYPO_FALLBACK_BELOW = 5;

export const filterFields = ['organisation', 'tier', 'theme', 'keyword', 'format', 'schema', 'licence', 'name', 'id'] as const;
export type FilterField = (typeof filterFields)[number];

/** Fields held as numbered values (name and id are looked up directly). */
export const valueFields = ['organisation', 'tier', 'theme', 'keyword', 'format', 'schema', 'licence'] as const;
export type ValueField = (typeof valueFields)[number];

/** What the index keeps of a document once its text is indexed (the text itself is not kept). */
export type IndexedDocument = Omit<SearchDocument, 'description' | 'columns'>;

const valuesOf = (doc: IndexedDocument, field: ValueField): readonly string[] => {
  switch (field) {
    case 'organisation':
      return [doc.organisation];
    case 'tier':
      return [doc.tier];
    case 'licence':
      return [doc.licence];
    case 'theme':
      return doc.themes;
    case 'keyword':
      return doc.keywords;
    case 'format':
      return doc.formats;
    case 'schema':
      return doc.schemas;
  }
};

export const normalisePhrase = (text: string): string =>
  text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/** Dead slots tolerated in the text postings before they are purged. */
const PURGE_AFTER = (live: number) => Math.max(256, live >> 2);

/**
 * The in-memory search index: documents in numbered slots, a full-text index over them, each
 * filter field's values with posting lists, documents grouped by policy facts with their facet
 * counts, and kept orders for sorting. Pure: it knows nothing of storage or callers.
 */
export class SearchIndex {
  readonly text = new TextIndex();
  readonly fields = Object.fromEntries(valueFields.map((f) => [f, new FieldValues(f)])) as Record<ValueField, FieldValues>;
  private readonly fieldList = valueFields.map((f) => this.fields[f]);
  /** Each group counts the fields whose values vary within it (organisation and tier are the group's own). */
  readonly groups = new PolicyGroups(
    this,
    (['theme', 'keyword', 'format', 'licence'] as const).map((f) => this.fields[f]),
  );
  /** 1 where a slot holds a live document. */
  alive = new Uint8Array(0);
  /** Each slot's policy group. */
  groupOf = new Int32Array(0);
  private readonly docs: Array<IndexedDocument | undefined> = [];
  /** Lower-cased titles, for sorting; made when first needed. */
  private readonly titleKeys: Array<string | undefined> = [];
  private readonly titlePhrases: Array<string | undefined> = [];
  private readonly slotById = new Map<string, number>();
  /** Made on first use (filters on name are rare), then kept up to date. */
  private slotByName?: Map<string, number>;
  /** Made on first use (only CKAN's resource_show asks), then kept up to date. */
  private datasetOfResource?: Map<string, string>;
  private readonly orders = new Map<string, SortedSlots>();
  /** Slots free for reuse (their text postings are purged), and dead ones not yet purged. */
  private readonly free: number[] = [];
  private deadCount = 0;
  private changes = 0;
  private scratch = new Float64Array(0);
  private slotScratchBuffer = new Int32Array(0);

  static empty(): SearchIndex {
    return new SearchIndex();
  }

  static build(documents: Iterable<SearchDocument>): SearchIndex {
    const index = new SearchIndex();
    for (const doc of documents) index.upsert(doc);
    return index;
  }

  /** Changes with every document added, replaced or removed (caches key on it). */
  get version(): number {
    return this.changes;
  }

  get size(): number {
    return this.slotById.size;
  }

  /** Slots are numbered below this. */
  get capacity(): number {
    return this.docs.length;
  }

  get(id: string): IndexedDocument | undefined {
    const slot = this.slotById.get(id);
    return slot === undefined ? undefined : this.docs[slot];
  }

  docAt(slot: number): IndexedDocument {
    return this.docs[slot]!;
  }

  slotOfId(id: string): number | undefined {
    return this.slotById.get(id);
  }

  slotOfName(name: string): number | undefined {
    if (!this.slotByName) {
      this.slotByName = new Map();
      for (const [slot, doc] of this.documents()) this.slotByName.set(doc.name, slot);
    }
    return this.slotByName.get(name);
  }

  datasetIdOfResource(resourceId: string): string | undefined {
    if (!this.datasetOfResource) {
      this.datasetOfResource = new Map();
      for (const [, doc] of this.documents()) for (const id of doc.resourceIds) this.datasetOfResource.set(id, doc.id);
    }
    return this.datasetOfResource.get(resourceId);
  }

  /** Adds or replaces a document; returns false when the stored one was built from the same records. */
  upsert(doc: SearchDocument): boolean {
    const existing = this.get(doc.id);
    if (existing?.source === doc.source && existing.organisationName === doc.organisationName) return false;
    if (existing) this.remove(doc.id);
    const slot = this.takeSlot();
    this.text.add(slot, doc);
    const { description: _description, columns: _columns, ...kept } = doc;
    this.place(slot, kept);
    return true;
  }

  remove(id: string): boolean {
    const slot = this.slotById.get(id);
    if (slot === undefined) return false;
    const doc = this.docs[slot]!;
    for (const order of this.orders.values()) order.delete(slot);
    this.groups.change(this.groupOf[slot], slot, -1);
    for (const field of this.fieldList) field.clear(slot);
    for (const resourceId of doc.resourceIds) this.datasetOfResource?.delete(resourceId);
    this.slotById.delete(doc.id);
    // Another document may hold the name already (renamed datasets are applied in any order).
    if (this.slotByName?.get(doc.name) === slot) this.slotByName.delete(doc.name);
    this.docs[slot] = undefined;
    this.alive[slot] = 0;
    this.text.remove(slot);
    this.changes++;
    if (++this.deadCount > PURGE_AFTER(this.size)) this.purge();
    return true;
  }

  /** Drops dead slots from the text postings, making the slots free for reuse. */
  purge(): void {
    if (this.deadCount === 0) return;
    this.text.purge(this.alive);
    this.markEmptySlotsFree();
  }

  /** After loading a snapshot (which holds no postings of empty slots): its empty slots are free. */
  markEmptySlotsFree(): void {
    this.free.length = 0;
    for (let slot = 0; slot < this.docs.length; slot++) if (this.alive[slot] === 0) this.free.push(slot);
    this.deadCount = 0;
  }

  /** Every live slot in the given order, kept from then on. */
  orderOf(by: OrderField, direction: Direction): SortedSlots {
    const id = `${by} ${direction}`;
    let order = this.orders.get(id);
    if (!order) this.orders.set(id, (order = new SortedSlots(by, direction, this, this.slotById.values())));
    return order;
  }

  key(by: OrderField, slot: number): string {
    if (by === 'title') return (this.titleKeys[slot] ??= this.docs[slot]!.title.toLowerCase());
    return this.docs[slot]![by];
  }

  name(slot: number): string {
    return this.docs[slot]!.name;
  }

  /**
   * Slots matching every term of `text` (prefix and typo tolerant), with text scores. Typo
   * tolerance is the expensive part, so it is tried only when the words as typed (and as
   * prefixes) find fewer than a handful of datasets in the policy groups marked in `visible`:
   * whether a caller gets typo matches must not depend on datasets it may not see. Title
   * matches (titleMatch) are weighed by the caller, for the matches that survive the filters only.
   */
  textMatches(text: string, visible: Uint8Array): TextMatches {
    const matches = this.text.search(text, this.alive, false);
    let found = 0;
    for (let i = 0; i < matches.slots.length && found < TYPO_FALLBACK_BELOW; i++) found += visible[this.groupOf[matches.slots[i]]];
    return found < TYPO_FALLBACK_BELOW ? this.text.search(text, this.alive, true) : matches;
  }

  /** How a slot's title holds a query phrase (normalisePhrase of the text). */
  titleMatch(slot: number, phrase: string): 'exact' | 'within' | 'none' {
    if (phrase.length === 0) return 'none';
    const title = (this.titlePhrases[slot] ??= normalisePhrase(this.docs[slot]!.title));
    return title === phrase ? 'exact' : title.includes(phrase) ? 'within' : 'none';
  }

  /** A buffer of one number per slot, all zero, for a query to use and zero again (queries are synchronous). */
  scoreScratch(): Float64Array {
    if (this.scratch.length < this.capacity) this.scratch = new Float64Array(this.alive.length);
    return this.scratch;
  }

  /** A buffer with room for every slot, for a query to collect slots in before copying them out. */
  slotScratch(): Int32Array {
    if (this.slotScratchBuffer.length < this.capacity) this.slotScratchBuffer = new Int32Array(this.alive.length);
    return this.slotScratchBuffer;
  }

  /** Every live document, by slot (for snapshots). */
  *documents(): Iterable<[number, IndexedDocument]> {
    for (let slot = 0; slot < this.docs.length; slot++) if (this.alive[slot] === 1) yield [slot, this.docs[slot]!];
  }

  /**
   * Puts a document whose text is already in the text index (added, or loaded from a snapshot)
   * into its slot: filters, groups, orders and lookups.
   */
  place(slot: number, doc: IndexedDocument): void {
    this.ensureCapacity(slot + 1);
    this.docs[slot] = doc;
    this.titleKeys[slot] = undefined;
    this.titlePhrases[slot] = undefined;
    this.alive[slot] = 1;
    // Private datasets stay out of the relevance statistics, so that no caller's ranking moves with them (see TextIndex).
    this.text.setCounted(slot, doc.tier !== 'private');
    // By position (fieldList follows valueFields): a cold instance runs this for every document of a snapshot.
    for (let f = 0; f < valueFields.length; f++) this.fieldList[f].set(slot, valuesOf(doc, valueFields[f]));
    const group = this.groups.idOf(doc.organisation, doc.tier);
    this.groupOf[slot] = group;
    this.groups.change(group, slot, 1);
    this.slotById.set(doc.id, slot);
    this.slotByName?.set(doc.name, slot);
    if (this.datasetOfResource) for (const resourceId of doc.resourceIds) this.datasetOfResource.set(resourceId, doc.id);
    if (this.orders.size > 0) for (const order of this.orders.values()) order.insert(slot);
    this.changes++;
  }

  /** Makes room for `capacity` slots; slots from a snapshot are placed directly. */
  ensureCapacity(capacity: number): void {
    if (capacity > this.alive.length) {
      const size = Math.max(capacity, this.alive.length * 2, 64);
      this.alive = resized(this.alive, size);
      this.groupOf = resized(this.groupOf, size);
      this.text.grow(size);
      for (const field of valueFields) this.fields[field].ensureCapacity(size);
    }
    while (this.docs.length < capacity) {
      this.docs.push(undefined);
      this.titleKeys.push(undefined);
      this.titlePhrases.push(undefined);
    }
  }

  private takeSlot(): number {
    const slot = this.free.pop() ?? this.docs.length;
    this.ensureCapacity(slot + 1);
    return slot;
  }
}

import { isObject } from './json-rows';

/**
 * The records inside a JSON document that is one object, as APIs built on XML publish them
 * (LAQN's hourly index: {"HourlyAirQualityIndex":{"LocalAuthority":[{…,"Site":[{…,"Species":[…]}]}]}}).
 * The rule (README, "JSON that is one object"):
 * 1. A record path is a chain of keys from the top object down to an array of objects; arrays
 *    on the way are walked through, and a single object where the same path elsewhere holds an
 *    array counts as an array of one (XML-to-JSON converters write a lone child that way).
 * 2. The path chosen is the one reaching the most objects; on a tie the shorter, then the first met.
 * 3. Each object at the path is a row. Its nested objects become dotted columns (`a.b`); arrays
 *    inside it stay one JSON cell.
 * 4. When the path runs through arrays above the records (sites within local authorities), each
 *    row carries down the fields of the array elements it sits in, named `<key>.<field>`
 *    (`LocalAuthority.LocalAuthorityName`), as its first columns; their arrays are not carried.
 * 5. Keys written `@name` (XML attributes) are named `name`, unless that name is taken.
 */
export const NO_RECORDS_MESSAGE =
  'The JSON is a single object, not an array of row objects, NDJSON (one object per line) or a GeoJSON FeatureCollection, and no array of objects inside it holds records.';

export interface RecordPath {
  keys: string[];
  /** Objects reached at the path: the rows. */
  count: number;
}

interface PathTally {
  keys: string[];
  count: number;
  viaArray: boolean;
}

/** The path holding the records, or null when no array of objects is reachable. */
export function findNestedRecordPath(document: Record<string, unknown>, maxDepth: number): RecordPath | null {
  const tallies = new Map<string, PathTally>();
  // An explicit stack: a hostile document may nest deeper than the call stack.
  const pending: Array<{ value: Record<string, unknown>; keys: string[] }> = [{ value: document, keys: [] }];
  while (pending.length > 0) {
    const { value, keys } = pending.pop()!;
    if (keys.length >= maxDepth) continue;
    for (const key of Object.keys(value)) {
      const child = value[key];
      const isArray = Array.isArray(child);
      const objects = isArray ? child.filter(isObject) : isObject(child) ? [child] : [];
      if (objects.length === 0 && !isArray) continue;
      const path = [...keys, key];
      const id = JSON.stringify(path);
      const tally = tallies.get(id) ?? { keys: path, count: 0, viaArray: false };
      tally.count += objects.length;
      tally.viaArray ||= isArray && objects.length > 0;
      tallies.set(id, tally);
      for (const object of objects) pending.push({ value: object, keys: path });
    }
  }
  let best: PathTally | null = null;
  for (const tally of tallies.values()) {
    if (!tally.viaArray) continue;
    if (!best || tally.count > best.count || (tally.count === best.count && tally.keys.length < best.keys.length)) best = tally;
  }
  return best ? { keys: best.keys, count: best.count } : null;
}

/** Whether each step of the path holds an array somewhere (those steps' elements carry their fields down). */
function arraySteps(document: Record<string, unknown>, keys: readonly string[]): boolean[] {
  const steps = keys.map(() => false);
  let level: Record<string, unknown>[] = [document];
  keys.forEach((key, i) => {
    const next: Record<string, unknown>[] = [];
    for (const object of level) {
      const child = Object.hasOwn(object, key) ? object[key] : undefined;
      if (Array.isArray(child)) {
        steps[i] = true;
        // One push per object: spreading a large array into push() overflows the call stack.
        for (const element of child) if (isObject(element)) next.push(element);
      } else if (isObject(child)) next.push(child);
    }
    level = next;
  });
  return steps;
}

/** The rows at the path, in document order, as objects of column names to values. */
export function* recordsAt(document: Record<string, unknown>, keys: readonly string[]): Generator<Record<string, unknown>> {
  const carries = arraySteps(document, keys);
  const last = keys.length - 1;
  // Depth-first with an explicit stack, children pushed in reverse so rows keep document order.
  const pending: Array<{ value: Record<string, unknown>; step: number; carried: Array<[string, unknown]> }> = [];
  const pushChildren = (parent: Record<string, unknown>, step: number, carried: Array<[string, unknown]>) => {
    const key = keys[step];
    const child = Object.hasOwn(parent, key) ? parent[key] : undefined;
    const objects = Array.isArray(child) ? child.filter(isObject) : isObject(child) ? [child] : [];
    for (let i = objects.length - 1; i >= 0; i--) pending.push({ value: objects[i], step, carried });
  };
  pushChildren(document, 0, []);
  while (pending.length > 0) {
    const { value, step, carried } = pending.pop()!;
    if (step === last) {
      yield rowOf(value, carried);
      continue;
    }
    const own = carries[step] ? [...carried, ...parentFields(value, keys[step], keys[step + 1])] : carried;
    pushChildren(value, step + 1, own);
  }
}

/** A row's columns: what its parents carry down (outermost first), then the record's own fields flattened. */
function rowOf(record: Record<string, unknown>, carried: ReadonlyArray<[string, unknown]>): Record<string, unknown> {
  const columns = new Map<string, unknown>(carried);
  flattenInto(columns, record, '', () => true);
  return Object.fromEntries(columns);
}

/** A parent's fields for its children's rows: scalars and nested objects, not the path's key nor arrays. */
function parentFields(parent: Record<string, unknown>, parentKey: string, pathKey: string): Array<[string, unknown]> {
  const columns = new Map<string, unknown>();
  flattenInto(columns, parent, `${bareName(parentKey, {})}.`, (key, value) => key !== pathKey && !Array.isArray(value));
  return [...columns];
}

/** Nested objects become dotted names, breadth first so a record's own fields come first. */
function flattenInto(columns: Map<string, unknown>, object: Record<string, unknown>, prefix: string, wanted: (key: string, value: unknown) => boolean): void {
  const queue: Array<[Record<string, unknown>, string]> = [[object, prefix]];
  for (let next = 0; next < queue.length; next++) {
    const [value, at] = queue[next];
    for (const key of Object.keys(value)) {
      const child = value[key];
      if (at === prefix && !wanted(key, child)) continue;
      const name = `${at}${bareName(key, value)}`;
      if (isObject(child) && Object.keys(child).length > 0) queue.push([child, `${name}.`]);
      else if (!columns.has(name)) columns.set(name, child);
    }
  }
}

/** `@name` (an XML attribute) is named `name`, unless the object also has a `name` key. */
function bareName(key: string, siblings: Record<string, unknown>): string {
  if (!key.startsWith('@') || key.length === 1) return key;
  const bare = key.slice(1);
  return Object.hasOwn(siblings, bare) ? key : bare;
}

/** The path as the report shows it: `HourlyAirQualityIndex.LocalAuthority[].Site[].Species[]`. */
export function describePath(document: Record<string, unknown>, keys: readonly string[]): string {
  const steps = arraySteps(document, keys);
  return keys.map((key, i) => (steps[i] ? `${key}[]` : key)).join('.');
}

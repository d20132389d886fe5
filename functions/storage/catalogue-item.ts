import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import type { ListingEntry, RecordKey, StoredRecord } from './catalogue-store';

/**
 * How a catalogue record is held in its DynamoDB item: the keys, the listing keys and the version
 * as attributes of their own (conditions, the index and listings use them), and the value as one
 * string attribute of JSON text. Nothing queries inside a value, and a value held as nested
 * DynamoDB maps and lists (a version's Table Schema of 84 fields is hundreds of them) is
 * converted type by type on every read, by the SDK and by DynamoDB's own JSON protocol; JSON
 * text is read with one JSON.parse.
 *
 * Items written before held the value as a map in `value`: they are still read, and a write
 * replaces the whole item in this form.
 */
export type Item = Record<string, AttributeValue>;

const VALUE_JSON = 'valueJson';
const LEGACY_VALUE = 'value';

/**
 * JSON text of a value, refusing what JSON would change without saying (a Set or Map would become
 * `{}`, a Date a string, a class instance a plain object, an infinite number null): the SDK's
 * marshalling refused these too. Undefined properties are left out and undefined list elements
 * dropped, as the SDK's removeUndefinedValues did.
 */
export const valueJson = (value: unknown): string =>
  JSON.stringify(value, function (this: unknown, key: string, member: unknown) {
    // JSON.stringify has already called toJSON (a Date's, say) before the replacer sees the member.
    const original = (this as Record<string, unknown>)[key];
    if (typeof original === 'number' && !Number.isFinite(original)) throw new TypeError(`catalogue value ${key}: ${original} is not storable`);
    if (original !== null && typeof original === 'object' && !Array.isArray(original)) {
      const prototype = Object.getPrototypeOf(original);
      if (prototype !== Object.prototype && prototype !== null) {
        throw new TypeError(`catalogue value ${key}: a ${original.constructor?.name ?? 'class instance'} is not storable, only plain objects`);
      }
    }
    if (Array.isArray(member) && member.includes(undefined)) return member.filter((element) => element !== undefined);
    return member;
  });

export const keyItem = (key: RecordKey): Item => ({ pk: { S: key.pk }, sk: { S: key.sk } });

/**
 * JSON text longer than this (in UTF-8 bytes) is stored as maps instead. JSON escapes `"`, `\` and
 * control characters (up to six bytes for one), which maps store as they are: a value that fitted
 * the 400 KB item limit as maps (a wide version whose header names are full of quotes) must still fit.
 */
const JSON_TEXT_AT_MOST = 300 * 1024;

/** The value's attribute: JSON text, or (when that is too long for an item) nested maps as items were written before. */
const valueAttribute = (value: unknown): Item => {
  const json = valueJson(value);
  // Only a long text can be over the bound (a UTF-8 character is at most three bytes per UTF-16 unit).
  if (json.length * 3 <= JSON_TEXT_AT_MOST || Buffer.byteLength(json) <= JSON_TEXT_AT_MOST) return { [VALUE_JSON]: { S: json } };
  return marshall({ [LEGACY_VALUE]: value }, { removeUndefinedValues: true, convertClassInstanceToMap: false });
};

export const toItem = (key: RecordKey, value: unknown, version: number, listing?: ListingEntry): Item => ({
  ...keyItem(key),
  ...(listing ? { gsi1pk: { S: listing.list }, gsi1sk: { S: listing.order } } : {}),
  version: { N: String(version) },
  ...valueAttribute(value),
});

const legacyValue = (attribute: AttributeValue): unknown => unmarshall({ [LEGACY_VALUE]: attribute }, { wrapNumbers: false })[LEGACY_VALUE] as unknown;

export const fromItem = <T>(item: Item): StoredRecord<T> => {
  const json = item[VALUE_JSON]?.S;
  const legacy = item[LEGACY_VALUE];
  const value = json !== undefined ? JSON.parse(json) : legacy !== undefined ? legacyValue(legacy) : undefined;
  return { value: value as T, version: Number(item.version?.N) };
};

export const keyOfItem = (item: Item): RecordKey => ({ pk: item.pk?.S ?? '', sk: item.sk?.S ?? '' });

/** A listing position (an index item's keys) as plain strings, and back. */
export const stringKeys = (item: Item): Record<string, string> =>
  Object.fromEntries(Object.entries(item).flatMap(([name, attribute]) => (attribute.S === undefined ? [] : [[name, attribute.S]])));

export const stringItem = (keys: Record<string, string>): Item => Object.fromEntries(Object.entries(keys).map(([name, text]) => [name, { S: text }]));

import { htmlToText, plainLine } from './html-text';
import type { HarvestedResource } from './harvested-dataset';

/**
 * Field clean-up every mapper shares, so every harvested record meets the dataset schema's limits
 * (schemas/dataset.schema.json) whatever the source sent.
 */

export const TITLE_MAX = 200;
export const DESCRIPTION_MAX = 20_000;
const KEYWORD_MAX = 60;
const KEYWORDS_MAX = 50;
const HTML_INPUT_MAX = 200_000;

export const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A string field of a source object, trimmed, or undefined when it is missing, empty or not a string. */
export const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);

/** The field of a source object, without reaching into its prototype. */
export const field = (record: Record<string, unknown>, name: string): unknown => (Object.hasOwn(record, name) ? record[name] : undefined);

export const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : value === undefined || value === null ? [] : [value]);

const cut = (value: string, max: number): string => (value.length <= max ? value : `${value.slice(0, max - 1).trimEnd()}\u2026`);

export const cleanTitle = (value: unknown): string | undefined => {
  const raw = text(value);
  const line = raw && plainLine(raw.slice(0, HTML_INPUT_MAX));
  return line ? cut(line, TITLE_MAX) : undefined;
};

export const cleanDescription = (value: unknown): string | undefined => {
  const raw = text(value);
  const plain = raw && htmlToText(raw.slice(0, HTML_INPUT_MAX));
  return plain ? cut(plain, DESCRIPTION_MAX) : undefined;
};

/** Keywords the schema accepts: one line, no `<` `>` or controls, 60 characters, unique ignoring case, 50 at most. */
export const cleanKeywords = (values: ReadonlyArray<unknown>): string[] => {
  const seen = new Set<string>();
  const keywords: string[] = [];
  for (const value of values) {
    const raw = text(value);
    if (!raw) continue;
    const keyword = cut(plainLine(raw).replace(/[<>]/g, ''), KEYWORD_MAX);
    if (!keyword || seen.has(keyword.toLowerCase())) continue;
    seen.add(keyword.toLowerCase());
    keywords.push(keyword);
    if (keywords.length === KEYWORDS_MAX) break;
  }
  return keywords;
};

/* The shape ajv-formats' "email" accepts, written out so a harvested address never fails it later. */
const EMAIL = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/i;

/** An e-mail address from `x@y`, `mailto:x@y` or `Name <x@y>`; undefined for anything else. */
export const cleanEmail = (value: unknown): string | undefined => {
  const raw = text(value)?.replace(/^mailto:/i, '');
  if (!raw) return undefined;
  const address = (/<([^<>\s]+)>/.exec(raw)?.[1] ?? raw).trim();
  return address.length <= 254 && EMAIL.test(address) ? address : undefined;
};

export const contactPoint = (name: unknown, email: unknown): { name?: string; email: string } | undefined => {
  const address = cleanEmail(email);
  if (!address) return undefined;
  const label = cleanTitle(name);
  return label ? { name: label, email: address } : { email: address };
};

/** An absolute http(s) URL, resolved against a base when relative; undefined otherwise. */
export const cleanUrl = (value: unknown, base?: string): string | undefined => {
  const raw = text(value);
  if (!raw) return undefined;
  try {
    const url = new URL(raw, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
};

/** A media type without parameters, lower-cased, when it looks like one. */
export const cleanMediaType = (value: unknown): string | undefined => {
  const raw = text(value)
    ?.replace(/^https?:\/\/(www\.)?iana\.org\/assignments\/media-types\//i, '')
    .split(';')[0]
    .trim()
    .toLowerCase();
  return raw && /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/.test(raw) ? raw : undefined;
};

export const cleanFormat = (value: unknown): string | undefined => {
  const raw = text(value);
  if (!raw) return undefined;
  const eu = /\/file-type\/([A-Z0-9_]+)$/.exec(raw);
  return cut((eu ? eu[1] : plainLine(raw)).toUpperCase(), 40) || undefined;
};

export const cleanSize = (value: unknown): number | undefined => {
  const size = typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : value;
  return typeof size === 'number' && Number.isSafeInteger(size) && size >= 0 ? size : undefined;
};

/** A resource link, or undefined when it has no usable URL. The title falls back to the format, then the URL. */
export const resourceLink = (input: {
  title?: unknown;
  url?: unknown;
  base?: string;
  description?: unknown;
  format?: unknown;
  mediaType?: unknown;
  size?: unknown;
}): HarvestedResource | undefined => {
  const url = cleanUrl(input.url, input.base);
  if (!url) return undefined;
  const format = cleanFormat(input.format);
  const mediaType = cleanMediaType(input.mediaType);
  const description = cleanDescription(input.description);
  const sizeBytes = cleanSize(input.size);
  return {
    title: cleanTitle(input.title) ?? format ?? url,
    url,
    ...(description ? { description } : {}),
    ...(format ? { format } : {}),
    ...(mediaType ? { mediaType } : {}),
    ...(sizeBytes !== undefined ? { sizeBytes } : {}),
  };
};

/** Drops the undefined fields, so equal content gives equal JSON (and equal hashes). */
export const defined = <T extends Record<string, unknown>>(value: T): T =>
  Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined && !(Array.isArray(entry) && entry.length === 0))) as T;

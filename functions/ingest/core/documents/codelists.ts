/**
 * A standard's code lists, as sets. They come from the CSV files the standard publishes beside its
 * schema (a `Code` column), turned into one JSON file by scripts/standards/codelists.ts so that the
 * Lambda bundle carries them. A schema property names its list with the `codelist` keyword;
 * `openCodelist: false` makes the list closed, so a value outside it is an error.
 */
export const codelistSets = (lists: Record<string, string[]>): Map<string, ReadonlySet<string>> =>
  new Map(Object.entries(lists).map(([file, codes]) => [file, new Set(codes)]));

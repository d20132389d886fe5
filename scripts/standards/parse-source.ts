/**
 * A repair of a source that is not valid JSON as published. Each one is a literal text
 * replacement that must apply exactly once, to a file that does not parse without it, and
 * must leave a file that parses: a source fixed upstream, or broken in a new way, fails the
 * conversion instead of being patched silently.
 */
export interface KnownRepair {
  /** Why the published file does not parse. */
  reason: string;
  find: string;
  replace: string;
}

export function parseSource(text: string, file: string, repairs: readonly KnownRepair[]): unknown {
  if (repairs.length === 0) {
    try {
      return JSON.parse(text);
    } catch (error) {
      throw new Error(`${file} is not valid JSON and has no known repair: ${(error as Error).message}`);
    }
  }
  try {
    JSON.parse(text);
  } catch {
    let repaired = text;
    for (const repair of repairs) {
      const count = repaired.split(repair.find).length - 1;
      if (count !== 1) throw new Error(`${file}: the repair "${repair.reason}" expects its text once, found it ${count} times`);
      repaired = repaired.replace(repair.find, () => repair.replace);
    }
    try {
      return JSON.parse(repaired);
    } catch (error) {
      throw new Error(`${file} is still not valid JSON after its known repairs: ${(error as Error).message}`);
    }
  }
  throw new Error(`${file} now parses as published: remove its repairs`);
}

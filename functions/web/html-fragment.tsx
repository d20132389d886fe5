import { randomBytes } from 'node:crypto';
import { raw } from 'hono/html';
import { createContext, useContext } from 'hono/jsx';
import type { JSX } from 'hono/jsx/jsx-runtime';

/**
 * HTML drawn once from inputs that never change (a version's preview, a drawn map), kept with its
 * UTF-8 bytes. A page rendered by renderToBytes embeds it as a marker and gets the bytes put in
 * place of the marker, so the large cached parts of a page are neither copied into every page's
 * string nor encoded again on every view: only the parts drawn for this request are.
 */
export class HtmlFragment {
  readonly bytes: Buffer;

  constructor(readonly html: string) {
    this.bytes = Buffer.from(html, 'utf8');
  }
}

/**
 * A fragment drawn once per `owner` (an object that never changes, such as a version's preview:
 * the fragments live as long as it does) and `key` (whatever else the HTML shows), embedded.
 */
export class FragmentCache<Owner extends object> {
  private readonly drawn = new WeakMap<Owner, Map<string, HtmlFragment>>();

  embed(owner: Owner, key: string, draw: () => JSX.Element): JSX.Element {
    let byKey = this.drawn.get(owner);
    if (!byKey) this.drawn.set(owner, (byKey = new Map()));
    let fragment = byKey.get(key);
    if (fragment === undefined) byKey.set(key, (fragment = new HtmlFragment(String(draw()))));
    return <EmbedHtml fragment={fragment} />;
  }
}

/** The fragments one page embeds, in the order their markers were written. */
const Embedded = createContext<HtmlFragment[] | undefined>(undefined);

/**
 * A marker names a fragment by its place in this page's list, behind a random key made at
 * start-up: text from a record (a description) cannot pass for a marker without the key, and the
 * key never reaches a page (every marker is replaced).
 */
const KEY = randomBytes(16).toString('hex');
const MARKER = new RegExp(`\u0001${KEY}:(\\d+)\u0001`, 'g');

/** Embeds a fragment: a marker inside renderToBytes, the HTML itself anywhere else. Already escaped (hono/jsx's own output). */
export const EmbedHtml = ({ fragment }: { fragment: HtmlFragment }) => {
  const embedded = useContext(Embedded);
  if (!embedded) return raw(fragment.html);
  embedded.push(fragment);
  return raw(`\u0001${KEY}:${embedded.length - 1}\u0001`);
};

/**
 * A page as bytes: the text drawn for this request encoded once, each fragment it embeds as the
 * bytes it was encoded to when drawn.
 */
export const renderToBytes = async (prefix: string, element: JSX.Element): Promise<Uint8Array<ArrayBuffer>> => {
  const embedded: HtmlFragment[] = [];
  const html = prefix + (await (<Embedded.Provider value={embedded}>{element}</Embedded.Provider>).toString());
  const parts: Buffer[] = [];
  let from = 0;
  for (const match of html.matchAll(MARKER)) {
    const fragment = embedded[Number(match[1])];
    if (!fragment) throw new Error(`no fragment ${match[1]} was embedded in this page`);
    parts.push(Buffer.from(html.slice(from, match.index), 'utf8'), fragment.bytes);
    from = match.index + match[0].length;
  }
  parts.push(Buffer.from(html.slice(from), 'utf8'));
  const bytes = parts.length === 1 ? parts[0] : Buffer.concat(parts);
  // A small buffer is a slice of Node's shared pool: the body gets memory of its own (as TextEncoder gave it).
  return (bytes.byteLength === bytes.buffer.byteLength ? bytes : new Uint8Array(bytes)) as Uint8Array<ArrayBuffer>;
};

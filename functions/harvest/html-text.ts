/**
 * HTML descriptions (ArcGIS Hub, OpenDataSoft, some CKANs) reduced to plain text. A scanner over
 * the string, nothing parsed into a DOM and nothing run: tags go, the contents of script-like
 * elements go with them, block elements become line breaks, and character references are decoded.
 * Text that is not HTML (Markdown, plain text with a stray `<`) comes through unchanged.
 */

/** Elements whose content is never text for a reader. */
const DROPPED_CONTENT = new Set(['script', 'style', 'template', 'noscript', 'iframe', 'object', 'svg', 'math', 'head', 'title']);

const BLOCKS = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'br',
  'dd',
  'div',
  'dl',
  'dt',
  'figcaption',
  'figure',
  'footer',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'li',
  'main',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'table',
  'tbody',
  'thead',
  'tr',
  'ul',
]);

/* The Latin-1 entity names, in code-point order from U+00A0. */
const LATIN1_NAMES =
  'nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr deg plusmn sup2 sup3 acute micro para middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest Agrave Aacute Acirc Atilde Auml Aring AElig Ccedil Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml ETH Ntilde Ograve Oacute Ocirc Otilde Ouml times Oslash Ugrave Uacute Ucirc Uuml Yacute THORN szlig agrave aacute acirc atilde auml aring aelig ccedil egrave eacute ecirc euml igrave iacute icirc iuml eth ntilde ograve oacute ocirc otilde ouml divide oslash ugrave uacute ucirc uuml yacute thorn yuml'.split(
    ' ',
  );

/* The markup characters, the typographic names descriptions use, and Latin-1. */
const NAMED: ReadonlyMap<string, string> = new Map([
  ['amp', '&'],
  ['lt', '<'],
  ['gt', '>'],
  ['quot', '"'],
  ['apos', "'"],
  ['ndash', '\u2013'],
  ['mdash', '\u2014'],
  ['lsquo', '\u2018'],
  ['rsquo', '\u2019'],
  ['sbquo', '\u201a'],
  ['ldquo', '\u201c'],
  ['rdquo', '\u201d'],
  ['bdquo', '\u201e'],
  ['hellip', '\u2026'],
  ['bull', '\u2022'],
  ['euro', '\u20ac'],
  ['trade', '\u2122'],
  ['OElig', '\u0152'],
  ['oelig', '\u0153'],
  ['Scaron', '\u0160'],
  ['scaron', '\u0161'],
  ['Yuml', '\u0178'],
  ['ensp', ' '],
  ['emsp', ' '],
  ['thinsp', ' '],
  ['zwnj', ''],
  ['zwj', ''],
  ...LATIN1_NAMES.map((name, offset): [string, string] => [name, String.fromCodePoint(0xa0 + offset)]),
]);

const fromCodePoint = (code: number): string => {
  // NUL, surrogates and beyond Unicode are not characters; C0/C1 controls are dropped later.
  if (!Number.isFinite(code) || code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return '\ufffd';
  return String.fromCodePoint(code);
};

/** Decodes &name; &#123; &#x1F; references; unknown names are left as they are. */
export const decodeEntities = (text: string): string =>
  text.replace(/&(?:#(\d{1,8})|#[xX]([0-9a-fA-F]{1,7})|([A-Za-z][A-Za-z0-9]{1,31}));/g, (whole, decimal?: string, hex?: string, name?: string) => {
    if (decimal !== undefined) return fromCodePoint(Number.parseInt(decimal, 10));
    if (hex !== undefined) return fromCodePoint(Number.parseInt(hex, 16));
    return NAMED.get(name ?? '') ?? whole;
  });

/** A tag, looked for only within this many characters of its `<`, so hostile input stays linear. */
const MAX_TAG_LENGTH = 4096;
const TAG = /^<(\/?)([A-Za-z][A-Za-z0-9-]*)\b(?:[^>"']|"[^"]*"|'[^']*')*>/;

/** HTML (or text) to plain text with paragraphs kept as blank lines. */
export const htmlToText = (input: string): string => {
  let out = '';
  let index = 0;
  // The first '>' at or after the current '<': a tag must reach it, so a '<' with none within
  // MAX_TAG_LENGTH is text without running the tag pattern (hostile runs of '<a ' stay cheap).
  let nextClose = -1;
  while (index < input.length) {
    const open = input.indexOf('<', index);
    if (open === -1) {
      out += input.slice(index);
      break;
    }
    out += input.slice(index, open);
    if (input.startsWith('<!--', open)) {
      const close = input.indexOf('-->', open + 4);
      index = close === -1 ? input.length : close + 3;
      continue;
    }
    if (input.startsWith('<!', open) || input.startsWith('<?', open)) {
      const close = input.indexOf('>', open);
      index = close === -1 ? input.length : close + 1;
      continue;
    }
    if (nextClose < open) nextClose = input.indexOf('>', open);
    if (nextClose === -1) {
      out += input.slice(open); // no '>' anywhere after: the rest is text
      break;
    }
    const tag = nextClose - open < MAX_TAG_LENGTH ? TAG.exec(input.slice(open, open + MAX_TAG_LENGTH)) : null;
    if (!tag) {
      out += '<'; // a lone `<` in text, as in "a < b"
      index = open + 1;
      continue;
    }
    const [whole, closing, rawName] = tag;
    const name = rawName.toLowerCase();
    index = open + whole.length;
    if (!closing && DROPPED_CONTENT.has(name) && !whole.endsWith('/>')) {
      const end = new RegExp(`</${name}\\s*>`, 'i').exec(input.slice(index));
      index = end ? index + end.index + end[0].length : input.length;
      continue;
    }
    if (name === 'li') out += closing ? '' : '\n- ';
    else if (BLOCKS.has(name)) out += '\n';
    else if (name === 'td' || name === 'th') out += ' ';
  }
  return tidy(decodeEntities(out));
};

const CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;

/** Collapses spaces within lines and runs of blank lines; drops control characters. */
const tidy = (text: string): string =>
  text
    .replace(/\r\n?/g, '\n')
    .replace(CONTROLS, '')
    .replace(/\u00a0/g, ' ')
    .split('\n')
    .map((line) => line.replace(/[ \t]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();

/** One line of plain text (titles, names, keywords): no markup, no line breaks. */
export const plainLine = (input: string): string => htmlToText(input).replace(/\s+/g, ' ').trim();

import { posix } from 'node:path';
import type { SaxesTagPlain } from 'saxes';
import { IngestInputError } from '../errors';
import { type DateKind, dateKindOf } from './cell-values';
import type { SheetInfo } from './sheet-row';
import { parseXmlStream, parseXmlText, WORKBOOK_XML_MAX_DEPTH } from './xml-stream';
import type { CheckedZip } from './zip-archive';

/** The workbook-level parts of an .xlsx (Office Open XML SpreadsheetML), read before any sheet. */
export interface XlsxParts {
  sheets: Array<SheetInfo & { path: string }>;
  date1904: boolean;
  /** Per cell style (the `s` of a cell): whether its number format shows a date or time. */
  styleDates: Array<DateKind | null>;
  sharedStrings: string[];
}

/** Small parts (relationships, workbook, styles) are read whole up to this size. */
const SMALL_PART_BYTES = 16 * 2 ** 20;

/** An element's local name: some writers prefix SpreadsheetML elements (`x:row`). */
export function localName(tag: SaxesTagPlain): string {
  const colon = tag.name.indexOf(':');
  return colon === -1 ? tag.name : tag.name.slice(colon + 1);
}

export function attribute(tag: SaxesTagPlain, name: string): string | undefined {
  const attributes = tag.attributes as Record<string, string>;
  return Object.hasOwn(attributes, name) ? attributes[name] : undefined;
}

export async function readXlsxParts(zip: CheckedZip, maxSharedStringChars: number): Promise<XlsxParts> {
  const workbookPath = (await relationshipTargets(zip, '_rels/.rels', '')).find((r) => r.type.endsWith('/officeDocument'))?.target ?? 'xl/workbook.xml';
  const workbookText = await zip.readText(workbookPath, SMALL_PART_BYTES);
  if (workbookText === null)
    throw new IngestInputError('format-error', `The workbook has no ${workbookPath} part, which every .xlsx has: the file is damaged or not a real workbook.`);
  const dir = posix.dirname(workbookPath);
  const relsPath = posix.join(dir, '_rels', `${posix.basename(workbookPath)}.rels`);
  const rels = new Map((await relationshipTargets(zip, relsPath, dir)).map((r) => [r.id, r]));
  const declared: Array<{ name: string; hidden: boolean; rid: string }> = [];
  let date1904 = false;
  await parseXmlText(
    workbookText,
    {
      open: (tag) => {
        const name = localName(tag);
        if (name === 'sheet') {
          declared.push({
            name: attribute(tag, 'name') ?? `Sheet${declared.length + 1}`,
            hidden: (attribute(tag, 'state') ?? 'visible') !== 'visible',
            rid: attribute(tag, 'r:id') ?? '',
          });
        } else if (name === 'workbookPr') date1904 = ['1', 'true'].includes(attribute(tag, 'date1904') ?? '');
      },
    },
    { what: `the workbook's part ${workbookPath}`, maxDepth: WORKBOOK_XML_MAX_DEPTH, allowDoctype: false },
  );
  const sheets = declared.flatMap((s) => {
    const rel = rels.get(s.rid);
    return rel && zip.has(rel.target) ? [{ name: s.name, hidden: s.hidden, path: rel.target }] : [];
  });
  const parts = [...rels.values()];
  const stylesPath = parts.find((r) => r.type.endsWith('/styles'))?.target;
  const stringsPath = parts.find((r) => r.type.endsWith('/sharedStrings'))?.target;
  return {
    sheets,
    date1904,
    styleDates: stylesPath ? await readStyleDates(zip, stylesPath) : [],
    sharedStrings: stringsPath ? await readSharedStrings(zip, stringsPath, maxSharedStringChars) : [],
  };
}

interface Relationship {
  id: string;
  type: string;
  target: string;
}

async function relationshipTargets(zip: CheckedZip, path: string, baseDir: string): Promise<Relationship[]> {
  const text = await zip.readText(path, SMALL_PART_BYTES);
  if (text === null) return [];
  const found: Relationship[] = [];
  await parseXmlText(
    text,
    {
      open: (tag) => {
        if (localName(tag) !== 'Relationship' || attribute(tag, 'TargetMode') === 'External') return;
        const target = attribute(tag, 'Target') ?? '';
        const resolved = target.startsWith('/') ? target.slice(1) : posix.normalize(posix.join(baseDir, target));
        found.push({ id: attribute(tag, 'Id') ?? '', type: attribute(tag, 'Type') ?? '', target: resolved });
      },
    },
    { what: `the workbook's part ${path}`, maxDepth: WORKBOOK_XML_MAX_DEPTH, allowDoctype: false },
  );
  return found;
}

async function readStyleDates(zip: CheckedZip, path: string): Promise<Array<DateKind | null>> {
  const text = await zip.readText(path, SMALL_PART_BYTES);
  if (text === null) return [];
  const formats = new Map<number, string>();
  const cellFormats: number[] = [];
  let inCellXfs = false;
  await parseXmlText(
    text,
    {
      open: (tag) => {
        const name = localName(tag);
        if (name === 'numFmt') formats.set(Number(attribute(tag, 'numFmtId')), attribute(tag, 'formatCode') ?? '');
        else if (name === 'cellXfs') inCellXfs = true;
        else if (name === 'xf' && inCellXfs) cellFormats.push(Number(attribute(tag, 'numFmtId') ?? 0));
      },
      close: (tag) => {
        if (localName(tag) === 'cellXfs') inCellXfs = false;
      },
    },
    { what: `the workbook's part ${path}`, maxDepth: WORKBOOK_XML_MAX_DEPTH, allowDoctype: false },
  );
  return cellFormats.map((id) => dateKindOf(id, formats.get(id)));
}

/** The shared string table: each `<si>`'s text runs joined, phonetic guides (`<rPh>`) left out. */
async function readSharedStrings(zip: CheckedZip, path: string, maxChars: number): Promise<string[]> {
  if (!zip.has(path)) return [];
  const stream = zip.chunks(path);
  const strings: string[] = [];
  let current: string[] | null = null;
  let inText = false;
  let inPhonetic = false;
  let chars = 0;
  const events = parseXmlStream(
    stream,
    {
      open: (tag) => {
        const name = localName(tag);
        if (name === 'si') current = [];
        else if (name === 'rPh') inPhonetic = true;
        else if (name === 't' && !inPhonetic) inText = true;
      },
      close: (tag) => {
        const name = localName(tag);
        if (name === 'si' && current) {
          strings.push(current.join(''));
          current = null;
        } else if (name === 'rPh') inPhonetic = false;
        else if (name === 't') inText = false;
      },
      text: (text) => {
        if (!inText || !current) return;
        current.push(text);
        chars += text.length;
      },
    },
    { what: `the workbook's shared strings (${path})`, maxDepth: WORKBOOK_XML_MAX_DEPTH, allowDoctype: false },
  );
  for await (const _ of events) {
    if (chars > maxChars) {
      throw new IngestInputError(
        'format-error',
        `The workbook's shared text is longer than the ${maxChars.toLocaleString('en-GB')} characters the exchange holds for one workbook.`,
      );
    }
  }
  return strings;
}

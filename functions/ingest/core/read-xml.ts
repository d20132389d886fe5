import type { SaxesTagPlain } from 'saxes';
import { IngestInputError, type ValidationError } from './errors';
import { JsonTableShaper, type RowCells } from './json-rows';
import type { ReportWarning } from './report';
import { parseXmlStream } from './workbook/xml-stream';

export interface XmlReadOptions {
  maxRecordBytes: number;
  headerRows: number;
  maxNestingDepth: number;
  onIssue: (error: ValidationError) => void;
  warn: (warning: ReportWarning) => void;
}

/** Elements nested deeper than this are refused (a record file is a handful of levels deep). */
const MAX_XML_DEPTH = 256;

interface PathStats {
  count: number;
  /** Some occurrence has attributes, or children that are leaves. */
  hasFields: boolean;
  /** Some occurrence has a grandchild: then it is a container, not a record. */
  nested: boolean;
}

/**
 * The repeating record element of a record-oriented XML file (TfL's feeds: `<stations>` of
 * `<station>`s with simple children), found from the sample: of the element paths whose
 * elements carry attributes or leaf children but no deeper nesting, the one that occurs most
 * (the shallowest on a tie). Null when no element repeats like that.
 */
export async function findRecordPath(sampleText: string): Promise<string | null> {
  const stats = new Map<string, PathStats>();
  const stack: Array<{ path: string; depth: number }> = [];
  const events = parseXmlStream(
    [sampleText],
    {
      open: (tag) => {
        const path = stack.length ? `${stack[stack.length - 1].path}/${tag.name}` : tag.name;
        const entry = stats.get(path) ?? { count: 0, hasFields: false, nested: false };
        entry.count++;
        if (Object.keys(tag.attributes).length > 0) entry.hasFields = true;
        stats.set(path, entry);
        // The parent has a child; the grandparent has a grandchild.
        const parent = stack[stack.length - 1];
        const grand = stack[stack.length - 2];
        if (parent) stats.get(parent.path)!.hasFields = true;
        if (grand) stats.get(grand.path)!.nested = true;
        stack.push({ path, depth: stack.length });
      },
      close: () => {
        stack.pop();
      },
    },
    { what: 'the XML file', maxDepth: MAX_XML_DEPTH, allowDoctype: true },
  );
  try {
    for await (const _ of events);
  } catch (error) {
    // The sample usually ends mid-element: what was read before that still counts.
    if (!(error instanceof IngestInputError) || /undefined entity|DTD|nests/i.test(error.message)) throw error;
  }
  let best: [string, PathStats] | null = null;
  for (const candidate of stats) {
    const [path, s] = candidate;
    if (s.nested || !s.hasFields || s.count < 1) continue;
    if (!best || s.count > best[1].count || (s.count === best[1].count && path.split('/').length < best[0].split('/').length)) best = candidate;
  }
  return best ? best[0] : null;
}

/**
 * Streams the records of an XML file as rows: each record element's attributes, then its leaf
 * children, become columns (the union of the first records' names makes the header, as for
 * JSON). Entities other than XML's five are never expanded and DTDs never read (see xml-stream).
 */
export async function* readXmlRows(texts: AsyncIterable<string>, recordPath: string, options: XmlReadOptions): AsyncGenerator<RowCells[]> {
  const shaper = new JsonTableShaper(options.onIssue, options.headerRows, options.maxNestingDepth);
  const stack: string[] = [];
  let record: Map<string, string> | null = null;
  let recordDepth = -1;
  let field: { name: string; text: string[] } | null = null;
  let recordChars = 0;
  let out: RowCells[] = [];
  const open = (tag: SaxesTagPlain) => {
    stack.push(tag.name);
    if (!record && stack.join('/') === recordPath) {
      record = new Map();
      recordDepth = stack.length;
      recordChars = 0;
      for (const [name, value] of Object.entries(tag.attributes as Record<string, string>)) record.set(name, value);
    } else if (record && stack.length === recordDepth + 1) {
      field = { name: tag.name, text: [] };
    }
  };
  const close = () => {
    if (record && field && stack.length === recordDepth + 1) {
      const name = record.has(field.name) ? uniqueName(record, field.name) : field.name;
      record.set(name, field.text.join('').trim());
      field = null;
    } else if (record && stack.length === recordDepth) {
      shaper.accept(Object.fromEntries(record), out);
      record = null;
    }
    stack.pop();
  };
  const events = parseXmlStream(
    texts,
    {
      open,
      close,
      text: (text) => {
        if (!field) return;
        recordChars += text.length;
        if (recordChars > options.maxRecordBytes) {
          throw new IngestInputError(
            'format-error',
            `One <${recordPath.split('/').pop()}> record is larger than the ${Math.round(options.maxRecordBytes / 1024)} KB a single row may hold.`,
          );
        }
        field.text.push(text);
      },
    },
    { what: 'the XML file', maxDepth: MAX_XML_DEPTH, allowDoctype: true },
  );
  for await (const _ of events) {
    if (shaper.headerKnown && out.length > 0) {
      yield out;
      out = [];
    }
  }
  shaper.fixHeader(out);
  if (out.length > 0) yield out;
  options.warn({
    code: 'xml-records',
    message: `Each <${recordPath.split('/').pop()}> element (at /${recordPath}) is a row; its attributes and child elements are the columns.`,
  });
}

function uniqueName(record: Map<string, string>, name: string): string {
  let n = 2;
  while (record.has(`${name}_${n}`)) n++;
  return `${name}_${n}`;
}

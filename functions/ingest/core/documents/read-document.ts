/**
 * Reads a whole JSON document declared as following a document standard: checks it against the
 * standard (every problem goes to the report, in the standard's field names), then yields its
 * records as rows with the union of their flattened paths as the header.
 */
import { IngestInputError } from '../errors';
import type { RowCells } from '../json-rows';
import { cellText, nestedDeeperThan } from '../json-rows';
import type { ReportBuilder } from '../report';
import type { DocumentStandard } from './document-standard';
import { flattenRecord } from './flatten-record';

/** A document standard's file is parsed whole: larger packages should be split, as the standards themselves advise. */
export const MAX_DOCUMENT_CHARS = 64 * 1024 * 1024;
const BATCH = 500;

export async function* readDocumentRows(
  texts: AsyncIterable<string>,
  standard: DocumentStandard,
  report: ReportBuilder,
  maxNestingDepth: number,
): AsyncGenerator<RowCells[]> {
  const document = await parseWhole(texts, standard);
  if (nestedDeeperThan(document, maxNestingDepth)) {
    throw new IngestInputError('format-error', `The document nests deeper than ${maxNestingDepth} levels, beyond anything ${standard.title} defines.`);
  }
  for (const problem of standard.validate(document)) {
    report.add({
      code: 'constraint-error',
      // Records are rows 2, 3… (row 1 is the header of the flattened table); the package around them is the whole file.
      row: problem.record === undefined ? null : problem.record + 2,
      field: problem.path,
      message: problem.record === undefined ? problem.message : `${capitalise(standard.recordNoun)} ${problem.record + 1}: ${problem.message}`,
    });
  }
  const records = recordsOf(document, standard);
  const flat = records.map(flattenRecord);
  const header = [...new Set(flat.flatMap((cells) => [...cells.keys()]))];
  yield [header];
  for (let start = 0; start < flat.length; start += BATCH) {
    yield flat.slice(start, start + BATCH).map((cells) => header.map((column) => cellText(cells.get(column))));
  }
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

async function parseWhole(texts: AsyncIterable<string>, standard: DocumentStandard): Promise<unknown> {
  const parts: string[] = [];
  let length = 0;
  for await (const text of texts) {
    length += text.length;
    if (length > MAX_DOCUMENT_CHARS) {
      throw new IngestInputError(
        'format-error',
        `A ${standard.title} file is read whole, and this one is larger than ${MAX_DOCUMENT_CHARS / 1024 / 1024} MiB: split it into several packages.`,
      );
    }
    parts.push(text);
  }
  try {
    return JSON.parse(parts.join(''));
  } catch (error) {
    throw new IngestInputError('format-error', `${standard.title} data is one JSON document, and this file is not valid JSON: ${(error as Error).message}`);
  }
}

function recordsOf(document: unknown, standard: DocumentStandard): unknown[] {
  const isPackage = document !== null && typeof document === 'object' && !Array.isArray(document) && Object.hasOwn(document, standard.recordsKey);
  const records = isPackage ? (document as Record<string, unknown>)[standard.recordsKey] : undefined;
  if (!Array.isArray(records)) {
    throw new IngestInputError('format-error', `${standard.title} data is a JSON object with a "${standard.recordsKey}" list, which this file does not have.`);
  }
  return records;
}

/**
 * Standards whose data is one nested JSON document rather than a table (360Giving grants, OCDS
 * releases): the whole document is validated against the standard's own JSON Schema, then each
 * of its records becomes a row, flattened the way the standard's own spreadsheet tools flatten it.
 */

/** One problem in a document, located by the record it is in and the standard's own field path. */
export interface DocumentProblem {
  /** 0-based position of the record in the document's list; undefined for the package around them. */
  record?: number;
  /** JSON path inside the record (or the package), in the standard's field names: `recipientOrganization/0/id`. */
  path: string;
  message: string;
}

export interface DocumentStandard {
  id: string;
  title: string;
  description: string;
  version: string;
  /** The property of the package that holds the records (`grants`, `releases`). */
  recordsKey: string;
  /** What one record is called in messages (`grant`, `release`). */
  recordNoun: string;
  /** The package's JSON Schema, as published by the standard. */
  packageSchema: object;
  /** The package schema's own identifier (`$id`, or `id` in draft-04). */
  schemaUri: string;
  validate(document: unknown): DocumentProblem[];
}

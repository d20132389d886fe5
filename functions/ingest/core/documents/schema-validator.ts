/**
 * A standard's JSON Schema (2020-12 or draft-04) compiled with ajv, with its code lists enforced through the
 * standard's own `codelist` / `openCodelist` keywords. Problems come back located in the record
 * and in the standard's field names.
 */
import type Ajv from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { DocumentProblem } from './document-standard';

export interface ValidatorSpec {
  /** The JSON Schema dialect the standard is written in. */
  dialect: '2020-12' | 'draft-04';
  /** The standard's schemas, read when the validator is first compiled (they are large; start-up never needs them). */
  schemas: () => Array<{ schema: object; alsoKnownAs?: string[] }>;
  /** The `$id` of the schema a whole document is validated against. */
  root: string;
  recordsKey: string;
  codelists: ReadonlyMap<string, ReadonlySet<string>>;
}

/** Problems reported per document: enough to fix a file, never a report the size of the file. */
const MAX_PROBLEMS = 1000;

export const compileDocumentValidator = (spec: ValidatorSpec): ((document: unknown) => DocumentProblem[]) => {
  let validate: ValidateFunction | undefined;
  return (document) => {
    validate ??= compile(spec);
    if (validate(document)) return [];
    return (validate.errors ?? []).slice(0, MAX_PROBLEMS).map((error) => locate(error, spec.recordsKey));
  };
};

const compile = (spec: ValidatorSpec): ValidateFunction => {
  // Required on first use: only uploads that declare a document standard need ajv for it.
  const { default: addFormats } = require('ajv-formats') as typeof import('ajv-formats');
  const options = { allErrors: true, strict: false, verbose: true };
  const ajv: Ajv =
    spec.dialect === 'draft-04'
      ? new (require('ajv-draft-04') as typeof import('ajv-draft-04')).default(options)
      : new (require('ajv/dist/2020') as typeof import('ajv/dist/2020')).default(options);
  addFormats(ajv);
  ajv.addKeyword({ keyword: 'openCodelist', schemaType: 'boolean' });
  ajv.addKeyword({
    keyword: 'codelist',
    schemaType: 'string',
    // Only closed lists are enforced; an open list names codes that are suggestions.
    validate: function closedList(file: string, value: unknown, parentSchema?: { openCodelist?: boolean }) {
      if (parentSchema?.openCodelist !== false || typeof value !== 'string') return true;
      const codes = spec.codelists.get(file);
      if (!codes || codes.has(value)) return true;
      (closedList as unknown as { errors: Partial<ErrorObject>[] }).errors = [
        { keyword: 'codelist', message: `"${value}" is not a code of the standard's code list ${file}`, params: { codelist: file }, parentSchema },
      ];
      return false;
    },
    errors: true,
  });
  for (const { schema, alsoKnownAs = [] } of spec.schemas()) {
    // Standards name their dialect in forms ajv does not know (http://…/2020-12/schema without the
    // https): the dialect is known here, so the declaration is left out rather than resolved.
    const { $schema: _dialect, ...body } = schema as { $schema?: string };
    ajv.addSchema(body);
    for (const id of alsoKnownAs) ajv.addSchema({ ...body, $id: id });
  }
  const root = ajv.getSchema(spec.root);
  if (!root) throw new Error(`document standard: no schema ${spec.root}`);
  return root;
};

/** `/grants/3/recipientOrganization/0/id` → record 3, path `recipientOrganization/0/id`. */
const locate = (error: ErrorObject, recordsKey: string): DocumentProblem => {
  const segments = error.instancePath.split('/').slice(1);
  const inRecord = segments[0] === recordsKey && segments.length >= 2 && /^\d+$/.test(segments[1]);
  const record = inRecord ? Number(segments[1]) : undefined;
  const within = inRecord ? segments.slice(2) : segments;
  const missing = error.keyword === 'required' ? [(error.params as { missingProperty: string }).missingProperty] : [];
  const path = [...within, ...missing].join('/') || '(whole record)';
  const title = (error.parentSchema as { title?: string } | undefined)?.title;
  const problem =
    error.keyword === 'enum' ? `${JSON.stringify(error.data)} is not one of the allowed values` : (error.message ?? 'breaks a rule of the standard');
  const message = error.keyword === 'required' ? `${path} is required` : `${path}${title ? ` (${title})` : ''}: ${problem}`;
  return { ...(record !== undefined ? { record } : {}), path, message };
};

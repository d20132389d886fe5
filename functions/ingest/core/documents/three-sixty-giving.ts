import packageSchema from '../../../../schemas/standards/360giving/360-giving-package-schema.json';
import { codelistSets } from './codelists';
import type { DocumentStandard } from './document-standard';
import { compileDocumentValidator } from './schema-validator';

/** The address the 1.4.3 package schema still uses for the grant schema (see schemas/standards/360giving/README.md). */
const GRANT_SCHEMA_AS_REFERENCED = 'https://raw.githubusercontent.com/ThreeSixtyGiving/standard/1.4.2/schema/360-giving-schema.json';

let codelists: Map<string, ReadonlySet<string>> | undefined;

const validate = compileDocumentValidator({
  dialect: '2020-12',
  schemas: () => [
    { schema: packageSchema },
    { schema: require('../../../../schemas/standards/360giving/360-giving-schema.json'), alsoKnownAs: [GRANT_SCHEMA_AS_REFERENCED] },
  ],
  root: packageSchema.$id,
  recordsKey: 'grants',
  get codelists() {
    codelists ??= codelistSets(require('../../../../schemas/standards/360giving/codelists.generated.json'));
    return codelists;
  },
});

/** 360Giving 1.4.3: grants made by funders, as a JSON package of grants. */
export const threeSixtyGiving: DocumentStandard = {
  id: '360giving-grants',
  title: '360Giving: grants',
  description:
    'Grants made by a funder, in the 360Giving Data Standard 1.4.3 (a JSON package with a "grants" list). Each grant becomes a row, its nested fields flattened as the standard’s own spreadsheet template does (recipientOrganization/0/id).',
  version: '1.4.3',
  recordsKey: 'grants',
  recordNoun: 'grant',
  packageSchema,
  schemaUri: packageSchema.$id,
  validate,
};

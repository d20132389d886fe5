import releasePackageSchema from '../../../../schemas/standards/ocds/release-package-schema.json';
import { codelistSets } from './codelists';
import type { DocumentStandard } from './document-standard';
import { compileDocumentValidator } from './schema-validator';

let codelists: Map<string, ReadonlySet<string>> | undefined;

const validate = compileDocumentValidator({
  dialect: 'draft-04',
  schemas: () => [{ schema: releasePackageSchema }, { schema: require('../../../../schemas/standards/ocds/release-schema.json') }],
  root: releasePackageSchema.id,
  recordsKey: 'releases',
  get codelists() {
    codelists ??= codelistSets(require('../../../../schemas/standards/ocds/codelists.generated.json'));
    return codelists;
  },
});

/** OCDS 1.1.5: a contracting process's releases (planning, tender, award, contract), as a JSON release package. */
export const openContracting: DocumentStandard = {
  id: 'ocds-releases',
  title: 'Open Contracting Data Standard: releases',
  description:
    'Public contracts, in the Open Contracting Data Standard 1.1.5 (a JSON release package with a "releases" list), as UK Contracts Finder and Find a Tender publish them. Each release becomes a row, its nested fields flattened (tender/items/0/description).',
  version: '1.1.5',
  recordsKey: 'releases',
  recordNoun: 'release',
  packageSchema: releasePackageSchema,
  schemaUri: releasePackageSchema.id,
  validate,
};

import { readFileSync } from 'node:fs';
import { codelistsFile, DOCUMENT_STANDARDS, readCodelistCsvs } from '../../../scripts/standards/codelists';

/** The code lists the exchange bundles are exactly the standards' published CSVs (regenerate with scripts/standards/codelists.ts). */
it.each(DOCUMENT_STANDARDS)('%s: codelists.generated.json is the published CSVs’ codes', (standard) => {
  const generated = JSON.parse(readFileSync(codelistsFile(standard), 'utf8'));
  const fromCsv = readCodelistCsvs(standard);
  expect(generated).toEqual(fromCsv);
  expect(Object.keys(fromCsv).length).toBeGreaterThan(5);
  expect(Object.values(fromCsv).every((codes) => codes.length > 0)).toBe(true);
});

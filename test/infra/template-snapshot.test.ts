import { exchangeTemplate } from './helpers';

/**
 * The whole synthesised template, so that any infrastructure change shows up as a reviewed
 * snapshot diff. Function code reaches the template only through asset hashes (the S3 keys of
 * the bundles), which are replaced here, so a change to functions/ leaves the snapshot alone.
 * After an intended infra change, review the diff and update it:
 *   NODE_OPTIONS=--openssl-legacy-provider npx jest test/infra/template-snapshot.test.ts -u
 */

/** A content hash of an asset (sha256 hex), as CDK names staged assets. */
const assetHash = /\b[0-9a-f]{64}\b/g;

function normalised(template: unknown): unknown {
  return JSON.parse(JSON.stringify(template).replace(assetHash, '<asset-hash>'));
}

let raw: string;
let template: unknown;
beforeAll(() => {
  const json = exchangeTemplate().toJSON();
  raw = JSON.stringify(json);
  template = normalised(json);
});

test('the asset hashes (the S3 keys of the three function bundles) are replaced: none is left', () => {
  const hashes = new Set(raw.match(assetHash));
  // One bundle per exchange function (api, ingest, indexer, harvest dispatch, harvester, link checker, schema-event relay).
  expect(hashes.size).toBe(7);
  expect(JSON.stringify(template)).not.toMatch(assetHash);
  expect(JSON.stringify(template).match(/<asset-hash>\.zip/g)).toHaveLength(7);
});

test('the synthesised template matches the reviewed snapshot', () => {
  expect(template).toMatchSnapshot();
});

import { resourceKey, resourceListing, type Resource } from '../../functions/domain/resources';
import { mutate } from '../../functions/storage/catalogue-store';
import { createResource } from '../support/publishing';
import { datasetInput, startTestExchange, type TestExchange } from '../support/test-exchange';

/**
 * package_search shows a resource whose ingest stopped and passed its deadline as failed, as every
 * other read does: the resources read beside the page's datasets are settled before the
 * dictionaries are built (most pages have none to settle, and skip that step).
 */
let t: TestExchange;
const DEADLINE_MS = 20 * 60 * 1000;

beforeAll(async () => {
  t = await startTestExchange({ ingestOnUpload: false });
  const token = await t.organisationWithToken('camden', 'admin');
  for (const name of ['camden-overdue', 'camden-settled']) {
    const created = await t.request('POST', '/api/v1/datasets', { token, body: datasetInput(name, { keywords: ['overduebatch'] }) });
    await createResource(t, token, name, { name: 'rows' });
    if (name === 'camden-overdue') {
      // What an ingest that stopped after numbering its version leaves: the resource validating, no version record.
      await mutate<Resource>(
        t.exchange.domain.catalogue,
        resourceKey(created.body.id, 'rows'),
        (r) => ({ ...r, latestVersion: r.latestVersion + 1, status: 'validating', modified: t.clock.now().toISOString() }),
        resourceListing,
      );
    }
  }
  await t.exchange.indexIdle();
}, 60_000);
afterAll(() => t.stop());

const statuses = async () => {
  const body = (await t.request('GET', '/api/3/action/package_search?q=overduebatch&sort=name%20asc')).body;
  expect(body.success).toBe(true);
  return body.result.results.map((p: { name: string; resources: Array<{ ldx_status: string }> }) => [p.name, p.resources.map((r) => r.ldx_status)]);
};

it('answers validating before the deadline and failed after it, leaving a dataset with nothing in flight as it was', async () => {
  expect(await statuses()).toEqual([
    ['camden-overdue', ['validating']],
    ['camden-settled', ['awaiting-upload']],
  ]);
  t.clock.advance(DEADLINE_MS + 1000);
  expect(await statuses()).toEqual([
    ['camden-overdue', ['failed']],
    ['camden-settled', ['awaiting-upload']],
  ]);
});

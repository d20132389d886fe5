import type { TestExchange } from '../support/test-exchange';
import type { ProbeDataset } from './world';

/** A shipped standard the probe's datasets are made to declare, so that a proposed version's impact report covers them. */
export const PROBE_STANDARD = 'lodis-public-toilets';
export const PROBE_STANDARD_VERSION = '2.0.0';

/**
 * Every probe dataset declares the standard, then the platform administrator proposes and
 * publishes a version that fits the probe's rows except the cell carrying each dataset's data
 * marker: the impact report quotes that cell, and the publisher is notified, so the versions,
 * the version and the notifications are channels like any other.
 */
export const declareAndGovern = async (t: TestExchange, publisherAdmin: string, datasets: ProbeDataset[]): Promise<void> => {
  for (const dataset of datasets) {
    const before = await t.request('GET', `/api/v1/datasets/${dataset.name}`, { token: publisherAdmin });
    const patched = await t.request('PATCH', `/api/v1/datasets/${dataset.name}`, {
      token: publisherAdmin,
      body: { dataSchema: PROBE_STANDARD },
      headers: { 'if-match': before.headers.get('etag')! },
    });
    if (patched.status !== 200) throw new Error(`probe schema declaration: ${patched.status} ${patched.text}`);
  }
  const schema = {
    type: 'object',
    properties: {
      site: { type: 'string', title: 'Site', description: 'Site' },
      reading: { type: 'number', title: 'Reading', description: 'Reading' },
      note: { type: 'string', title: 'Note', description: 'Note', enum: ['plain'] },
    },
  };
  const base = `/api/v1/schemas/${PROBE_STANDARD}/versions`;
  const proposed = await t.request('POST', base, {
    token: t.adminToken,
    body: { version: PROBE_STANDARD_VERSION, reason: 'Leak probe: a version whose report quotes cells', schema },
  });
  if (proposed.status !== 201) throw new Error(`probe schema proposal: ${proposed.status} ${proposed.text}`);
  const published = await t.request('POST', `${base}/${PROBE_STANDARD_VERSION}/publish`, { token: t.adminToken });
  if (published.status !== 200) throw new Error(`probe schema publication: ${published.status} ${published.text}`);
};

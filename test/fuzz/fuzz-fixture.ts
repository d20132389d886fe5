import { createResource, uploadAndWait } from '../support/publishing';
import { datasetInput, startTestExchange, type TestExchange } from '../support/test-exchange';

/** The small world the API fuzz suites ask about: an open dataset with published rows, a private one, a shared one. */
export interface FuzzWorld {
  t: TestExchange;
  admin: string;
  editor: string;
  outsider: string;
  resourceId: string;
  /** A real `next` cursor of the rows endpoint, for tampering. */
  cursor: string;
}

export const DATASETS = ['fuzz-open', 'fuzz-private', 'fuzz-shared'] as const;
export const RESOURCE = 'readings';
export const COLUMNS = ['site', 'borough', 'measured_at', 'day', 'value', 'ratified', 'note'] as const;

const CSV = [
  COLUMNS.join(','),
  ...Array.from({ length: 60 }, (_, i) =>
    [
      `S${i % 7}`,
      ['Camden', 'Hackney', 'Ealing', ''][i % 4],
      `2024-01-${String(1 + (i % 28)).padStart(2, '0')}T0${i % 10}:00:00Z`,
      `2024-02-${String(1 + (i % 28)).padStart(2, '0')}`,
      i % 9 === 0 ? '' : String(i * 1.5),
      i % 2 === 0 ? 'true' : 'false',
      i % 5 === 0 ? '"a, ""quoted"" note"' : `note ${i}`,
    ].join(','),
  ),
].join('\n');

export const startFuzzWorld = async (): Promise<FuzzWorld> => {
  const t = await startTestExchange();
  const admin = await t.organisationWithToken('fuzzorg', 'admin');
  const editor = await t.tokenFor('fuzzorg', 'editor');
  const outsider = await t.organisationWithToken('otherorg', 'viewer');
  for (const [name, tier] of [
    ['fuzz-open', 'open'],
    ['fuzz-private', 'private'],
    ['fuzz-shared', 'shared'],
  ] as const) {
    const created = await t.request('POST', '/api/v1/datasets', {
      token: admin,
      body: datasetInput(name, { tier, keywords: ['air quality', 'no2'], themes: ['environment'] }),
    });
    if (created.status !== 201) throw new Error(`could not create ${name}: ${created.status} ${created.text}`);
    await createResource(t, admin, name, { name: RESOURCE, title: 'Readings' });
    const { resource } = await uploadAndWait(t, admin, name, RESOURCE, CSV, 'readings.csv');
    if (resource.body.status !== 'published') throw new Error(`${name} not published: ${resource.text}`);
  }
  const resource = await t.request('GET', `/api/v1/datasets/fuzz-open/resources/${RESOURCE}`);
  const page = await t.request('GET', `/api/v1/datasets/fuzz-open/resources/${RESOURCE}/rows?limit=5&sort=value:desc`);
  if (typeof page.body?.next !== 'string') throw new Error(`no next cursor: ${page.text}`);
  const cursor = new URL(page.body.next as string).searchParams.get('cursor')!;
  return { t, admin, editor, outsider, resourceId: resource.body.id as string, cursor };
};

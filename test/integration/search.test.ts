import { createApp } from '../../functions/api/app';
import { createResource, uploadAndWait } from '../support/publishing';
import { datasetInput, startTestExchange, type TestExchange } from '../support/test-exchange';

/** Search through GET /api/v1/datasets as a client sees it: relevance, filters, facets, sorting, paging. */
let t: TestExchange;
let camden: string;
let barnet: string;

const names = (body: { results: Array<{ name: string }> }) => body.results.map((d) => d.name);
const sum = (values: Array<{ count: number }>) => values.reduce((total, v) => total + v.count, 0);

beforeAll(async () => {
  t = await startTestExchange();
  camden = await t.organisationWithToken('camden', 'admin');
  barnet = await t.organisationWithToken('barnet', 'admin');
  const create = async (token: string, name: string, fields: Record<string, unknown>) => {
    const response = await t.request('POST', '/api/v1/datasets', { token, body: datasetInput(name, fields) });
    if (response.status !== 201) throw new Error(response.text);
  };
  await create(camden, 'camden-air-quality', {
    title: 'Air quality monitoring',
    description: 'Hourly readings from roadside monitors across the borough.',
    keywords: ['air', 'pollution'],
    themes: ['environment'],
    dataSchema: 'air-quality-readings',
  });
  await create(camden, 'camden-air-quality-archive', { title: 'Air quality monitoring archive 2010 to 2019', keywords: ['air'], themes: ['environment'] });
  await create(camden, 'camden-parking', {
    title: 'Parking permits issued',
    description: 'Permits by zone; monitoring of air is elsewhere.',
    themes: ['transport'],
    licence: 'CC-BY-4.0',
  });
  await create(barnet, 'barnet-street-trees', { title: 'Street trees', keywords: ['trees'], themes: ['environment'] });
  await create(barnet, 'barnet-ev-chargers', { title: 'EV charge points', tier: 'shared', licence: 'proprietary', themes: ['transport'] });
  await create(camden, 'camden-air-draft', {
    title: 'Air sensors draft',
    tier: 'private',
    licence: 'proprietary',
    keywords: ['air', 'draftonly'],
    themes: ['health'],
  });
  await createResource(t, barnet, 'barnet-street-trees', { name: 'trees', title: 'Tree inventory' });
  const { resource } = await uploadAndWait(t, barnet, 'barnet-street-trees', 'trees', 'tree_species,canopy_height_m\nOak,12\nAsh,9\n', 'trees.csv');
  if (resource.body.status !== 'published') throw new Error(resource.text);
}, 60_000);
afterAll(() => t.stop());

describe('relevance', () => {
  it('ranks an exact title match first', async () => {
    const response = await t.request('GET', `/api/v1/datasets?q=${encodeURIComponent('Air quality monitoring')}`);
    expect(response.status).toBe(200);
    expect(names(response.body)[0]).toBe('camden-air-quality');
    expect(names(response.body)).toContain('camden-air-quality-archive');
    const archive = await t.request('GET', `/api/v1/datasets?q=${encodeURIComponent('air quality monitoring archive 2010 to 2019')}`);
    expect(names(archive.body)[0]).toBe('camden-air-quality-archive');
  });

  it('finds a dataset despite a typo, and by the start of a word', async () => {
    expect(names((await t.request('GET', '/api/v1/datasets?q=polution')).body)).toEqual(['camden-air-quality']);
    expect(names((await t.request('GET', '/api/v1/datasets?q=permts')).body)).toEqual(['camden-parking']);
    expect(names((await t.request('GET', '/api/v1/datasets?q=stre')).body)).toEqual(['barnet-street-trees']);
  });

  it('searches column names of published resources and organisation names', async () => {
    expect(names((await t.request('GET', '/api/v1/datasets?q=canopy_height_m')).body)).toEqual(['barnet-street-trees']);
    expect(names((await t.request('GET', '/api/v1/datasets?q=species')).body)).toEqual(['barnet-street-trees']);
    const byOrganisation = await t.request('GET', `/api/v1/datasets?q=${encodeURIComponent('organisation barnet')}`);
    expect(names(byOrganisation.body).sort()).toEqual(['barnet-ev-chargers', 'barnet-street-trees']);
  });
});

describe('facets', () => {
  it('count what the caller may see, and single-valued facets sum to the count', async () => {
    for (const token of [undefined, barnet, camden]) {
      const { body } = await t.request('GET', '/api/v1/datasets?limit=1000', { token });
      expect(Object.keys(body.facets).sort()).toEqual(['format', 'keyword', 'licence', 'organisation', 'theme', 'tier']);
      expect(body.count).toBe(token === camden ? 6 : 5);
      for (const facet of ['organisation', 'tier', 'licence']) expect({ facet, sum: sum(body.facets[facet]) }).toEqual({ facet, sum: body.count });
      expect(body.results).toHaveLength(body.count);
    }
  });

  it('include formats and themes, each counted within the other filters', async () => {
    const { body } = await t.request('GET', '/api/v1/datasets?theme=environment&organisation=camden');
    expect(names(body)).toEqual(['camden-air-quality', 'camden-air-quality-archive']);
    expect(body.facets.theme).toEqual([
      { value: 'environment', count: 2 },
      { value: 'transport', count: 1 },
    ]);
    expect(body.facets.organisation).toEqual([
      { value: 'camden', count: 2 },
      { value: 'barnet', count: 1 },
    ]);
    const all = await t.request('GET', '/api/v1/datasets');
    expect(all.body.facets.format).toEqual([{ value: 'CSV', count: 1 }]);
  });
});

describe('filters', () => {
  it('by keyword (repeatable: all must match), format, schema and licence', async () => {
    expect(names((await t.request('GET', '/api/v1/datasets?keyword=air')).body)).toEqual(['camden-air-quality', 'camden-air-quality-archive']);
    expect(names((await t.request('GET', '/api/v1/datasets?keyword=air&keyword=pollution')).body)).toEqual(['camden-air-quality']);
    expect(names((await t.request('GET', '/api/v1/datasets?format=csv')).body)).toEqual(['barnet-street-trees']);
    expect(names((await t.request('GET', '/api/v1/datasets?schema=air-quality-readings')).body)).toEqual(['camden-air-quality']);
    expect(names((await t.request('GET', '/api/v1/datasets?licence=CC-BY-4.0')).body)).toEqual(['camden-parking']);
  });

  it('by modification time', async () => {
    const future = new Date(t.clock.now().getTime() + 60_000).toISOString();
    expect((await t.request('GET', `/api/v1/datasets?modifiedSince=${future}`)).body.count).toBe(0);
    expect((await t.request('GET', '/api/v1/datasets?modifiedSince=2000-01-01')).body.count).toBe(5);
  });

  it('reject bad values with 400 and the field named', async () => {
    for (const [query, field] of [
      ['sort=random', 'sort'],
      ['modifiedSince=yesterday', 'modifiedSince'],
      [`q=${'x'.repeat(501)}`, 'q'],
    ]) {
      const response = await t.request('GET', `/api/v1/datasets?${query}`);
      expect(response.status).toBe(400);
      expect(response.body.error.details.fields[0].field).toBe(field);
    }
  });
});

describe('sorting and paging', () => {
  it('sorts by title, by modification (newest first) and by name', async () => {
    expect(names((await t.request('GET', '/api/v1/datasets?sort=title')).body)).toEqual([
      'camden-air-quality',
      'camden-air-quality-archive',
      'barnet-ev-chargers',
      'camden-parking',
      'barnet-street-trees',
    ]);
    const byModified = names((await t.request('GET', '/api/v1/datasets?sort=modified')).body);
    expect(byModified[0]).toBe('barnet-street-trees'); // its resource was published last
  });

  it('pages a text search with cursors, every match exactly once', async () => {
    const seen: string[] = [];
    let path: string | null = '/api/v1/datasets?q=air&limit=1';
    while (path) {
      const page: { body: { count: number; results: Array<{ name: string }>; next: string | null } } = await t.request('GET', path);
      expect(page.body.count).toBe(3);
      seen.push(...names(page.body));
      path = page.body.next ? page.body.next.replace(t.url, '') : null;
    }
    expect(seen).toHaveLength(3);
    expect(new Set(seen)).toEqual(new Set(['camden-air-quality', 'camden-air-quality-archive', 'camden-parking']));
  });
});

describe('server timing', () => {
  it('is off by default: timings without network noise would help tell hidden datasets from missing ones', async () => {
    for (const path of ['/api/v1/datasets?q=trees', '/api/v1/datasets/camden-air-draft', '/api/v1/no-such-route']) {
      expect((await t.request('GET', path)).headers.get('server-timing')).toBeNull();
    }
  });

  it('when enabled (benchmarks), says how long the exchange spent on each response, errors included', async () => {
    const app = createApp({ domain: t.exchange.domain, publicBaseUrl: t.url, serverTiming: true });
    for (const path of ['/api/v1/datasets?q=trees', '/api/v1/datasets?sort=nonsense', '/api/v1/no-such-route']) {
      const response = await app.request(path);
      expect(response.headers.get('server-timing')).toMatch(/^total;dur=\d+(\.\d+)?;desc="time in the exchange"$/);
    }
  });
});

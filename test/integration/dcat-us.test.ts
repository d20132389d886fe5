import Ajv04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import datasetMetadataSchema from '../../schemas/dataset.schema.json';
import { isoFrequencies, licences } from '../../functions/interop/vocabularies';
import catalogSchema from '../fixtures/reference/dcat-us-1.1-non-federal/catalog.json';
import podDatasetSchema from '../fixtures/reference/dcat-us-1.1-non-federal/dataset-non-federal.json';
import { createResource, download, uploadAndWait } from '../support/publishing';
import { datasetInput, startTestExchange, type TestExchange } from '../support/test-exchange';

/** DCAT-US 1.1 data.json: validated against the published non-federal schema, for every kind of caller. */
const ajv = new Ajv04({ allErrors: true, unicodeRegExp: false, strict: false });
addFormats(ajv);
ajv.addSchema(podDatasetSchema);
const validateCatalog = ajv.compile(catalogSchema);
const validateDataset = ajv.getSchema('https://project-open-data.cio.gov/v1.1/schema/dataset-non-federal.json')!;

const expectValidCatalog = (body: unknown) => {
  const valid = validateCatalog(body);
  expect({ valid, errors: validateCatalog.errors ?? null }).toEqual({ valid: true, errors: null });
};

let t: TestExchange;
const tokens: Record<'publisher' | 'grantee' | 'stranger', string> = { publisher: '', grantee: '', stranger: '' };

const publish = async (name: string, overrides: Record<string, unknown>, csv?: string) => {
  const created = await t.request('POST', '/api/v1/datasets', { token: tokens.publisher, body: datasetInput(name, overrides) });
  if (created.status !== 201) throw new Error(created.text);
  if (csv === undefined) return;
  await createResource(t, tokens.publisher, name, { name: 'readings', title: 'Hourly readings', description: 'One row per site and hour.' });
  await uploadAndWait(t, tokens.publisher, name, 'readings', csv, 'readings.csv');
};

beforeAll(async () => {
  t = await startTestExchange();
  tokens.publisher = await t.organisationWithToken('camden', 'admin');
  tokens.grantee = await t.organisationWithToken('hackney', 'viewer');
  tokens.stranger = await t.organisationWithToken('bromley', 'viewer');
  await publish(
    'air-quality-camden',
    {
      title: 'Air quality readings, Camden',
      keywords: ['air quality', 'no2'],
      themes: ['environment', 'health'],
      updateFrequency: 'daily',
      temporalCoverage: { start: '2024-01-01', end: '2024-12-31' },
      spatialCoverage: { gssCodes: ['E09000007'], description: 'Camden' },
      contactPoint: { name: 'Camden open data', email: 'opendata@camden.gov.uk' },
    },
    'site,value\nCM1,41.5\nCM2,38\n',
  );
  await publish('kerbside-partner', { tier: 'shared', licence: 'proprietary', updateFrequency: 'weekly' }, 'bay,occupied\nB1,yes\n');
  await t.request('POST', '/api/v1/datasets/kerbside-partner/grants', {
    token: tokens.publisher,
    body: {
      organisation: 'hackney',
      purpose: 'Kerbside planning across the borough boundary',
      lawfulBasis: 'public-task',
      agreementReference: 'DSA-1',
      expiresAt: new Date(t.clock.now().getTime() + 30 * 86_400_000).toISOString(),
    },
  });
  await publish('draft-survey', { tier: 'private', updateFrequency: 'never' }, 'q,a\n1,2\n');
  await publish('minimal-open', { description: undefined, licence: 'CC0-1.0' });
  await publish('quirky-contact', {
    temporalCoverage: { start: '2020-01-01' },
    contactPoint: { email: 'open#data@camden.gov.uk' },
    updateFrequency: 'irregular',
  });
}, 120_000);
afterAll(() => t.stop());

const catalog = async (token?: string, query = '') => {
  const response = await t.request('GET', `/catalog/data.json${query}`, { token });
  expect(response.status).toBe(200);
  return response;
};
const entry = (body: { dataset: Array<{ identifier: string }> }, name: string) =>
  body.dataset.find((d) => d.identifier === `${t.url}/api/v1/datasets/${name}`) as Record<string, any> | undefined;

describe('the code mappings', () => {
  it('gives every update frequency an accrualPeriodicity the DCAT-US schema accepts (or none for never)', () => {
    for (const frequency of datasetMetadataSchema.properties.updateFrequency.enum as Array<keyof typeof isoFrequencies>) {
      const iso = isoFrequencies[frequency];
      if (frequency === 'never') expect(iso).toBeUndefined();
      else
        expect(
          validateDataset({
            title: 't',
            description: 'd',
            publisher: { name: 'p' },
            contactPoint: { fn: 'c' },
            identifier: 'i',
            accessLevel: 'public',
            accrualPeriodicity: iso,
          }),
        ).toBe(true);
    }
    expect(isoFrequencies.daily).toBe('R/P1D');
    expect(isoFrequencies.annual).toBe('R/P1Y');
  });

  it('maps every licence but proprietary and other (unrecognised at a harvested source) to a licence URL', () => {
    const ids = (datasetMetadataSchema.properties.licence.enum as string[]).filter((id) => id !== 'proprietary' && id !== 'other');
    expect(ids.filter((id) => !licences[id]?.url.startsWith('http'))).toEqual([]);
    expect(licences['OGL-UK-3.0'].url).toBe('http://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/');
  });

  it('uses a schema that really rejects what DCAT-US forbids', () => {
    const dataset = {
      title: 't',
      description: 'd',
      publisher: { name: 'p' },
      contactPoint: { fn: 'c', hasEmail: 'mailto:a@b.org' },
      identifier: 'i',
      accessLevel: 'public',
    };
    expect(validateCatalog({ conformsTo: 'https://project-open-data.cio.gov/v1.1/schema', dataset: [dataset] })).toBe(true);
    expect(validateCatalog({ conformsTo: 'https://project-open-data.cio.gov/v1.1/schema', dataset: [{ ...dataset, accessLevel: 'shared' }] })).toBe(false);
    expect(
      validateCatalog({
        conformsTo: 'https://project-open-data.cio.gov/v1.1/schema',
        dataset: [{ ...dataset, contactPoint: { fn: 'c', hasEmail: 'a@b.org' } }],
      }),
    ).toBe(false);
    expect(
      validateCatalog({
        conformsTo: 'https://project-open-data.cio.gov/v1.1/schema',
        dataset: [{ ...dataset, distribution: [{ downloadURL: 'https://x.org/f.csv', mediaType: 'text/csv; charset=utf-8' }] }],
      }),
    ).toBe(false);
  });
});

describe('/catalog/data.json', () => {
  it('validates against the DCAT-US 1.1 non-federal schema for every kind of caller', async () => {
    for (const token of [undefined, tokens.publisher, tokens.grantee, tokens.stranger, t.adminToken]) {
      const { body } = await catalog(token);
      expectValidCatalog(body);
      expect(body).toMatchObject({
        conformsTo: 'https://project-open-data.cio.gov/v1.1/schema',
        describedBy: 'https://project-open-data.cio.gov/v1.1/schema/catalog.json',
      });
    }
  });

  it('maps the metadata: publisher, contact, licence, spatial, temporal and frequency', async () => {
    const air = entry((await catalog()).body, 'air-quality-camden')!;
    expect(air).toMatchObject({
      title: 'Air quality readings, Camden',
      description: 'A dataset made by the tests.',
      keyword: ['air quality', 'no2'],
      theme: ['Environment', 'Health'],
      publisher: { name: 'Test organisation camden' },
      contactPoint: { fn: 'Camden open data', hasEmail: 'mailto:opendata@camden.gov.uk' },
      accessLevel: 'public',
      license: 'http://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/',
      spatial: 'Camden (E09000007)',
      temporal: '2024-01-01/2024-12-31',
      accrualPeriodicity: 'R/P1D',
      landingPage: `${t.url}/datasets/air-quality-camden`,
      describedBy: `${t.url}/api/v1/datasets/air-quality-camden/datapackage.json`,
    });
    expect(air.modified).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });

  it('maps the tier to accessLevel, and lists a private dataset only for its publisher', async () => {
    const anonymous = (await catalog()).body;
    expect(entry(anonymous, 'kerbside-partner')).toMatchObject({ accessLevel: 'restricted public', rights: expect.stringContaining('Request access at') });
    expect(entry(anonymous, 'draft-survey')).toBeUndefined();
    expect(entry((await catalog(tokens.stranger)).body, 'draft-survey')).toBeUndefined();
    const own = entry((await catalog(tokens.publisher)).body, 'draft-survey')!;
    expect(own).toMatchObject({ accessLevel: 'non-public' });
    expect(own).not.toHaveProperty('accrualPeriodicity');
    expect(anonymous.dataset).toHaveLength(4);
  });

  it('gives downloadURLs only for data the caller may read; shared data otherwise points at its page', async () => {
    const open = entry((await catalog()).body, 'air-quality-camden')!;
    expect(open.distribution.map((d: Record<string, string>) => [d.mediaType, d.downloadURL])).toEqual(
      ['csv', 'json', 'ndjson', 'parquet'].map((format, i) => [
        ['text/csv', 'application/json', 'application/x-ndjson', 'application/vnd.apache.parquet'][i],
        `${t.url}/api/v1/datasets/air-quality-camden/resources/readings/download?format=${format}`,
      ]),
    );
    for (const token of [undefined, tokens.stranger]) {
      const shared = entry((await catalog(token)).body, 'kerbside-partner')!;
      expect(shared.distribution).toEqual([expect.objectContaining({ accessURL: `${t.url}/datasets/kerbside-partner`, mediaType: 'text/html' })]);
      expect(JSON.stringify(shared)).not.toContain('download');
      expect(shared).not.toHaveProperty('describedBy');
    }
    const granted = entry((await catalog(tokens.grantee)).body, 'kerbside-partner')!;
    const csvUrl = granted.distribution.find((d: Record<string, string>) => d.mediaType === 'text/csv').downloadURL as string;
    const path = csvUrl.slice(t.url.length);
    const file = await download(t, path, tokens.grantee);
    expect(file.bytes.toString('utf8')).toContain('B1,true');
    expect((await download(t, path, tokens.stranger)).status).toBe(404);
  });

  it('falls back sensibly when optional metadata is missing, and stays valid', async () => {
    const { body } = await catalog();
    const minimal = entry(body, 'minimal-open')!;
    expect(minimal).toMatchObject({
      description: 'Dataset minimal-open',
      contactPoint: { fn: 'Test organisation camden' },
      license: 'https://creativecommons.org/publicdomain/zero/1.0/',
    });
    expect(minimal).not.toHaveProperty('distribution');
    expect(minimal).not.toHaveProperty('keyword');
    const quirky = entry(body, 'quirky-contact')!;
    expect(quirky.contactPoint).toEqual({ '@type': 'vcard:Contact', fn: 'Test organisation camden' });
    expect(quirky.accrualPeriodicity).toBe('irregular');
    expect(quirky.temporal).toMatch(/^2020-01-01\/\d{4}-\d{2}-\d{2}$/);
  });

  it('pages with limit, page and cursor, announcing pages in a Link header', async () => {
    const seen: string[] = [];
    let path: string | undefined = '/catalog/data.json?limit=2';
    while (path) {
      const response = await catalog(tokens.publisher, path.slice('/catalog/data.json'.length));
      expectValidCatalog(response.body);
      expect(response.body.dataset.length).toBeLessThanOrEqual(2);
      seen.push(...response.body.dataset.map((d: { identifier: string }) => d.identifier.split('/').pop()));
      const next = /<([^>]+)>; rel="next"/.exec(response.headers.get('link') ?? '');
      path = next ? next[1].slice(t.url.length) : undefined;
    }
    expect(seen.sort()).toEqual(['air-quality-camden', 'draft-survey', 'kerbside-partner', 'minimal-open', 'quirky-contact']);
    const first = await catalog(tokens.publisher, '?limit=2');
    expect(first.headers.get('link')).toContain(`<${t.url}/catalog/data.json?page=3&limit=2>; rel="last"`);
    const third = await catalog(tokens.publisher, '?limit=2&page=3');
    expect(third.body.dataset.map((d: { identifier: string }) => d.identifier.split('/').pop())).toEqual([seen[4]]);
    expect((await catalog(tokens.publisher, '?limit=2&page=9')).body.dataset).toEqual([]);
    for (const bad of ['?limit=0', '?limit=1001', '?page=0', '?page=x']) expect((await t.request('GET', `/catalog/data.json${bad}`)).status).toBe(400);
  });
});

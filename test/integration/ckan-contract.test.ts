import { createResource, uploadAndWait } from '../support/publishing';
import { datasetInput, startTestExchange, type TestExchange } from '../support/test-exchange';

/**
 * CKAN 2.10's documented response shapes (docs.ckan.org, API guide and the example responses of
 * package_show, resource_show, organization_show, package_search, status_show), as key → type.
 * `?` marks keys CKAN leaves out in some cases; `ldx_` keys are the exchange's own additions.
 */
type Shape = string | { [key: string]: Shape } | [Shape];

const tagShape: Shape = { id: 'string', name: 'string', display_name: 'string', state: 'string', vocabulary_id: 'null' };

const organizationSummaryShape: Shape = {
  id: 'string',
  name: 'string',
  title: 'string',
  type: 'string',
  description: 'string',
  image_url: 'string',
  created: 'string',
  is_organization: 'boolean',
  approval_status: 'string',
  state: 'string',
};

const organizationListItemShape: Shape = {
  ...(organizationSummaryShape as Record<string, Shape>),
  display_name: 'string',
  image_display_url: 'string',
  num_followers: 'number',
  package_count: 'number',
};

const resourceShape: Shape = {
  id: 'string',
  package_id: 'string',
  name: 'string',
  description: 'string',
  format: 'string',
  mimetype: 'string|null',
  mimetype_inner: 'null',
  size: 'number|null',
  hash: 'string',
  url: 'string',
  url_type: 'null',
  created: 'string',
  last_modified: 'string|null',
  metadata_modified: 'string',
  state: 'string',
  position: 'number',
  resource_type: 'null',
  cache_url: 'null',
  cache_last_updated: 'null',
  datastore_active: 'boolean',
  'ldx_name?': 'string',
  'ldx_original_url?': 'string',
  'ldx_status?': 'string',
};

const packageShape: Shape = {
  id: 'string',
  name: 'string',
  title: 'string',
  notes: 'string',
  type: 'string',
  state: 'string',
  private: 'boolean',
  license_id: 'string',
  license_title: 'string',
  'license_url?': 'string',
  isopen: 'boolean',
  url: 'string',
  version: 'null',
  author: 'string|null',
  author_email: 'null',
  maintainer: 'string|null',
  maintainer_email: 'string|null',
  creator_user_id: 'null',
  owner_org: 'string',
  organization: organizationSummaryShape,
  metadata_created: 'string',
  metadata_modified: 'string',
  num_resources: 'number',
  num_tags: 'number',
  tags: [tagShape],
  groups: [{ id: 'string', name: 'string', title: 'string', display_name: 'string', description: 'string', image_display_url: 'string' }],
  resources: [resourceShape],
  extras: [{ key: 'string', value: 'string' }],
  relationships_as_object: ['object'],
  relationships_as_subject: ['object'],
};

const packageSearchShape: Shape = {
  count: 'number',
  sort: 'string',
  results: [packageShape],
  facets: 'object',
  search_facets: 'object',
};

const searchFacetShape: Shape = { title: 'string', items: [{ name: 'string', display_name: 'string', count: 'number' }] };

const organizationShowShape: Shape = {
  ...(organizationListItemShape as Record<string, Shape>),
  extras: ['object'],
  tags: ['object'],
  groups: ['object'],
  users: ['object'],
  'packages?': [packageShape],
};

const statusShape: Shape = {
  site_title: 'string',
  site_description: 'string',
  site_url: 'string',
  ckan_version: 'string',
  locale_default: 'string',
  extensions: ['string'],
};

const envelopeShape: Shape = { help: 'string', success: 'boolean', 'result?': 'any', 'error?': 'object' };

const typeOf = (value: unknown): string => (value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value);

/** Every difference between `value` and `shape`, as readable paths (empty = matches). */
const shapeProblems = (value: unknown, shape: Shape, path = '$'): string[] => {
  if (typeof shape === 'string') {
    if (shape === 'any') return [];
    return shape.split('|').includes(typeOf(value)) ? [] : [`${path}: expected ${shape}, got ${typeOf(value)}`];
  }
  if (Array.isArray(shape)) {
    if (!Array.isArray(value)) return [`${path}: expected array, got ${typeOf(value)}`];
    return value.flatMap((item, i) => shapeProblems(item, shape[0], `${path}[${i}]`));
  }
  if (typeOf(value) !== 'object') return [`${path}: expected object, got ${typeOf(value)}`];
  const record = value as Record<string, unknown>;
  const problems: string[] = [];
  const known = new Set<string>();
  for (const [rawKey, inner] of Object.entries(shape)) {
    const optional = rawKey.endsWith('?');
    const key = optional ? rawKey.slice(0, -1) : rawKey;
    known.add(key);
    if (!(key in record)) {
      if (!optional) problems.push(`${path}.${key}: missing`);
      continue;
    }
    problems.push(...shapeProblems(record[key], inner, `${path}.${key}`));
  }
  for (const key of Object.keys(record)) if (!known.has(key)) problems.push(`${path}.${key}: not in CKAN's shape`);
  return problems;
};

// ---------------------------------------------------------------------------------------------

let t: TestExchange;
let camden: string;
let resourceId: string;

const action = async (name: string, query = '', token?: string) => {
  const response = await t.request('GET', `/api/3/action/${name}${query}`, { token });
  expect(shapeProblems(response.body, envelopeShape)).toEqual([]);
  return response;
};

beforeAll(async () => {
  t = await startTestExchange();
  camden = await t.organisationWithToken('camden', 'admin');
  await t.request('POST', '/api/v1/datasets', {
    token: camden,
    body: datasetInput('camden-air', {
      title: 'Air quality',
      keywords: ['air', 'pollution'],
      themes: ['environment'],
      updateFrequency: 'daily',
      contactPoint: { name: 'Camden data team', email: 'data@camden.gov.uk' },
      temporalCoverage: { start: '2020-01-01' },
    }),
  });
  await t.request('POST', '/api/v1/datasets', { token: camden, body: datasetInput('camden-draft', { tier: 'private', licence: 'proprietary' }) });
  const resource = await createResource(t, camden, 'camden-air', { name: 'readings', title: 'Hourly readings', format: 'csv' });
  resourceId = resource.body.id;
  await createResource(t, camden, 'camden-air', { name: 'later', title: 'Not uploaded yet' });
  await uploadAndWait(t, camden, 'camden-air', 'readings', 'site,no2\nA,12\n', 'readings.csv');
}, 60_000);
afterAll(() => t.stop());

describe("responses match CKAN's documented shapes", () => {
  it('status_show', async () => {
    const { status, body } = await action('status_show');
    expect(status).toBe(200);
    expect(body).toMatchObject({ success: true, help: `${t.url}/api/3/action/help_show?name=status_show` });
    expect(shapeProblems(body.result, statusShape)).toEqual([]);
  });

  it('package_show, with CKAN timestamps and a datastore-active resource', async () => {
    const { body } = await action('package_show', '?id=camden-air');
    expect(shapeProblems(body.result, packageShape)).toEqual([]);
    expect(body.result).toMatchObject({
      name: 'camden-air',
      owner_org: 'camden',
      private: false,
      num_resources: 2,
      num_tags: 2,
      license_id: 'OGL-UK-3.0',
      isopen: true,
    });
    expect(body.result.metadata_created).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}$/);
    expect(body.result.tags.map((tag: { name: string }) => tag.name)).toEqual(['air', 'pollution']);
    expect(body.result.resources.map((r: { datastore_active: boolean }) => r.datastore_active)).toEqual([true, false]);
    // size is the normalised CSV's (CRLF line ends): the file url names, not the 14-byte upload.
    expect(body.result.resources[0]).toMatchObject({ format: 'CSV', mimetype: 'text/csv', size: 16, package_id: body.result.id });
    expect(body.result.extras).toEqual(
      expect.arrayContaining([
        { key: 'tier', value: 'open' },
        { key: 'update_frequency', value: 'daily' },
      ]),
    );
  });

  it('package_search, with facets in both of CKAN’s forms', async () => {
    const { body } = await action('package_search', '?q=air&facet.field=["organization","tags","res_format","license_id"]');
    expect(shapeProblems(body.result, packageSearchShape)).toEqual([]);
    for (const field of ['organization', 'tags', 'res_format', 'license_id']) {
      expect(shapeProblems(body.result.search_facets[field], searchFacetShape)).toEqual([]);
      expect(Object.values(body.result.facets[field]).every((count) => typeof count === 'number')).toBe(true);
    }
    expect(body.result.facets.tags).toEqual({ air: 1, pollution: 1 });
    expect(body.result.search_facets.organization.items).toEqual([{ name: 'camden', display_name: 'Test organisation camden', count: 1 }]);
    expect(body.result.sort).toBe('score desc, metadata_modified desc');
  });

  it('package_list and tag_list are lists of names', async () => {
    expect((await action('package_list')).body.result).toEqual(['camden-air']);
    expect((await action('tag_list')).body.result).toEqual(['air', 'pollution']);
    const tags = (await action('tag_list', '?all_fields=true')).body.result;
    expect(shapeProblems(tags, [{ id: 'string', name: 'string', vocabulary_id: 'null' }])).toEqual([]);
  });

  it('organization_list, by name and with all_fields', async () => {
    expect((await action('organization_list')).body.result).toEqual(['camden']);
    const { body } = await action('organization_list', '?all_fields=true');
    expect(shapeProblems(body.result, [organizationListItemShape])).toEqual([]);
    expect(body.result[0]).toMatchObject({ name: 'camden', package_count: 1, is_organization: true, type: 'organization' });
  });

  it('organization_show, with and without its datasets', async () => {
    const plain = (await action('organization_show', '?id=camden')).body.result;
    expect(shapeProblems(plain, organizationShowShape)).toEqual([]);
    expect(plain).not.toHaveProperty('packages');
    const full = (await action('organization_show', '?id=camden&include_datasets=true', camden)).body.result;
    expect(shapeProblems(full, organizationShowShape)).toEqual([]);
    expect(full.package_count).toBe(2);
    expect(full.packages.map((p: { name: string }) => p.name)).toEqual(['camden-air', 'camden-draft']);
  });

  it('resource_show', async () => {
    const { body } = await action('resource_show', `?id=${resourceId}`);
    expect(shapeProblems(body.result, resourceShape)).toEqual([]);
    expect(body.result).toMatchObject({ id: resourceId, name: 'Hourly readings', datastore_active: true, position: 0 });
    // The normalised UTF-8 CSV, whatever was uploaded; the upload itself at ldx_original_url.
    expect(body.result.url).toBe(`${t.url}/api/v1/datasets/camden-air/resources/readings/download?format=csv`);
    expect(body.result.ldx_original_url).toBe(`${t.url}/api/v1/datasets/camden-air/resources/readings/download?format=original`);
  });

  it('errors, in CKAN’s envelope with its status codes', async () => {
    const missing = await action('package_show', '?id=no-such-dataset');
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({
      help: `${t.url}/api/3/action/help_show?name=package_show`,
      success: false,
      error: { __type: 'Not Found Error', message: 'Not found' },
    });
    const invalid = await action('package_search', '?rows=many');
    expect(invalid.status).toBe(409);
    expect(invalid.body.error).toEqual({ __type: 'Validation Error', rows: ['Invalid integer'] });
    const unknown = await action('package_create');
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toEqual({ __type: 'Bad Request', message: 'Bad request - Action name not known: package_create' });
    const denied = await t.request('GET', '/api/3/action/package_list', { headers: { authorization: 'not-a-token' } });
    expect(denied.status).toBe(403);
    expect(denied.body).toMatchObject({ success: false, error: { __type: 'Authorization Error' } });
    expect(denied.body.error.message).toMatch(/^Access denied: /);
  });
});

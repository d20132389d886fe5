import fc from 'fast-check';
import { createResource, uploadAndWait } from '../support/publishing';
import { startTestExchange, type TestExchange } from '../support/test-exchange';
import {
  expectApiAnswer,
  expectCkanAnswer,
  expectHealthy,
  FUZZ_RUNS,
  fuzzParameters,
  hostileString,
  PROTOTYPE_KEYS,
  queryString,
  sendable,
  timeoutFor,
  withinMs,
  SETUP_MS,
  CASE_MS,
} from './fuzz-support';

/**
 * Property: metadata and column names a publisher may legitimately choose (hostile text within
 * the schema's rules, prototype keys, quotes, unicode) are served by every representation of the
 * dataset (API, Data Package, DCAT-AP, DCAT-US, CKAN, web page, search) without a 5xx, and rows
 * of a table whose columns are named like Object.prototype's members can be filtered, sorted,
 * searched and paged.
 */
let t: TestExchange;
let admin: string;
beforeAll(async () => {
  t = await startTestExchange();
  admin = await t.organisationWithToken('fuzzorg', 'admin');
  const created = await t.request('POST', '/api/v1/datasets', {
    token: admin,
    body: { name: 'fuzz-columns', title: 'Hostile columns', licence: 'OGL-UK-3.0', tier: 'open' },
  });
  if (created.status !== 201) throw new Error(`could not create the dataset: ${created.text}`);
  await createResource(t, admin, 'fuzz-columns', { name: 'table', title: 'Hostile columns' });
  const { resource } = await uploadAndWait(t, admin, 'fuzz-columns', 'table', HOSTILE_CSV, 'table.csv');
  if (resource.body.status !== 'published') throw new Error(`not published: ${resource.text}`);
}, SETUP_MS);
afterAll(() => t?.stop());

/** Column names that are members of Object.prototype, SQL-ish, quoted, unicode, or the row API's own `_id`. */
const HOSTILE_COLUMNS = [...PROTOTYPE_KEYS, 'a"b', "it's", 'ünïcödé', '1st', 'select', 'a,b', 'col;drop', '_id_x'] as const;
const HOSTILE_CSV = [
  HOSTILE_COLUMNS.map((c) => (/[",]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(','),
  ...Array.from({ length: 40 }, (_, i) =>
    HOSTILE_COLUMNS.map((_c, j) => (j % 3 === 0 ? String(i * j) : j % 3 === 1 ? `v${i % 5}` : i % 2 === 0 ? 'true' : 'false')).join(','),
  ),
].join('\n');

const ROWS = '/api/v1/datasets/fuzz-columns/resources/table/rows';
const get = async (path: string, token?: string) => {
  fc.pre(sendable(path));
  const response = await withinMs(CASE_MS, `GET ${path}`, t.request('GET', path, { token }));
  expectApiAnswer(`GET ${path}`, response);
  return response;
};

/** Text a publisher may put in a field: hostile, but within the field's length and pattern. */
const text = (min: number, max: number, forbidden = /[\u0000-\u001f<>]/g) =>
  hostileString(max)
    .map((s) =>
      s
        .replace(/[\ud800-\udfff]/g, '')
        .replace(forbidden, '')
        .slice(0, max),
    )
    .filter((s) => [...s].length >= min && s.length <= max);

const THEMES = ['arts-and-culture', 'environment', 'transport', 'housing', 'health', 'london-government'] as const;
const metadata = fc.record(
  {
    title: text(1, 200, /[\u0000]/g),
    description: hostileString(500).map((s) => s.replace(/[\ud800-\udfff]/g, '')),
    tier: fc.constantFrom('open', 'shared', 'private'),
    keywords: fc.uniqueArray(fc.oneof(fc.constantFrom(...PROTOTYPE_KEYS), text(1, 60)), { maxLength: 6 }),
    themes: fc.uniqueArray(fc.constantFrom(...THEMES), { maxLength: 3 }),
    updateFrequency: fc.constantFrom('daily', 'never', 'irregular'),
    temporalCoverage: fc.record(
      { start: fc.constantFrom('2020-01-01', '1900-02-28', '2099-12-31'), end: fc.constantFrom('2020-12-31', '1899-01-01', '2024-02-29') },
      { requiredKeys: ['start'] },
    ),
    spatialCoverage: fc.record(
      { gssCodes: fc.uniqueArray(fc.constantFrom('E09000007', 'E12000007', 'W00000001', 'K04000001'), { maxLength: 3 }), description: text(0, 100) },
      { requiredKeys: [] },
    ),
    contactPoint: fc.record({ name: text(0, 100), email: fc.emailAddress() }, { requiredKeys: ['email'] }),
  },
  { requiredKeys: ['title', 'tier'] },
);

let created = 0;

describe('fuzzing what publishers may legitimately write', () => {
  it(
    'hostile but valid metadata is served by every representation',
    async () => {
      await fc.assert(
        fc.asyncProperty(metadata, async (fields) => {
          const name = `fuzz-meta-${++created}`;
          const body = { name, licence: fields.tier === 'open' ? 'OGL-UK-3.0' : 'proprietary', ...fields };
          const response = await withinMs(CASE_MS, 'POST /api/v1/datasets', t.request('POST', '/api/v1/datasets', { token: admin, body }));
          expectApiAnswer(`POST /api/v1/datasets ${JSON.stringify(body).slice(0, 600)}`, response);
          if (response.status !== 201) return;
          await createResource(t, admin, name, { name: 'data', title: fields.title, description: fields.description });
          await t.exchange.indexIdle();
          const word = fields.title.split(/\s+/)[0] ?? '';
          for (const who of [admin, undefined]) {
            for (const path of [
              `/api/v1/datasets/${name}`,
              `/api/v1/datasets/${name}/datapackage.json`,
              `/api/v1/datasets${queryString([['q', word.slice(0, 400)]])}`,
              `/api/v1/datasets${queryString([['keyword', fields.keywords?.[0] ?? 'x']])}`,
              `/api/v1/sharing-register`,
            ])
              await get(path, who);
            for (const path of [
              `/api/3/action/package_show?id=${name}`,
              `/api/3/action/package_search${queryString([
                ['q', word.slice(0, 400)],
                ['facet.field', '["tags"]'],
              ])}`,
              `/api/3/action/tag_list`,
            ]) {
              const ckan = await withinMs(CASE_MS, `GET ${path}`, t.request('GET', path, { token: who }));
              expectCkanAnswer(`GET ${path}`, ckan);
            }
            for (const path of [
              `/datasets/${name}`,
              `/dataset/${name}.jsonld`,
              '/catalog.jsonld',
              '/catalog/data.json',
              `/datasets${queryString([['q', word.slice(0, 400)]])}`,
              '/organisations/fuzzorg',
            ]) {
              const page = await withinMs(CASE_MS, `GET ${path}`, t.request('GET', path, { token: who }));
              if (page.status >= 500) throw new Error(`5xx: GET ${path} → ${page.status} ${page.text.slice(0, 300)} for ${JSON.stringify(body).slice(0, 600)}`);
            }
          }
        }),
        fuzzParameters(Math.max(4, Math.round(FUZZ_RUNS / 8))),
      );
      await expectHealthy(t);
    },
    timeoutFor(3000),
  );

  it(
    'rows of a table whose columns are named like Object.prototype members: filter, sort, search, fields, paging',
    async () => {
      const column = fc.constantFrom(...HOSTILE_COLUMNS, '_id');
      const value = fc.oneof(
        fc.constantFrom('v1', 'true', 'false', '0', '12'),
        fc.integer({ min: -5, max: 500 }),
        fc.boolean(),
        fc.constant(null),
        hostileString(8),
      );
      const condition = fc.oneof(
        { weight: 3, arbitrary: value },
        { weight: 1, arbitrary: fc.array(value, { minLength: 1, maxLength: 3 }) },
        { weight: 1, arbitrary: fc.dictionary(fc.constantFrom('eq', 'in', 'gt', 'gte', 'lt', 'lte'), value, { minKeys: 1, maxKeys: 2 }) },
      );
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.tuple(column, condition), { maxLength: 3 }),
          fc.array(fc.tuple(column, fc.constantFrom('', ':desc')), { maxLength: 3 }),
          fc.option(fc.uniqueArray(column, { minLength: 1, maxLength: 4 }), { nil: undefined }),
          fc.option(
            fc.oneof(
              fc.constantFrom('v1', 'v2 true'),
              fc.tuple(column, fc.constantFrom('v1', 'x')).map(([c, v]) => JSON.stringify({ [c]: v })),
            ),
            { nil: undefined },
          ),
          fc.boolean(),
          async (conditions, sort, fields, q, follow) => {
            const pairs: Array<[string, string]> = [['limit', '7']];
            // Built as text so that a "__proto__" column stays an own key of the filters object.
            if (conditions.length > 0) pairs.push(['filters', `{${conditions.map(([c, v]) => `${JSON.stringify(c)}:${JSON.stringify(v)}`).join(',')}}`]);
            if (sort.length > 0) pairs.push(['sort', JSON.stringify(sort.map(([c, o]) => ({ field: c, order: o === ':desc' ? 'desc' : 'asc' })))]);
            if (fields) pairs.push(['fields', JSON.stringify(fields)]);
            if (q !== undefined) pairs.push(['q', q]);
            const first = await get(`${ROWS}${queryString(pairs)}`);
            if (first.status === 200 && follow && typeof first.body.next === 'string')
              await get(new URL(first.body.next as string).pathname + new URL(first.body.next as string).search);
            const ckan = await withinMs(
              CASE_MS,
              'datastore_search',
              t.request('POST', '/api/3/action/datastore_search', {
                body: {
                  resource_id: (await t.request('GET', '/api/v1/datasets/fuzz-columns/resources/table')).body.id,
                  limit: 7,
                  q: q ?? '',
                  sort: sort.map(([c, o]) => `"${c.replace(/"/g, '""')}"${o === ':desc' ? ' desc' : ''}`).join(', '),
                  ...(fields ? { fields: fields.join(',') } : {}),
                },
              }),
            );
            expectCkanAnswer(`datastore_search over hostile columns with ${JSON.stringify({ q, sort, fields })}`, ckan);
          },
        ),
        fuzzParameters(),
      );
      await expectHealthy(t);
    },
    timeoutFor(1000),
  );
});

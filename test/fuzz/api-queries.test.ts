import fc from 'fast-check';
import { allowedMethods } from '../../functions/api/route-table';
import { COLUMNS, DATASETS, type FuzzWorld, RESOURCE, startFuzzWorld } from './fuzz-fixture';
import {
  expectApiAnswer,
  expectHealthy,
  fuzzParameters,
  hostileJsonText,
  hostileString,
  pathSegment,
  queryString,
  sendable,
  timeoutFor,
  withinMs,
  SETUP_MS,
  CASE_MS,
} from './fuzz-support';

/**
 * Property: whatever a client puts in the query string or the path of a GET, the API answers
 * below 500, every error in the one error shape, and still answers its health check after.
 */
let w: FuzzWorld;
beforeAll(async () => {
  w = await startFuzzWorld();
}, SETUP_MS);
afterAll(() => w?.t.stop());

const caller = () => fc.constantFrom<'anonymous' | 'admin' | 'outsider'>('anonymous', 'admin', 'outsider');
const tokenOf = (who: 'anonymous' | 'admin' | 'outsider') => (who === 'admin' ? w.admin : who === 'outsider' ? w.outsider : undefined);

const get = async (path: string, who: 'anonymous' | 'admin' | 'outsider') => {
  fc.pre(sendable(path));
  const response = await withinMs(CASE_MS, `GET ${path}`, w.t.request('GET', path, { token: tokenOf(who) }));
  expectApiAnswer(`GET ${path} as ${who}`, response);
  return response;
};

/** A parameter name: usually one the route knows, sometimes a hostile one. */
const name = (known: readonly string[]) => fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...known) }, { weight: 1, arbitrary: hostileString(15) });

const SEARCH_PARAMETERS = ['q', 'organisation', 'tier', 'theme', 'keyword', 'format', 'schema', 'licence', 'modifiedSince', 'sort', 'limit', 'cursor'];
const searchValue = fc.oneof(
  hostileString(),
  fc.constantFrom(
    'open',
    'shared',
    'private',
    'relevance',
    'modified',
    'title',
    'name',
    '2024-05-01',
    '2024-05-01T09:00:00Z',
    '9999-99-99',
    'fuzzorg',
    'environment',
    'CSV',
    '100',
    '1',
    '0',
  ),
);

describe('fuzzing the API query strings', () => {
  it(
    'GET /api/v1/datasets with any parameters',
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(fc.tuple(name(SEARCH_PARAMETERS), searchValue), { maxLength: 6 }), caller(), async (pairs, who) => {
          await get(`/api/v1/datasets${queryString(pairs)}`, who);
        }),
        fuzzParameters(),
      );
      await expectHealthy(w.t);
    },
    timeoutFor(500),
  );

  it(
    'GET on every API path with hostile path segments and parameters',
    async () => {
      const templates = allowedMethods.filter(([, methods]) => methods.includes('GET')).map(([path]) => path);
      const segment = pathSegment([...DATASETS, RESOURCE, 'fuzzorg', 'otherorg', '1', '2', 'air-quality-readings']);
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...templates),
          fc.array(segment, { minLength: 4, maxLength: 4 }),
          fc.array(fc.tuple(name(['limit', 'cursor', 'format', 'version', 'page', 'filename']), hostileString()), { maxLength: 3 }),
          caller(),
          async (template, segments, pairs, who) => {
            let i = 0;
            const path = template.replace(/:[a-z]+/g, () => segments[i++]);
            await get(`${path}${queryString(pairs)}`, who);
          },
        ),
        fuzzParameters(),
      );
      await expectHealthy(w.t);
    },
    timeoutFor(500),
  );

  it(
    'GET rows with any filters, q, sort, fields, cursor, limit, version and total',
    async () => {
      const column = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...COLUMNS, '_id') }, { weight: 1, arbitrary: hostileString(12) });
      const scalar = fc.oneof(
        fc.constantFrom('Camden', '', 'S1', '2024-01-05', '2024-01-05T03:00:00Z', 'true'),
        hostileString(20),
        fc.double(),
        fc.integer(),
        fc.boolean(),
        fc.constant(null),
      );
      const operand = fc.oneof(scalar, fc.array(scalar, { maxLength: 4 }), fc.dictionary(hostileString(6), scalar, { maxKeys: 2 }));
      const condition = fc.oneof(
        scalar,
        fc.array(scalar, { maxLength: 5 }),
        fc.dictionary(fc.oneof(fc.constantFrom('eq', 'in', 'gt', 'gte', 'lt', 'lte'), hostileString(8)), operand, { maxKeys: 3 }),
      );
      const filters = fc.oneof(
        {
          weight: 4,
          arbitrary: fc
            .array(fc.tuple(column, condition), { maxLength: 5 })
            .map((pairs) => `{${pairs.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`).join(',')}}`),
        },
        { weight: 1, arbitrary: hostileJsonText() },
        { weight: 1, arbitrary: hostileString() },
      );
      const sortItem = fc.tuple(column, fc.constantFrom('', ':asc', ':desc', ':DESC', ' desc', ':sideways', '::'));
      const sort = fc.oneof(
        fc.array(sortItem, { maxLength: 5 }).map((items) => items.map(([c, o]) => `${c}${o}`).join(',')),
        fc.array(fc.record({ field: column, order: fc.constantFrom('asc', 'desc', 'up') }), { maxLength: 4 }).map((list) => JSON.stringify(list)),
        hostileString(),
      );
      const fields = fc.oneof(
        fc.array(column, { maxLength: 8 }).map((list) => list.join(',')),
        fc.array(column, { maxLength: 5 }).map((list) => JSON.stringify(list)),
        hostileString(),
      );
      const cursor = fc.oneof(
        fc.constant(() => w.cursor),
        fc.nat(200).map((at) => () => w.cursor.slice(0, at % (w.cursor.length + 1))),
        fc.tuple(fc.nat(400), fc.string({ minLength: 1, maxLength: 3 })).map(
          ([at, s]) =>
            () =>
              `${w.cursor.slice(0, at % w.cursor.length)}${s}${w.cursor.slice((at % w.cursor.length) + 1)}`,
        ),
        hostileString().map((s) => () => s),
        fc.uint8Array({ maxLength: 200 }).map((bytes) => () => Buffer.from(bytes).toString('base64url')),
        hostileJsonText().map((json) => () => Buffer.from(json).toString('base64url')),
      );
      const q = fc.oneof(
        hostileString(),
        fc.array(fc.tuple(column, hostileString(10)), { maxLength: 3 }).map((pairs) => JSON.stringify(Object.fromEntries(pairs))),
      );
      const parameter = fc.oneof(
        { arbitrary: filters.map((v) => ['filters', v] as const), weight: 3 },
        filters.map((v) => ['filters', v] as const),
        q.map((v) => ['q', v] as const),
        sort.map((v) => ['sort', v] as const),
        fields.map((v) => ['fields', v] as const),
        cursor.map((v) => ['cursor', v] as const),
        fc.oneof(hostileString(), fc.constantFrom('1', '100', '1000', '10000', '0')).map((v) => ['limit', v] as const),
        fc.oneof(hostileString(), fc.constantFrom('1', '2', '999999999')).map((v) => ['version', v] as const),
        fc.oneof(hostileString(), fc.constantFrom('auto', 'exact', 'none')).map((v) => ['total', v] as const),
        fc.tuple(hostileString(12), hostileString()),
      );
      await fc.assert(
        // Mostly distinct names (a repeated or unknown parameter is a 400 before any query runs).
        fc.asyncProperty(
          fc.constantFrom(...DATASETS),
          fc.uniqueArray(parameter, { selector: ([k]) => k, maxLength: 4 }),
          caller(),
          async (dataset, parameters, who) => {
            const pairs = parameters.map(([k, v]) => [k, typeof v === 'function' ? v() : v] as [string, string]);
            await get(`/api/v1/datasets/${dataset}/resources/${RESOURCE}/rows${queryString(pairs)}`, who);
          },
        ),
        fuzzParameters(),
      );
      await expectHealthy(w.t);
    },
    timeoutFor(1000),
  );

  it(
    'the web pages a visitor reaches from search (no 5xx; they answer HTML, not the API error shape)',
    async () => {
      const pages = [
        '/',
        '/datasets',
        '/datasets/:x',
        '/datasets/:x/resources/:x/download',
        '/organisations',
        '/organisations/:x',
        '/schemas',
        '/sharing-register',
        '/assets/:x',
        '/catalog/data.json',
        '/catalog.jsonld',
        '/dataset/:x.jsonld',
      ];
      const segment = pathSegment([...DATASETS, RESOURCE, 'fuzzorg', 'otherorg', 'style.css']);
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...pages),
          fc.array(segment, { minLength: 2, maxLength: 2 }),
          fc.array(fc.tuple(name(['q', 'page', 'limit', 'cursor', 'organisation', 'theme', 'tier', 'keyword', 'sort', 'format']), searchValue), {
            maxLength: 5,
          }),
          caller(),
          async (template, segments, pairs, who) => {
            let i = 0;
            const path = `${template.replace(/:x/g, () => segments[i++])}${queryString(pairs)}`;
            fc.pre(sendable(path));
            const response = await withinMs(CASE_MS, `GET ${path}`, w.t.request('GET', path, { token: tokenOf(who) }));
            if (response.status >= 500) throw new Error(`5xx: GET ${path.slice(0, 600)} as ${who} → ${response.status} ${response.text.slice(0, 300)}`);
          },
        ),
        fuzzParameters(),
      );
      await expectHealthy(w.t);
    },
    timeoutFor(500),
  );

  it(
    'GET download with any format and version (a redirect or an error, never a 5xx)',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...DATASETS),
          fc.array(
            fc.tuple(
              name(['format', 'version']),
              fc.oneof(hostileString(), fc.constantFrom('csv', 'json', 'ndjson', 'parquet', 'original', 'xlsx', '1', '2', '0')),
            ),
            { maxLength: 3 },
          ),
          caller(),
          async (dataset, pairs, who) => {
            const response = await get(`/api/v1/datasets/${dataset}/resources/${RESOURCE}/download${queryString(pairs)}`, who);
            if (response.status < 400 && response.status !== 302) throw new Error(`download answered ${response.status}, not a redirect`);
          },
        ),
        fuzzParameters(),
      );
      await expectHealthy(w.t);
    },
    timeoutFor(500),
  );
});

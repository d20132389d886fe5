import fc from 'fast-check';
import { COLUMNS, type FuzzWorld, startFuzzWorld } from './fuzz-fixture';
import {
  contentType,
  expectCkanAnswer,
  expectHealthy,
  fuzzParameters,
  hostileJsonText,
  hostileString,
  queryString,
  sendable,
  timeoutFor,
  withinMs,
  SETUP_MS,
  CASE_MS,
} from './fuzz-support';

/**
 * Property: whatever a CKAN client sends (q, fq, sort, facet.*, rows/start, ids, filters, as a
 * query string, a JSON body, a form or a multipart form), the Action API answers below 500 and
 * always in CKAN's envelope, and the server still answers its health check.
 */
let w: FuzzWorld;
beforeAll(async () => {
  w = await startFuzzWorld();
}, SETUP_MS);
afterAll(() => w?.t.stop());

const ACTIONS = [
  'package_search',
  'package_show',
  'package_list',
  'organization_list',
  'organization_show',
  'resource_show',
  'tag_list',
  'status_show',
  'datastore_search',
  'help_show',
] as const;

/** Solr-ish query fragments: fields, ranges, boolean operators, quotes, escapes. */
const solrTerm = fc.oneof(
  hostileString(30),
  fc.constantFrom(
    'organization:fuzzorg',
    'tags:no2',
    'res_format:CSV',
    'name:fuzz-*',
    'metadata_modified:[2024-01-01T00:00:00Z TO NOW]',
    'num_resources:[1 TO *]',
    '-tags:x',
    '+title:air',
    'groups:environment',
    'license_id:OGL-UK-3.0',
    'title:"air quality"~2',
    'text:(a OR b)',
    '*:*',
    'capacity:public',
    'extras_x:y',
    '{!lucene}x',
    'q.op=AND',
  ),
);
const solrQuery = fc
  .array(fc.tuple(solrTerm, fc.constantFrom(' ', ' AND ', ' OR ', ' NOT ', '')), { maxLength: 4 })
  .map((parts) => parts.map(([t, op]) => `${t}${op}`).join(''));
const ckanSort = fc.oneof(
  hostileString(),
  fc
    .array(
      fc.tuple(
        fc.constantFrom('score', 'name', 'title_string', 'metadata_modified', 'metadata_created', 'views_recent', '__proto__', 'constructor'),
        fc.constantFrom(' asc', ' desc', '', ' sideways'),
      ),
      { maxLength: 3 },
    )
    .map((keys) => keys.map(([f, o]) => `${f}${o}`).join(', ')),
);
const number = fc.oneof(hostileString(10), fc.constantFrom('0', '1', '10', '1000', '-1', '99999999', '1.5'));
const datastoreFilters = fc.oneof(
  fc
    .dictionary(
      fc.oneof(fc.constantFrom(...COLUMNS), hostileString(8)),
      fc.oneof(hostileString(10), fc.array(hostileString(8), { maxLength: 3 }), fc.integer(), fc.constant(null)),
      { maxKeys: 3 },
    )
    .map((o) => JSON.stringify(o)),
  hostileJsonText(),
);

/** Each parameter CKAN's actions read, with values that aim at its parser; plus any name at all. */
const parameter = fc.oneof(
  solrQuery.map((v) => ['q', v] as [string, string]),
  solrQuery.map((v) => ['fq', v] as [string, string]),
  fc.array(solrQuery, { maxLength: 3 }).map((v) => ['fq_list', JSON.stringify(v)] as [string, string]),
  ckanSort.map((v) => ['sort', v] as [string, string]),
  number.map((v) => ['rows', v] as [string, string]),
  number.map((v) => ['start', v] as [string, string]),
  number.map((v) => ['limit', v] as [string, string]),
  number.map((v) => ['offset', v] as [string, string]),
  fc
    .oneof(fc.constantFrom('organization', 'tags', 'res_format', 'license_id', 'groups', '__proto__', 'toString'), hostileString(10))
    .map((v) => ['facet.field', JSON.stringify([v])] as [string, string]),
  fc
    .oneof(hostileString(10), fc.constantFrom('["organization","tags"]', '["__proto__"]', 'organization', '[]', '[1]'))
    .map((v) => ['facet.field', v] as [string, string]),
  number.map((v) => ['facet.limit', v] as [string, string]),
  number.map((v) => ['facet.mincount', v] as [string, string]),
  fc.oneof(hostileString(8), fc.constantFrom('true', 'false')).map((v) => ['facet', v] as [string, string]),
  fc.oneof(hostileString(8), fc.constantFrom('true', 'false')).map((v) => ['include_private', v] as [string, string]),
  fc
    .oneof(
      fc.constantFrom('fuzz-open', 'fuzz-private', 'fuzz-shared', 'fuzzorg', 'otherorg', () => w.resourceId),
      hostileString(40),
    )
    .map((v) => ['id', v] as [string, string | (() => string)]),
  fc
    .oneof(
      fc.constant(() => w.resourceId),
      hostileString(40),
    )
    .map((v) => ['resource_id', v] as [string, string | (() => string)]),
  datastoreFilters.map((v) => ['filters', v] as [string, string]),
  fc
    .oneof(
      hostileString(20),
      fc.array(fc.constantFrom(...COLUMNS, '_id', '__proto__'), { maxLength: 4 }).map((c) => c.join(',')),
    )
    .map((v) => ['fields', v] as [string, string]),
  fc.oneof(hostileString(), hostileJsonText()).map((v) => ['all_fields', v] as [string, string]),
  fc.oneof(fc.constantFrom(...ACTIONS), hostileString(20)).map((v) => ['name', v] as [string, string]),
  fc.tuple(hostileString(15), hostileString()),
);

const pairsOf = (parameters: Array<[string, string | (() => string)]>): Array<[string, string]> =>
  parameters.map(([k, v]) => [k, typeof v === 'function' ? v() : v]);
const actionName = fc.oneof(
  { weight: 9, arbitrary: fc.constantFrom(...ACTIONS) },
  { weight: 1, arbitrary: hostileString(20).map((s) => encodeURIComponent(s.replace(/[\ud800-\udfff]/g, '?')) || 'x') },
);
const token = fc.constantFrom(undefined, 'admin', 'outsider', 'garbage');
const tokenOf = (who: string | undefined) => (who === 'admin' ? w.admin : who === 'outsider' ? w.outsider : who === 'garbage' ? 'not-a-token' : undefined);

describe('fuzzing the CKAN Action API', () => {
  it(
    'GET /api/3/action/{action} with any parameters',
    async () => {
      await fc.assert(
        fc.asyncProperty(actionName, fc.array(parameter, { maxLength: 5 }), token, fc.boolean(), async (action, parameters, who, shortPath) => {
          const path = `${shortPath ? '/api/action' : '/api/3/action'}/${action}${queryString(pairsOf(parameters))}`;
          fc.pre(sendable(path));
          const response = await withinMs(CASE_MS, `GET ${path}`, w.t.request('GET', path, { token: tokenOf(who) }));
          expectCkanAnswer(`GET ${path} as ${who}`, response);
        }),
        fuzzParameters(),
      );
      await expectHealthy(w.t);
    },
    timeoutFor(500),
  );

  it(
    'POST /api/3/action/{action} with a JSON body, a form, a multipart form or anything else',
    async () => {
      const encoding = fc.constantFrom('json', 'json-text', 'form', 'multipart', 'raw');
      await fc.assert(
        fc.asyncProperty(
          actionName,
          fc.array(parameter, { maxLength: 5 }),
          encoding,
          contentType,
          hostileJsonText(),
          token,
          async (action, parameters, how, type, jsonText, who) => {
            const pairs = pairsOf(parameters);
            const path = `/api/3/action/${action}`;
            let rawBody: string | Uint8Array;
            const headers: Record<string, string> = {};
            if (how === 'json') {
              // Built as text so prototype keys stay own keys of the JSON object.
              rawBody = `{${pairs.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`).join(',')}}`;
              headers['content-type'] = 'application/json';
            } else if (how === 'json-text') {
              rawBody = jsonText;
              headers['content-type'] = type;
            } else if (how === 'form') {
              rawBody = new URLSearchParams(pairs).toString();
              headers['content-type'] = 'application/x-www-form-urlencoded';
            } else if (how === 'multipart') {
              const form = new FormData();
              for (const [k, v] of pairs) form.append(k, v);
              form.append('upload', new Blob([jsonText]), 'x.csv');
              const encoded = new Response(form);
              rawBody = new Uint8Array(await encoded.arrayBuffer());
              headers['content-type'] = encoded.headers.get('content-type')!;
            } else {
              rawBody = jsonText;
              if (type !== '') headers['content-type'] = type;
            }
            const response = await withinMs(CASE_MS, `POST ${path}`, w.t.request('POST', path, { token: tokenOf(who), rawBody, headers }));
            expectCkanAnswer(`POST ${path} as ${who} (${how}, ${headers['content-type']}) ${String(rawBody).slice(0, 300)}`, response);
          },
        ),
        fuzzParameters(),
      );
      await expectHealthy(w.t);
    },
    timeoutFor(500),
  );
});

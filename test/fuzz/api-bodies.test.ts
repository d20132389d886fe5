import fc from 'fast-check';
import { allowedMethods } from '../../functions/api/route-table';
import { lastAttemptMessage } from '../../functions/ingest/ingest-failure';
import { DATASETS, type FuzzWorld, RESOURCE, startFuzzWorld } from './fuzz-fixture';
import {
  contentType,
  expectApiAnswer,
  FUZZ_RUNS,
  expectHealthy,
  fuzzParameters,
  hostileJsonObject,
  hostileJsonText,
  hostileString,
  pathSegment,
  sendable,
  timeoutFor,
  withinMs,
  SETUP_MS,
  CASE_MS,
} from './fuzz-support';

/**
 * Property: whatever body (any JSON, prototype keys, deep nesting, not JSON, not UTF-8) and
 * content type a client sends to a write route, the API answers below 500, every error in the
 * one error shape, and the server still answers its health check.
 */
let w: FuzzWorld;
beforeAll(async () => {
  w = await startFuzzWorld();
  const created = await w.t.request('POST', '/api/v1/datasets/fuzz-open/resources', { token: w.admin, body: { name: 'fuzz-upload', title: 'Fuzzed uploads' } });
  if (created.status !== 201) throw new Error(`could not create the upload resource: ${created.status} ${created.text}`);
}, SETUP_MS);

/** Each upload runs a whole ingest: an eighth as many cases. */
const UPLOAD_RUNS = Math.max(5, Math.round(FUZZ_RUNS / 8));
afterAll(() => w?.t.stop());

type Who = 'anonymous' | 'admin' | 'editor' | 'outsider' | 'platform';
const caller = fc.constantFrom<Who>('anonymous', 'admin', 'editor', 'outsider', 'platform');
const tokenOf = (who: Who) => ({ anonymous: undefined, admin: w.admin, editor: w.editor, outsider: w.outsider, platform: w.t.adminToken })[who];

/** The fields each write route reads, so that bodies often get past the first checks. */
const FIELDS = [
  'name',
  'title',
  'description',
  'licence',
  'tier',
  'keywords',
  'themes',
  'updateFrequency',
  'spatialCoverage',
  'contactPoint',
  'organisation',
  'purpose',
  'lawfulBasis',
  'agreementReference',
  'expiresAt',
  'requestedDays',
  'role',
  'label',
  'id',
  'type',
  'filename',
  'bytes',
  'contentType',
  'dataSchema',
  'format',
  'gssCodes',
  'email',
  'reason',
  'temporalCoverage',
  'start',
  'end',
] as const;

const body = fc.oneof(
  { weight: 6, arbitrary: hostileJsonObject(FIELDS).map((text) => Buffer.from(text)) },
  { weight: 2, arbitrary: hostileJsonText().map((text) => Buffer.from(text)) },
  { weight: 1, arbitrary: hostileString(200).map((text) => Buffer.from(text)) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes)) },
);

const send = async (method: string, path: string, who: Who, raw: Buffer, type: string, ifMatch?: string) => {
  fc.pre(sendable(path));
  const headers: Record<string, string> = {};
  if (type !== '') headers['content-type'] = type;
  if (ifMatch !== undefined) headers['if-match'] = ifMatch;
  const response = await withinMs(CASE_MS, `${method} ${path}`, w.t.request(method, path, { token: tokenOf(who), rawBody: raw, headers }));
  expectApiAnswer(`${method} ${path} as ${who} (${type}) ${raw.toString('utf8').slice(0, 300)}`, response);
  return response;
};

describe('fuzzing the API request bodies', () => {
  it(
    'every write route, with any body and content type',
    async () => {
      const writes = allowedMethods.flatMap(([path, methods]) => methods.filter((m) => m !== 'GET').map((m) => [m, path] as const));
      const segment = pathSegment([...DATASETS, RESOURCE, 'fuzzorg', 'otherorg', '1']);
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...writes),
          fc.array(fc.oneof({ weight: 4, arbitrary: fc.constantFrom('fuzz-open', RESOURCE, 'fuzzorg') }, { weight: 1, arbitrary: segment }), {
            minLength: 4,
            maxLength: 4,
          }),
          body,
          fc.oneof({ weight: 4, arbitrary: fc.constant('application/json') }, { weight: 1, arbitrary: contentType }),
          caller,
          fc.option(
            fc.oneof(
              fc.constantFrom('*', '"1"', 'W/"1"', '"999"'),
              hostileString(20).map((s) => s.replace(/[^\x20-\x7e]/g, '?')),
            ),
            { nil: undefined },
          ),
          async ([method, template], segments, raw, type, who, ifMatch) => {
            // Deleting the fixture's datasets would leave nothing to fuzz: deletes aim at a name that never exists.
            if (method === 'DELETE' && template === '/api/v1/datasets/:dataset') segments[0] = 'fuzz-never-created';
            let i = 0;
            const path = template.replace(/:[a-z]+/g, () => segments[i++]);
            await send(method, path, who, raw, type, ifMatch);
          },
        ),
        fuzzParameters(),
      );
      await expectHealthy(w.t);
    },
    timeoutFor(500),
  );

  it(
    'PATCH a dataset with its current ETag and any merge patch',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          hostileJsonObject(FIELDS),
          fc.constantFrom('application/merge-patch+json', 'application/json'),
          fc.constantFrom<Who>('admin', 'editor'),
          async (patch, type, who) => {
            const current = await w.t.request('GET', '/api/v1/datasets/fuzz-open', { token: w.admin });
            const response = await send('PATCH', '/api/v1/datasets/fuzz-open', who, Buffer.from(patch), type, current.headers.get('etag') ?? undefined);
            if (response.status < 300 && response.body.name !== 'fuzz-open') throw new Error(`PATCH renamed the dataset: ${response.text.slice(0, 300)}`);
          },
        ),
        fuzzParameters(),
      );
      await expectHealthy(w.t);
    },
    timeoutFor(500),
  );

  it(
    'direct uploads with any bytes, file name and content type, then the ingest',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            fc.uint8Array({ maxLength: 2000 }).map((b) => Buffer.from(b)),
            hostileJsonText().map((s) => Buffer.from(s)),
            hostileString(500).map((s) => Buffer.from(s)),
          ),
          fc.oneof(fc.constantFrom('data.csv', 'data.json', 'data.ndjson', 'data.geojson', 'data.tsv', 'data.psv', 'data.xlsx', ''), hostileString(30)),
          contentType,
          async (raw, filename, type) => {
            const path = `/api/v1/datasets/fuzz-open/resources/fuzz-upload/data?filename=${encodeURIComponent(filename.replace(/[\ud800-\udfff]/g, '?'))}`;
            const response = await send('PUT', path, 'admin', raw, type);
            await withinMs(CASE_MS, 'ingest', w.t.exchange.ingestIdle());
            if (response.status === 202) {
              const upload = await w.t.request('GET', new URL(response.headers.get('location')!).pathname, { token: w.admin });
              expectApiAnswer('GET the upload', upload);
              // Valid or not, the ingest has finished with it: a file's problems are a report, never a stuck or retried upload,
              // and never the exchange's own failure (what an exception inside the ingest becomes).
              if (upload.body.state !== 'done') throw new Error(`upload left as ${upload.text.slice(0, 300)}`);
              const report = await w.t.request('GET', `/api/v1/datasets/fuzz-open/resources/fuzz-upload/versions/${upload.body.version}/report`, {
                token: w.admin,
              });
              expectApiAnswer('GET the report', report);
              if (report.text.includes(JSON.stringify(lastAttemptMessage()).slice(1, -1))) {
                throw new Error(
                  `the ingest failed for a reason of its own on ${JSON.stringify(raw.toString('latin1').slice(0, 400))} (${filename}, ${type}): ${report.text.slice(0, 400)}`,
                );
              }
            }
          },
        ),
        fuzzParameters(UPLOAD_RUNS),
      );
      await expectHealthy(w.t);
    },
    timeoutFor(3000, UPLOAD_RUNS),
  );
});

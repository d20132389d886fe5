import { DeleteObjectCommand } from '@aws-sdk/client-s3';
import { uploadObjectKey } from '../../functions/domain/uploads';
import { createS3Client } from '../../functions/storage/aws-clients';
import { useLambdaEnvironment } from '../support/lambda-environment';
import { createResource } from '../support/publishing';
import { datasetInput, startTestExchange, type TestExchange } from '../support/test-exchange';

/**
 * The deployed ingest entry point ends every version: an error on the last of the Lambda's three
 * deliveries fails it with a report, and the scheduled sweep fails one whose ingest stopped.
 */
let t: TestExchange;
let handler: (event: unknown) => Promise<{ outcomes: string[] } | { swept: number }>;
let token: string;
let datasetId: string;
let restoreEnvironment: () => void;

beforeAll(async () => {
  t = await startTestExchange({ ingestOnUpload: false });
  // A one-second deadline, so the sweep has something overdue to end without waiting twenty minutes.
  restoreEnvironment = useLambdaEnvironment(t, { LDX_INGEST_DEADLINE_SECONDS: '1' });
  ({ handler } = require('../../functions/ingest/handler'));
  token = await t.organisationWithToken('hackney', 'editor');
  datasetId = (await t.request('POST', '/api/v1/datasets', { token, body: datasetInput('bins') })).body.id;
});
afterAll(async () => {
  restoreEnvironment();
  await t.stop();
});

const s3Event = (key: string) => ({
  Records: [{ eventName: 'ObjectCreated:Put', s3: { bucket: { name: t.exchange.names.uploads }, object: { key } } }],
});

/** A direct upload whose stored object is then deleted: every ingest attempt of it throws. */
const uploadThatWillThrow = async (resource: string): Promise<string> => {
  await createResource(t, token, 'bins', { name: resource });
  const put = await t.request('PUT', `/api/v1/datasets/bins/resources/${resource}/data?filename=a.csv`, {
    token,
    rawBody: 'a\n1\n',
    headers: { 'content-type': 'text/csv' },
  });
  const key = uploadObjectKey(datasetId, resource, put.body.uploadId);
  const s3 = createS3Client(t.exchange.endpoints);
  await s3.send(new DeleteObjectCommand({ Bucket: t.exchange.names.uploads, Key: key }));
  s3.destroy();
  return key;
};

const resourceBody = async (resource: string) => (await t.request('GET', `/api/v1/datasets/bins/resources/${resource}`, { token })).body;

describe('ingest Lambda handler: every version ends', () => {
  it('throws on the first two deliveries (so Lambda retries), and fails the version with a report on the third', async () => {
    const event = s3Event(await uploadThatWillThrow('retried'));
    await expect(handler(event)).rejects.toThrow(/missing/);
    await expect(handler(event)).rejects.toThrow(/missing/);
    expect(await handler(event)).toEqual({ outcomes: ['failed'] });
    expect(await resourceBody('retried')).toMatchObject({ status: 'failed', latestVersion: 1 });
    const report = await t.request('GET', '/api/v1/datasets/bins/resources/retried/versions/1/report', { token });
    expect(report.body).toMatchObject({
      state: 'failed',
      report: { errors: [{ code: 'processing-error', message: expect.stringMatching(/^Processing failed/) }] },
    });
    expect(await handler(event)).toEqual({ outcomes: ['duplicate'] });
  });

  it('the scheduled event sweeps a version whose ingest stopped, once past its deadline', async () => {
    const event = s3Event(await uploadThatWillThrow('stopped'));
    await expect(handler(event)).rejects.toThrow(/missing/); // then no redelivery comes
    await new Promise((resolve) => setTimeout(resolve, 1200));
    const scheduled = {
      version: '0',
      source: 'aws.events',
      'detail-type': 'Scheduled Event',
      detail: {},
      resources: ['arn:aws:events:eu-west-2:123456789012:rule/sweep'],
    };
    expect(await handler(scheduled)).toEqual({ swept: 1 });
    expect(await handler(scheduled)).toEqual({ swept: 0 });
    const versions = (await t.request('GET', '/api/v1/datasets/bins/resources/stopped/versions', { token })).body.results;
    expect(versions).toEqual([expect.objectContaining({ version: 1, state: 'failed', failure: expect.stringMatching(/^Processing did not finish in time/) })]);
  });
});

import { createResource } from '../support/publishing';
import { useLambdaEnvironment } from '../support/lambda-environment';
import { datasetInput, startTestExchange, type TestExchange } from '../support/test-exchange';

/**
 * The deployed ingest entry point, driven by a real-shaped S3 ObjectCreated notification, against
 * the emulators (the SDK is pointed at them only through its standard endpoint variables).
 */
let t: TestExchange;
let handler: (event: unknown) => Promise<{ outcomes: string[] }>;
let token: string;
let restoreEnvironment: () => void;

beforeAll(async () => {
  t = await startTestExchange({ ingestOnUpload: false });
  restoreEnvironment = useLambdaEnvironment(t);
  ({ handler } = require('../../functions/ingest/handler'));
  token = await t.organisationWithToken('tfl', 'editor');
  await t.request('POST', '/api/v1/datasets', { token, body: datasetInput('tube-stations') });
  await createResource(t, token, 'tube-stations', { name: 'stations' });
});
afterAll(async () => {
  restoreEnvironment();
  await t.stop();
});

/** An S3 event notification exactly as S3 delivers it to Lambda (keys URL-encoded). */
const s3Event = (bucket: string, key: string, size: number) => ({
  Records: [
    {
      eventVersion: '2.1',
      eventSource: 'aws:s3',
      awsRegion: 'eu-west-2',
      eventTime: new Date().toISOString(),
      eventName: 'ObjectCreated:Put',
      userIdentity: { principalId: 'AWS:AROAEXAMPLE' },
      requestParameters: { sourceIPAddress: '192.0.2.10' },
      responseElements: { 'x-amz-request-id': 'EXAMPLE', 'x-amz-id-2': 'EXAMPLE' },
      s3: {
        s3SchemaVersion: '1.0',
        configurationId: 'ingest',
        bucket: { name: bucket, ownerIdentity: { principalId: 'EXAMPLE' }, arn: `arn:aws:s3:::${bucket}` },
        object: { key: encodeURIComponent(key).replace(/%2F/g, '/'), size, eTag: '0123456789abcdef', sequencer: '0A1B2C3D4E5F678901' },
      },
    },
  ],
});

describe('ingest Lambda handler', () => {
  it('publishes an uploaded object once, however often the event is delivered', async () => {
    const csv = 'station,zone\nBank,1\nStratford,2\n';
    const started = await t.request('POST', '/api/v1/datasets/tube-stations/resources/stations/uploads', {
      token,
      body: { filename: 'stations.csv', bytes: Buffer.byteLength(csv), contentType: 'text/csv' },
    });
    const put = await fetch(started.body.uploadUrl, { method: 'PUT', headers: started.body.uploadHeaders, body: csv });
    expect(put.status).toBe(200);
    expect((await t.request('GET', '/api/v1/datasets/tube-stations/resources/stations')).body.status).toBe('awaiting-upload');

    const resource = await t.request('GET', '/api/v1/datasets/tube-stations/resources/stations');
    const key = `uploads/${resource.body.datasetId}/stations/${started.body.uploadId}`;
    const event = s3Event(t.exchange.names.uploads, key, Buffer.byteLength(csv));
    expect(await handler(event)).toEqual({ outcomes: ['published'] });
    expect(await handler(event)).toEqual({ outcomes: ['duplicate'] });

    const after = await t.request('GET', '/api/v1/datasets/tube-stations/resources/stations');
    expect(after.body).toMatchObject({ status: 'published', latestVersion: 1, current: { version: 1, rowCount: 2 } });
  });

  it('ignores objects in other buckets and keys that are not uploads', async () => {
    expect(await handler(s3Event('some-other-bucket', 'uploads/x', 1))).toEqual({ outcomes: [] });
    expect(await handler(s3Event(t.exchange.names.uploads, 'uploads/../../etc/passwd', 1))).toEqual({ outcomes: ['ignored'] });
  });
});

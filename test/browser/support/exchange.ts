import { PutBucketCorsCommand } from '@aws-sdk/client-s3';
import { localNames } from '../../../functions/local/local-exchange';
import { createS3Client } from '../../../functions/storage/aws-clients';
import { startTestExchange, type TestExchange } from '../../support/test-exchange';

/**
 * A test exchange whose uploads bucket accepts the browser's presigned PUT from the exchange's
 * origin, as the deployed uploads bucket's CORS rule does (infra/constructs/buckets.ts).
 */
export const startBrowserExchange = async (options: { seed?: boolean } = {}): Promise<TestExchange & { objectStoreOrigin: string }> => {
  const t = await startTestExchange(options);
  const s3 = createS3Client(t.exchange.endpoints);
  await s3.send(
    new PutBucketCorsCommand({
      Bucket: localNames.uploads,
      CORSConfiguration: {
        CORSRules: [{ AllowedOrigins: [t.url], AllowedMethods: ['PUT'], AllowedHeaders: ['*'], ExposeHeaders: ['ETag'], MaxAgeSeconds: 600 }],
      },
    }),
  );
  s3.destroy();
  return { ...t, objectStoreOrigin: new URL(t.exchange.endpoints.s3Endpoint!).origin };
};

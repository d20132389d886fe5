import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { bucketRoles, type BucketRole, publishedCors, uploadsCors } from '../../functions/storage/layout';

/** What a function may do with the objects of one bucket. */
export type ObjectAccess = 'read' | 'put' | 'readPut';

export interface ExchangeBucketsProps {
  /** Origins allowed to PUT to presigned upload URLs from a browser. @default ['*'] */
  readonly uploadCorsOrigins?: string[];
}

/** Settings every bucket shares: private, encrypted, TLS only, retained. */
export const secureDefaults = {
  blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
  encryption: s3.BucketEncryption.S3_MANAGED,
  enforceSSL: true,
  objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
  removalPolicy: RemovalPolicy.RETAIN,
} satisfies s3.BucketProps;

/**
 * The exchange's buckets, one per role in functions/storage/layout.ts (uploads, published),
 * plus a bucket receiving their server access logs.
 */
export class ExchangeBuckets extends Construct {
  readonly byRole: Readonly<Record<BucketRole, s3.Bucket>>;
  readonly accessLogs: s3.Bucket;

  constructor(scope: Construct, id: string, props: ExchangeBucketsProps = {}) {
    super(scope, id);

    // The log target itself needs no logging: cdk-nag S1 recognises it as the destination.
    this.accessLogs = new s3.Bucket(this, 'AccessLogs', {
      ...secureDefaults,
      lifecycleRules: [{ id: 'expire-access-logs', expiration: Duration.days(365) }],
    });

    const byRole = {} as Record<BucketRole, s3.Bucket>;
    for (const role of bucketRoles) {
      byRole[role] = new s3.Bucket(this, capitalise(role), {
        ...secureDefaults,
        versioned: true,
        serverAccessLogsBucket: this.accessLogs,
        serverAccessLogsPrefix: `${role}/`,
        ...(role === 'uploads' ? uploadsOnly(props.uploadCorsOrigins ?? ['*']) : publishedOnly()),
      });
    }
    this.byRole = byRole;
  }

  get uploads(): s3.Bucket {
    return this.byRole.uploads;
  }

  get published(): s3.Bucket {
    return this.byRole.published;
  }

  /**
   * Grants object access to one role's bucket with explicit actions (see grantBucketObjects).
   */
  grantObjects(role: BucketRole, grantee: iam.IGrantable, access: ObjectAccess): void {
    grantBucketObjects(this.byRole[role], grantee, access, `the ${role} bucket are created at run time (dataset/resource/version)`);
  }

  /** Grants access to one object of one role's bucket, whose key is known at deploy time (see grantBucketObject). */
  grantObject(role: BucketRole, grantee: iam.IGrantable, access: ObjectAccess, key: string): void {
    grantBucketObject(this.byRole[role], grantee, access, key);
  }
}

/**
 * Grants object access with explicit actions (no `s3:GetObject*`-style action wildcards).
 * Object keys are made at run time, so the resource must be `bucket/*`; the cdk-nag IAM5
 * finding for exactly that ARN is acknowledged on the grantee's role, with `whyRunTimeKeys`
 * ("Object keys in …") as the reason.
 */
export function grantBucketObjects(bucket: s3.IBucket, grantee: iam.IGrantable, access: ObjectAccess, whyRunTimeKeys: string): void {
  const objectActions = grantObjectActions(bucket, grantee, access, '*');

  const principal = grantee.grantPrincipal;
  if (principal instanceof Construct) {
    const logicalId = Stack.of(bucket).getLogicalId(bucket.node.defaultChild as s3.CfnBucket);
    Validations.of(principal).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${logicalId}.Arn>/*]`,
      reason:
        `Object keys in ${whyRunTimeKeys}, ` +
        `so ${objectActions.join(', ')} must apply to that one bucket's objects (bucket/*); ` +
        'no other bucket and no wildcard action is granted.',
    });
  }
}

/**
 * Grants access to exactly one object (`bucket/key`), so no wildcard resource and no cdk-nag
 * acknowledgement; a key with `*` is refused here, since it would need grantBucketObjects' reason.
 */
export function grantBucketObject(bucket: s3.IBucket, grantee: iam.IGrantable, access: ObjectAccess, key: string): void {
  if (key.includes('*') || key === '') throw new Error(`grantBucketObject needs one exact object key, not ${JSON.stringify(key)}`);
  grantObjectActions(bucket, grantee, access, key);
}

/** The object actions of `access` on `bucket/keyPattern`; returns them. */
function grantObjectActions(bucket: s3.IBucket, grantee: iam.IGrantable, access: ObjectAccess, keyPattern: string): string[] {
  const read = access !== 'put';
  const put = access !== 'read';
  const objectActions = [...(read ? ['s3:GetObject'] : []), ...(put ? ['s3:PutObject', 's3:AbortMultipartUpload'] : [])];
  iam.Grant.addToPrincipal({ grantee, actions: objectActions, resourceArns: [bucket.arnForObjects(keyPattern)] });
  if (read) {
    // Without ListBucket a missing key answers 403 instead of 404 (NoSuchKey). It stays on the whole
    // bucket (key names, never contents): AWS does not document whether an s3:prefix condition applies
    // to that check, and if it did not, a missing object would be AccessDenied instead of a 404.
    iam.Grant.addToPrincipal({ grantee, actions: ['s3:ListBucket'], resourceArns: [bucket.bucketArn] });
  }
  return objectActions;
}

/** Pages on other sites follow download redirects to presigned links here (see publishedCors). */
function publishedOnly(): Partial<s3.BucketProps> {
  return {
    cors: [
      {
        allowedMethods: publishedCors.allowedMethods.map((method) => s3.HttpMethods[method]),
        allowedOrigins: ['*'],
        allowedHeaders: [...publishedCors.allowedHeaders],
        exposedHeaders: [...publishedCors.exposedHeaders],
        maxAge: publishedCors.maxAgeSeconds,
      },
    ],
  };
}

/** Browser uploads to presigned URLs, and clean-up of abandoned multipart uploads and old versions. */
function uploadsOnly(corsOrigins: string[]): Partial<s3.BucketProps> {
  return {
    cors: [
      {
        allowedMethods: uploadsCors.allowedMethods.map((method) => s3.HttpMethods[method]),
        allowedOrigins: corsOrigins,
        allowedHeaders: [...uploadsCors.allowedHeaders],
        exposedHeaders: [...uploadsCors.exposedHeaders],
        maxAge: uploadsCors.maxAgeSeconds,
      },
    ],
    lifecycleRules: [
      {
        id: 'clean-up-uploads',
        abortIncompleteMultipartUploadAfter: Duration.days(7),
        noncurrentVersionExpiration: Duration.days(30),
      },
    ],
  };
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

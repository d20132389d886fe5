import { Duration, Fn, Validations } from 'aws-cdk-lib';
import type * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import { Construct } from 'constructs';
import { PUBLIC_MAX_AGE_SECONDS } from '../../functions/web/http-caching';

export interface ExchangeEdgeProps {
  /** The HTTP API the distribution sits in front of (its $default stage). */
  readonly httpApi: apigw.IHttpApi;
}

/**
 * CloudFront in front of the HTTP API: TLS, HTTP/2 and HTTP/3 and compression at the edge, and
 * a short-lived shared cache for anonymous public GETs. Nothing here costs anything while idle.
 *
 * What is stored is decided by the exchange itself through Cache-Control (functions/web/http-caching.ts):
 * anonymous successful answers are `public, max-age=60`, anything asked with a token or a session
 * cookie is `private, no-store`, downloads (presigned redirects) and errors `no-store`. The
 * policy's default TTL is 0, so an answer without Cache-Control is never stored either.
 *
 * The cache key holds what answers vary by: the whole query string, Accept (content negotiation),
 * the Authorization header and the ldx_session cookie. CloudFront forwards Authorization on GET
 * only when it is in the key; keyed so, a request with a token can never be answered from an
 * anonymous copy, and the origin's `private, no-store` means no copy is ever kept for a token.
 */
export class ExchangeEdge extends Construct {
  readonly distribution: cloudfront.Distribution;
  readonly cachePolicy: cloudfront.CachePolicy;

  constructor(scope: Construct, id: string, props: ExchangeEdgeProps) {
    super(scope, id);
    // apiEndpoint is https://{id}.execute-api.{region}.amazonaws.com: the origin takes the host.
    const apiHost = Fn.select(2, Fn.split('/', props.httpApi.apiEndpoint));
    this.cachePolicy = new cloudfront.CachePolicy(this, 'CachePolicy', {
      comment: 'London Data Exchange: anonymous GETs for as long as the exchange says (Cache-Control), nothing by default',
      defaultTtl: Duration.seconds(0),
      minTtl: Duration.seconds(0),
      maxTtl: Duration.seconds(PUBLIC_MAX_AGE_SECONDS),
      queryStringBehavior: cloudfront.CacheQueryStringBehavior.all(),
      headerBehavior: cloudfront.CacheHeaderBehavior.allowList('Authorization', 'Accept'),
      cookieBehavior: cloudfront.CacheCookieBehavior.allowList('ldx_session'),
      enableAcceptEncodingGzip: true,
      enableAcceptEncodingBrotli: true,
    });
    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: 'London Data Exchange: pages, API and feeds',
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      priceClass: cloudfront.PriceClass.PRICE_CLASS_100,
      defaultBehavior: {
        origin: new origins.HttpOrigin(apiHost, {
          protocolPolicy: cloudfront.OriginProtocolPolicy.HTTPS_ONLY,
          originSslProtocols: [cloudfront.OriginSslPolicy.TLS_V1_2],
        }),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
        cachedMethods: cloudfront.CachedMethods.CACHE_GET_HEAD,
        compress: true,
        cachePolicy: this.cachePolicy,
        // Everything else the viewer sent (forms' Content-Type and Origin, If-None-Match…), but
        // not Host: API Gateway answers to its own name.
        originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
      },
    });
    Validations.of(this.distribution).acknowledge(
      {
        id: 'AwsSolutions-CFR1',
        reason:
          'No geo restriction: the exchange publishes open data for anyone anywhere; who may read shared or private data is decided per request by the tier policy, not by country.',
      },
      {
        id: 'AwsSolutions-CFR2',
        reason:
          'No WAF web ACL: a web ACL is billed every month whether or not anyone calls, against the no-idle-cost design; the HTTP API stage throttles (ExchangeApi) and the exchange caps bodies and query sizes itself.',
      },
      {
        id: 'AwsSolutions-CFR3',
        reason:
          'No CloudFront access logs: every request that reaches the exchange is in the API stage access log and the exchange log line; edge cache hits are anonymous public reads, counted in the distribution metrics.',
      },
      {
        id: 'AwsSolutions-CFR4',
        reason:
          'The distribution uses the default *.cloudfront.net certificate, for which CloudFront fixes the viewer TLS policy; a custom domain with its own certificate (and TLSv1.2_2021) is a deploy-time choice outside this stack.',
      },
    );
  }

  /** The distribution's https URL (ends with `/`, like the API's). */
  get url(): string {
    return `https://${this.distribution.distributionDomainName}/`;
  }
}

import { Match, type Template } from 'aws-cdk-lib/assertions';
import { PUBLIC_MAX_AGE_SECONDS } from '../../functions/web/http-caching';
import { exchangeTemplate, onlyResource } from './helpers';

/** CloudFront in front of the HTTP API: what it caches, what it keys on and what it forwards. */
let template: Template;
let distribution: Record<string, any>;
let cachePolicy: Record<string, any>;

beforeAll(() => {
  template = exchangeTemplate();
  distribution = onlyResource(template, 'AWS::CloudFront::Distribution')[1].Properties.DistributionConfig;
  cachePolicy = onlyResource(template, 'AWS::CloudFront::CachePolicy')[1].Properties.CachePolicyConfig;
});

test('one distribution over the HTTP API: HTTPS to viewers and origin, HTTP/2 and 3, compression, every method', () => {
  const [apiId] = Object.keys(template.findResources('AWS::ApiGatewayV2::Api'));
  expect(distribution.HttpVersion).toBe('http2and3');
  expect(distribution.Enabled).toBe(true);
  expect(distribution.Origins).toHaveLength(1);
  const [origin] = distribution.Origins;
  expect(origin.CustomOriginConfig).toMatchObject({ OriginProtocolPolicy: 'https-only', OriginSSLProtocols: ['TLSv1.2'] });
  // The origin is the API's own host, taken from its endpoint.
  expect(JSON.stringify(origin.DomainName)).toContain(apiId);
  expect(distribution.DefaultCacheBehavior).toMatchObject({
    ViewerProtocolPolicy: 'redirect-to-https',
    Compress: true,
    AllowedMethods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE'],
    CachedMethods: ['GET', 'HEAD'],
  });
  expect(distribution.CacheBehaviors).toBeUndefined();
});

test('nothing is stored unless the exchange says so, and then for at most its public max-age', () => {
  expect(cachePolicy.DefaultTTL).toBe(0);
  expect(cachePolicy.MinTTL).toBe(0);
  expect(cachePolicy.MaxTTL).toBe(PUBLIC_MAX_AGE_SECONDS);
});

test('the cache key holds what answers vary by: query string, Accept, the token and the session cookie', () => {
  const key = cachePolicy.ParametersInCacheKeyAndForwardedToOrigin;
  expect(key.QueryStringsConfig).toEqual({ QueryStringBehavior: 'all' });
  expect(key.HeadersConfig).toEqual({ HeaderBehavior: 'whitelist', Headers: ['Authorization', 'Accept'] });
  expect(key.CookiesConfig).toEqual({ CookieBehavior: 'whitelist', Cookies: ['ldx_session'] });
  expect(key).toMatchObject({ EnableAcceptEncodingGzip: true, EnableAcceptEncodingBrotli: true });
});

test('everything else the viewer sends reaches the origin, except Host', () => {
  // The managed AllViewerExceptHostHeader origin request policy.
  expect(distribution.DefaultCacheBehavior.OriginRequestPolicyId).toBe('b689b0a8-53d0-40ab-baf2-68738e2966ac');
});

test('the stack outputs the edge URL', () => {
  template.hasOutput('EdgeUrl', { Value: Match.objectLike({ 'Fn::Join': Match.anyValue() }) });
});

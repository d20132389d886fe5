/** A real-shaped API Gateway HTTP API (payload format 2.0) event, as Lambda receives it. */
export const httpApiEvent = (method: string, pathWithQuery: string, options: { headers?: Record<string, string>; body?: string; base64?: boolean } = {}) => {
  const [rawPath, rawQueryString = ''] = pathWithQuery.split('?');
  const headers = { host: 'abc123.execute-api.eu-west-2.amazonaws.com', 'user-agent': 'jest', 'x-forwarded-proto': 'https', ...options.headers };
  const queryStringParameters = rawQueryString ? Object.fromEntries(new URLSearchParams(rawQueryString)) : undefined;
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath,
    rawQueryString,
    cookies: undefined,
    headers,
    queryStringParameters,
    requestContext: {
      accountId: '123456789012',
      apiId: 'abc123',
      domainName: headers.host,
      domainPrefix: 'abc123',
      http: { method, path: rawPath, protocol: 'HTTP/1.1', sourceIp: '192.0.2.10', userAgent: 'jest' },
      requestId: `req-${Math.random().toString(36).slice(2)}`,
      routeKey: '$default',
      stage: '$default',
      time: '22/Nov/2026:12:00:00 +0000',
      timeEpoch: Date.now(),
    },
    body: options.body === undefined ? undefined : options.base64 ? Buffer.from(options.body).toString('base64') : options.body,
    isBase64Encoded: options.base64 ?? false,
  };
};

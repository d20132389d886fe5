import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';

/**
 * An OpenID provider that misbehaves on request, for the tests that the exchange refuses it. A
 * certified provider cannot be made to sign for the wrong audience or send an expired token, so
 * this one is written here: discovery, keys, an authorization endpoint that sends the browser
 * straight back, and a token endpoint whose ID token is broken in the way `mode` says. In mode
 * `good` it behaves, so each test can show the harness succeeds when nothing is wrong.
 */
export type Misbehaviour =
  | 'good'
  | 'wrong-issuer'
  | 'wrong-audience'
  | 'expired'
  | 'unsigned'
  | 'wrong-key'
  | 'wrong-nonce'
  | 'no-nonce'
  | 'missing-state'
  | 'wrong-state'
  | 'discovery-issuer-mismatch';

export interface MisbehavingProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  mode: Misbehaviour;
  stop: () => Promise<void>;
}

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

export const startMisbehavingProvider = async (): Promise<MisbehavingProvider> => {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const other = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', use: 'sig', alg: 'RS256' };
  const codes = new Map<string, { nonce: string; used: boolean }>();
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://localhost:${(server.address() as AddressInfo).port}`;
  const provider: MisbehavingProvider = { issuer, clientId: 'ldx-test-client', clientSecret: 'a-test-secret', mode: 'good', stop: async () => {} };

  const idToken = async (nonce: string): Promise<string> => {
    const mode = provider.mode;
    const now = Math.floor(Date.now() / 1000);
    const claims = {
      sub: 'rogue-subject',
      email: 'someone@example.org',
      email_verified: true,
      name: 'Someone',
      ...(mode === 'no-nonce' ? {} : { nonce: mode === 'wrong-nonce' ? 'not-the-nonce' : nonce }),
    };
    if (mode === 'unsigned') {
      return `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ ...claims, iss: issuer, aud: provider.clientId, iat: now, exp: now + 300 })}.`;
    }
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setIssuer(mode === 'wrong-issuer' ? 'https://login.example.net/other-tenant' : issuer)
      .setAudience(mode === 'wrong-audience' ? 'some-other-client' : provider.clientId)
      .setIssuedAt(mode === 'expired' ? now - 7200 : now)
      .setExpirationTime(mode === 'expired' ? now - 3600 : now + 300)
      .sign(mode === 'wrong-key' ? other.privateKey : privateKey);
  };

  server.on('request', (request, response) => {
    void (async () => {
      const url = new URL(request.url ?? '/', issuer);
      const json = (status: number, body: object) => {
        response.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
        response.end(JSON.stringify(body));
      };
      if (url.pathname === '/.well-known/openid-configuration') {
        return json(200, {
          issuer: provider.mode === 'discovery-issuer-mismatch' ? 'https://login.example.net/other-tenant' : issuer,
          authorization_endpoint: `${issuer}/authorize`,
          token_endpoint: `${issuer}/token`,
          jwks_uri: `${issuer}/jwks`,
          response_types_supported: ['code'],
          subject_types_supported: ['public'],
          id_token_signing_alg_values_supported: ['RS256'],
          code_challenge_methods_supported: ['S256'],
          token_endpoint_auth_methods_supported: ['client_secret_basic'],
        });
      }
      if (url.pathname === '/jwks') return json(200, { keys: [jwk] });
      if (url.pathname === '/authorize') {
        const code = `code-${codes.size + 1}`;
        codes.set(code, { nonce: url.searchParams.get('nonce') ?? '', used: false });
        const back = new URL(url.searchParams.get('redirect_uri') ?? '');
        back.searchParams.set('code', code);
        if (provider.mode !== 'missing-state')
          back.searchParams.set('state', provider.mode === 'wrong-state' ? 'not-the-state' : (url.searchParams.get('state') ?? ''));
        response.writeHead(302, { location: back.href });
        return response.end();
      }
      if (url.pathname === '/token' && request.method === 'POST') {
        let body = '';
        for await (const chunk of request) body += chunk;
        const form = new URLSearchParams(body);
        const issued = codes.get(form.get('code') ?? '');
        if (!issued || issued.used) return json(400, { error: 'invalid_grant', error_description: 'unknown or used code' });
        issued.used = true;
        return json(200, { access_token: 'opaque', token_type: 'Bearer', expires_in: 300, id_token: await idToken(issued.nonce) });
      }
      response.writeHead(404);
      response.end();
    })();
  });
  provider.stop = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return provider;
};

import { generateKeyPairSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LOCAL_PASSWORD, seededPeople, seededPersonByEmail } from './seeded-people';
import { loginPage } from './login-page';

/** What the exchange needs to know of the local provider. */
export interface LocalProviderInfo {
  issuer: string;
  clientId: string;
  clientSecret: string;
}

export interface LocalProviderOptions {
  /** 0 picks a free port. */
  port: number;
  /** Where the provider sends people back to: the exchange's callback URL. */
  redirectUri: string;
  clientSecret: string;
}

export const LOCAL_CLIENT_ID = 'london-data-exchange';

/** What loadExistingGrant reads of oidc-provider's request context. */
interface ProviderGrant {
  addOIDCScope(scope: string): void;
  save(): Promise<string>;
}
interface GrantContext {
  oidc: {
    result?: { consent?: { grantId?: string } };
    session: { accountId: string; grantIdFor(clientId: string): string | undefined };
    client: { clientId: string };
    provider: { Grant: { new (init: { clientId: string; accountId: string }): ProviderGrant; find(id: string): Promise<ProviderGrant | undefined> } };
  };
}

const readForm = async (request: IncomingMessage): Promise<URLSearchParams> => {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > 16_384) throw new Error('form too large');
    chunks.push(chunk as Buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
};

const samePassword = (sent: string): boolean => {
  const a = Buffer.from(sent);
  const b = Buffer.from(LOCAL_PASSWORD);
  return a.length === b.length && timingSafeEqual(a, b);
};

/**
 * A real, certified OpenID provider (oidc-provider) for local mode and the tests: authorization
 * code flow with PKCE required, signed RS256 ID tokens, the seeded people as its accounts and its
 * own sign-in page. It stands where an organisation's Entra ID would be, on its own port, and
 * the exchange talks to it with exactly the client code it uses in AWS.
 */
export const startLocalProvider = async (options: LocalProviderOptions): Promise<{ server: Server; info: LocalProviderInfo }> => {
  // oidc-provider ships ES modules only; this file runs under tsx, which loads them.
  const { default: Provider } = await import('oidc-provider');
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(options.port, '127.0.0.1', resolve));
  const issuer = `http://localhost:${(server.address() as AddressInfo).port}`;
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const signingKey = { ...privateKey.export({ format: 'jwk' }), kid: randomBytes(8).toString('hex'), use: 'sig', alg: 'RS256' };

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: LOCAL_CLIENT_ID,
        client_secret: options.clientSecret,
        redirect_uris: [options.redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
        id_token_signed_response_alg: 'RS256',
      },
    ],
    jwks: { keys: [signingKey as never] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    pkce: { required: () => true },
    // Email and name go in the ID token itself: the exchange reads no userinfo endpoint.
    conformIdTokenClaims: false,
    ttl: { Interaction: 600, Session: 8 * 3600, Grant: 8 * 3600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    findAccount: async (_ctx: unknown, sub: string) => {
      const person = seededPeople.find((p) => p.subject === sub);
      if (!person) return undefined;
      return { accountId: sub, claims: async () => ({ sub, email: person.email, email_verified: true, name: person.name }) };
    },
    // The exchange is a first-party client: no consent screen, the requested OpenID scopes are granted.
    loadExistingGrant: async (ctx: GrantContext) => {
      const existing = ctx.oidc.result?.consent?.grantId ?? ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
      if (existing) return ctx.oidc.provider.Grant.find(existing);
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
      grant.addOIDCScope('openid email profile');
      await grant.save();
      return grant;
    },
  } as never);
  const callback = provider.callback();

  const interaction = async (request: IncomingMessage, response: ServerResponse, uid: string): Promise<void> => {
    const details = await provider.interactionDetails(request, response);
    if (details.uid !== uid) throw new Error('interaction mismatch');
    if (request.method === 'GET') {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      response.end(loginPage({ action: `/interaction/${uid}`, people: seededPeople }));
      return;
    }
    const form = await readForm(request);
    const person = seededPersonByEmail(form.get('email') ?? '');
    if (!person || !samePassword(form.get('password') ?? '')) {
      response.writeHead(401, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      response.end(loginPage({ action: `/interaction/${uid}`, people: seededPeople, error: 'That email address and password do not match a local account.' }));
      return;
    }
    await provider.interactionFinished(request, response, { login: { accountId: person.subject } }, { mergeWithLastSubmission: false });
  };

  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    const match = /^\/interaction\/([A-Za-z0-9_-]+)$/.exec((request.url ?? '').split('?')[0]);
    if (!match) return callback(request, response);
    interaction(request, response, match[1]).catch(() => {
      if (!response.headersSent) response.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' });
      response.end('This sign-in has expired. Go back to the London Data Exchange and start again.');
    });
  });
  return { server, info: { issuer, clientId: LOCAL_CLIENT_ID, clientSecret: options.clientSecret } };
};

import type * as Oidc from 'openid-client';
import { outboundFetchFor } from './outbound-adapter';
import { type IdentityProviderConfig, readClientSecret } from './provider-config';

/**
 * The exchange as an OpenID Connect client of each organisation's provider, with openid-client:
 * authorization code flow, PKCE (S256), `state` and `nonce`. The ID token's issuer, audience,
 * expiry, nonce and signature (against the provider's published keys) are all checked: the
 * signature too, although the token came straight from the token endpoint over TLS, because a
 * person's identity is what every later audit entry rests on. The same code runs locally
 * (against the local provider) and in AWS.
 */

/** What a successful sign-in proves about a person. */
export interface VerifiedIdentity {
  issuer: string;
  subject: string;
  email?: string;
  emailVerified: boolean;
  name?: string;
}

/** What the callback needs to finish a sign-in it started: kept server-side until the provider sends the person back. */
export interface SignInChecks {
  state: string;
  nonce: string;
  codeVerifier: string;
}

// openid-client (and jose beneath it) is loaded by the first sign-in, not at every cold start of the API.
const openidClient = (): typeof Oidc => require('openid-client') as typeof Oidc;

/** Provider metadata and keys are fetched once per process and kept this long. */
const CONFIGURATION_TTL_MS = 60 * 60_000;
const configurations = new Map<string, { at: number; configuration: Promise<Oidc.Configuration> }>();

const configure = async (provider: IdentityProviderConfig): Promise<Oidc.Configuration> => {
  const oidc = openidClient();
  const secret = await readClientSecret(provider.clientSecret);
  const customFetch = outboundFetchFor(provider.allowHost);
  const execute = [oidc.enableNonRepudiationChecks, ...(provider.allowHost ? [oidc.allowInsecureRequests] : [])];
  const configuration = await oidc.discovery(
    new URL(provider.issuer),
    provider.clientId,
    { id_token_signed_response_alg: 'RS256' },
    oidc.ClientSecretBasic(secret),
    { [oidc.customFetch]: customFetch, execute },
  );
  configuration[oidc.customFetch] = customFetch;
  return configuration;
};

/** The client configuration for a provider (discovery made once; a failed one is tried again next time). */
const configurationFor = (provider: IdentityProviderConfig): Promise<Oidc.Configuration> => {
  const key = `${provider.id}\u0000${provider.issuer}\u0000${provider.clientId}`;
  const cached = configurations.get(key);
  if (cached && Date.now() - cached.at < CONFIGURATION_TTL_MS) return cached.configuration;
  const configuration = configure(provider);
  configurations.set(key, { at: Date.now(), configuration });
  configuration.catch(() => configurations.delete(key));
  return configuration;
};

/** Where to send the browser, and the checks to keep for the callback. */
export const beginSignIn = async (provider: IdentityProviderConfig, redirectUri: string): Promise<{ url: URL; checks: SignInChecks }> => {
  const configuration = await configurationFor(provider);
  const oidc = openidClient();
  const checks: SignInChecks = { state: oidc.randomState(), nonce: oidc.randomNonce(), codeVerifier: oidc.randomPKCECodeVerifier() };
  const url = oidc.buildAuthorizationUrl(configuration, {
    redirect_uri: redirectUri,
    scope: 'openid email profile',
    response_type: 'code',
    code_challenge: await oidc.calculatePKCECodeChallenge(checks.codeVerifier),
    code_challenge_method: 'S256',
    state: checks.state,
    nonce: checks.nonce,
  });
  return { url, checks };
};

/** Thrown when the provider's answer does not prove who the person is; the message is for the log, not the person. */
export class SignInRefused extends Error {}

/**
 * Exchanges the code for tokens and checks the ID token. Anything amiss (the provider's error,
 * a missing or different state, a replayed code, a token from another issuer or for another
 * client, expired, unsigned or wrongly signed, the wrong nonce) is a SignInRefused.
 */
export const finishSignIn = async (provider: IdentityProviderConfig, callbackUrl: URL, checks: SignInChecks): Promise<VerifiedIdentity> => {
  const configuration = await configurationFor(provider);
  let claims: Oidc.IDToken | undefined;
  try {
    const tokens = await openidClient().authorizationCodeGrant(configuration, callbackUrl, {
      pkceCodeVerifier: checks.codeVerifier,
      expectedState: checks.state,
      expectedNonce: checks.nonce,
      idTokenExpected: true,
    });
    claims = tokens.claims();
  } catch (error) {
    throw new SignInRefused(`${provider.id}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  if (!claims || typeof claims.sub !== 'string' || !claims.sub) throw new SignInRefused(`${provider.id}: the ID token names no subject`);
  return {
    issuer: claims.iss,
    subject: claims.sub,
    ...(typeof claims.email === 'string' ? { email: claims.email.toLowerCase() } : {}),
    emailVerified: claims.email_verified === true || (provider.trustEmail === true && typeof claims.email === 'string'),
    ...(typeof claims.name === 'string' ? { name: claims.name } : {}),
  };
};

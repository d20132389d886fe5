import { readFileSync } from 'node:fs';
import type * as SecretsManager from '@aws-sdk/client-secrets-manager';
import { type Role, roles } from '../domain/caller';

/**
 * The identity providers people sign in with, one entry per provider, each naming the
 * organisations whose staff it signs in. The same shape locally and in AWS:
 * `LDX_IDENTITY_PROVIDERS` holds the JSON array (the CDK stack sets it from its context), and
 * each client secret is read at run time from where the entry says: AWS Secrets Manager in AWS,
 * an environment variable or a file locally; never from the template.
 */
export type SecretSource = { secretsManager: string } | { env: string } | { file: string };

export interface AutoJoinRule {
  organisation: string;
  /** A verified email address at exactly this domain joins the organisation on first sign-in. */
  emailDomain: string;
  role: Role;
}

export interface IdentityProviderConfig {
  /** Short id, used in URLs: `/publish/sign-in/oidc/{id}`. */
  id: string;
  /** Shown on the sign-in button: "Sign in with …". */
  name: string;
  issuer: string;
  clientId: string;
  clientSecret: SecretSource;
  /** Organisations whose people sign in through this provider (auto-join may only name these). */
  organisations: string[];
  autoJoin?: AutoJoinRule[];
  /** host:port exempt from the outbound address check: only the local provider, on loopback. */
  allowHost?: string;
  /**
   * Treat the `email` claim as verified although the provider sends no `email_verified` (Microsoft
   * Entra ID does not): only for a provider whose addresses come from its own verified domains.
   */
  trustEmail?: boolean;
}

export const IDENTITY_PROVIDERS_ENV = 'LDX_IDENTITY_PROVIDERS';

const ID_SHAPE = /^[a-z0-9][a-z0-9-]{0,39}$/;
const DOMAIN_SHAPE = /^[a-z0-9-]+(\.[a-z0-9-]+)+$/;

const fail = (message: string): never => {
  throw new Error(`${IDENTITY_PROVIDERS_ENV}: ${message}`);
};

const secretSourceOf = (value: unknown, where: string): SecretSource => {
  const source = (value ?? {}) as Record<string, unknown>;
  if (typeof source.secretsManager === 'string') return { secretsManager: source.secretsManager };
  if (typeof source.env === 'string') return { env: source.env };
  if (typeof source.file === 'string') return { file: source.file };
  return fail(`${where}.clientSecret must be {"secretsManager": arn} or, locally, {"env": name} or {"file": path}`);
};

/** Checks one entry thoroughly at start-up: a misconfigured provider is a deployment error, not a sign-in error. */
export const parseProviderConfig = (value: unknown, index: number): IdentityProviderConfig => {
  const where = `entry ${index}`;
  const entry = (value ?? {}) as Record<string, unknown>;
  const text = (name: string): string => (typeof entry[name] === 'string' && entry[name] ? (entry[name] as string) : fail(`${where}.${name} is required`));
  const id = text('id');
  if (!ID_SHAPE.test(id)) fail(`${where}.id must be lower-case letters, digits and hyphens`);
  const issuer = text('issuer');
  const issuerUrl = URL.canParse(issuer) ? new URL(issuer) : fail(`${where}.issuer must be a URL`);
  if (issuerUrl.protocol !== 'https:' && entry.allowHost === undefined) fail(`${where}.issuer must be https`);
  const organisations = Array.isArray(entry.organisations) ? entry.organisations.filter((o): o is string => typeof o === 'string') : [];
  if (organisations.length === 0) fail(`${where}.organisations must list at least one organisation id`);
  const autoJoin = (Array.isArray(entry.autoJoin) ? entry.autoJoin : []).map((rule: Record<string, unknown>, i: number): AutoJoinRule => {
    const organisation = String(rule?.organisation ?? '');
    const emailDomain = String(rule?.emailDomain ?? '').toLowerCase();
    const role = String(rule?.role ?? '') as Role;
    if (!organisations.includes(organisation)) fail(`${where}.autoJoin[${i}].organisation must be one of the provider's organisations`);
    if (!DOMAIN_SHAPE.test(emailDomain)) fail(`${where}.autoJoin[${i}].emailDomain must be a domain such as camden.gov.uk`);
    if (!roles.includes(role)) fail(`${where}.autoJoin[${i}].role must be viewer, editor or admin`);
    return { organisation, emailDomain, role };
  });
  return {
    id,
    name: text('name'),
    issuer,
    clientId: text('clientId'),
    clientSecret: secretSourceOf(entry.clientSecret, where),
    organisations,
    ...(autoJoin.length ? { autoJoin } : {}),
    ...(typeof entry.allowHost === 'string' ? { allowHost: entry.allowHost } : {}),
    ...(entry.trustEmail === true ? { trustEmail: true } : {}),
  };
};

/** The providers from the environment (none: people cannot sign in, only tokens can). */
export const providersFromEnvironment = (env: NodeJS.ProcessEnv = process.env): IdentityProviderConfig[] => {
  const raw = env[IDENTITY_PROVIDERS_ENV];
  if (!raw) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return fail('is not JSON');
  }
  if (!Array.isArray(parsed)) fail('must be a JSON array');
  const providers = (parsed as unknown[]).map(parseProviderConfig);
  const ids = new Set(providers.map((p) => p.id));
  if (ids.size !== providers.length) fail('two entries have the same id');
  return providers;
};

let secretsClient: SecretsManager.SecretsManagerClient | undefined;

/** Reads a client secret where its entry says. In Lambda, from Secrets Manager (the stack grants read on exactly these secrets). */
export const readClientSecret = async (source: SecretSource, env: NodeJS.ProcessEnv = process.env): Promise<string> => {
  if ('env' in source) return env[source.env] ?? fail(`the environment variable ${source.env} holding a client secret is not set`);
  if ('file' in source) return readFileSync(source.file, 'utf8').trim();
  // Loaded by the first sign-in that needs a secret: the client stays out of the API's cold start.
  const { GetSecretValueCommand, SecretsManagerClient } = require('@aws-sdk/client-secrets-manager') as typeof SecretsManager;
  secretsClient ??= new SecretsManagerClient({});
  const answer = await secretsClient.send(new GetSecretValueCommand({ SecretId: source.secretsManager }));
  return answer.SecretString ?? fail(`the secret ${source.secretsManager} holds no string`);
};

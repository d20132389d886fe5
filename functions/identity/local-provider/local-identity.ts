import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DomainContext } from '../../domain/context';
import { addMembership } from '../memberships';
import { personIdFor, personLabel } from '../people';
import type { IdentityProviderConfig } from '../provider-config';
import { startLocalProviderProcess, type LocalProvider } from './provider-process';
import { seededPeople } from './seeded-people';

export const LOCAL_PROVIDER_ID = 'local';

/**
 * Local mode's identity: the local OpenID provider started for this exchange, configured exactly
 * as an organisation's provider is in AWS (issuer, client id, a secret read from a file), and the
 * seeded people's memberships. The secret is new at every start and written to a file only this
 * user can read (in the data directory, or a temporary one for a throwaway exchange).
 */
export const startLocalIdentity = async (options: {
  publicBaseUrl: string;
  callbackPath: string;
  port: number;
  dataDir?: string;
}): Promise<{ provider: LocalProvider; config: IdentityProviderConfig }> => {
  const clientSecret = randomBytes(32).toString('base64url');
  const secretFile = join(options.dataDir ?? mkdtempSync(join(tmpdir(), 'ldx-oidc-')), 'oidc-client-secret');
  writeFileSync(secretFile, `${clientSecret}\n`, { mode: 0o600 });
  const provider = await startLocalProviderProcess({ port: options.port, redirectUri: `${options.publicBaseUrl}${options.callbackPath}`, clientSecret });
  const issuer = new URL(provider.issuer);
  const organisations = [...new Set(seededPeople.flatMap((p) => p.memberships.map((m) => m.organisation)))];
  const config: IdentityProviderConfig = {
    id: LOCAL_PROVIDER_ID,
    name: 'the local identity provider',
    issuer: provider.issuer,
    clientId: provider.clientId,
    clientSecret: { file: secretFile },
    organisations,
    // Everyone with a verified @camden.gov.uk address joins Camden as a viewer on first sign-in: the example of automatic membership.
    autoJoin: [{ organisation: 'camden', emailDomain: 'camden.gov.uk', role: 'viewer' }],
    allowHost: `${issuer.hostname}:${issuer.port}`,
  };
  return { provider, config };
};

/**
 * Gives the seeded people their memberships, once per provider issuer (a marker record), so a
 * member an admin removed stays removed across restarts.
 */
export const seedLocalPeople = async (ctx: DomainContext, issuer: string): Promise<void> => {
  try {
    await ctx.catalogue.create({ pk: `LOCALPEOPLE#${issuer}`, sk: 'SEEDED' }, { at: ctx.now().toISOString() });
  } catch {
    return;
  }
  for (const person of seededPeople) {
    const personId = personIdFor(issuer, person.subject);
    for (const { organisation, role } of person.memberships) {
      await addMembership(ctx, {
        organisation,
        personId,
        role,
        label: personLabel({ personId, name: person.name, email: person.email }),
        email: person.email,
        created: ctx.now().toISOString(),
        createdBy: 'local-seed',
        via: 'seed',
      });
    }
  }
};

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { hasTokenShape, newToken } from '../domain/tokens';
import { boundLambdaHeap } from '../ingest/lambda-heap';
import { LOCAL_PASSWORD, seededPeople } from '../identity/local-provider/seeded-people';
import { startLocalExchange } from './local-exchange';
import { startLocalHarvesting } from './seed/harvest-sources';

/** `npm start`: the exchange on http://localhost:3000 with its data under ./.data (or LDX_DATA_DIR). */
const dataDir = resolve(process.env.LDX_DATA_DIR ?? join(__dirname, '..', '..', '.data'));
const port = Number(process.env.PORT ?? 3000);

/** The administrator token: LDX_ADMIN_TOKEN, else the one kept in the data directory, else a new one. */
const adminToken = (): string => {
  const fromEnv = process.env.LDX_ADMIN_TOKEN;
  if (fromEnv) {
    if (!hasTokenShape(fromEnv)) throw new Error("LDX_ADMIN_TOKEN must look like 'ldx_' followed by 43 base64url characters");
    return fromEnv;
  }
  const file = join(dataDir, 'admin-token');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const token = newToken();
  writeFileSync(file, `${token}\n`, { mode: 0o600 });
  return token;
};

const main = async (): Promise<void> => {
  const started = Date.now();
  // The same log events as in Lambda, indented for a person reading a terminal (Powertools' dev mode; metrics stay off).
  process.env.POWERTOOLS_DEV ??= 'true';
  // Uploads are ingested in this process: the same heap bounds as the ingest Lambda, so its memory does not grow with the file.
  boundLambdaHeap();
  mkdirSync(dataDir, { recursive: true });
  const token = adminToken();
  // Links and redirects use the printed URL, or LDX_PUBLIC_BASE_URL behind a proxy; never the request's Host.
  const publicBaseUrl = process.env.LDX_PUBLIC_BASE_URL || undefined;
  // The local OpenID provider listens beside the exchange (LDX_OIDC_PORT, default the next port): a stable issuer keeps people's ids across restarts.
  const identityProviderPort = Number(process.env.LDX_OIDC_PORT ?? (port === 0 ? 0 : port + 1));
  const exchange = await startLocalExchange({ port, hostname: process.env.HOST, dataDir, adminToken: token, seed: true, publicBaseUrl, identityProviderPort });
  // Recorded catalogues served on LDX_HARVEST_FIXTURE_PORT (default the port after the OpenID provider's), harvested on their schedule.
  const fixturePort = process.env.LDX_HARVEST_FIXTURE_PORT ? Number(process.env.LDX_HARVEST_FIXTURE_PORT) : port === 0 ? 0 : identityProviderPort + 1;
  const harvesting = await startLocalHarvesting(exchange.domain, { port: fixturePort });
  console.log(`London Data Exchange is running at ${exchange.url}  (started in ${Date.now() - started} ms)`);
  console.log(`  data directory: ${dataDir}${exchange.seeded ? ' (fresh: seeded with London organisations and demo datasets)' : ''}`);
  console.log(`  administrator token: ${token}`);
  console.log(`  try: curl ${exchange.url}/api/v1/datasets`);
  const admin = seededPeople.find((person) => person.memberships.some((m) => m.role === 'admin'));
  if (exchange.identityIssuer && admin) {
    console.log(
      `  sign in as a publisher: open ${exchange.url}/publish/sign-in, choose "Sign in with the local identity provider" (${exchange.identityIssuer}),`,
    );
    console.log(`    then ${admin.email} / ${LOCAL_PASSWORD} (${admin.name}, ${admin.memberships.map((m) => `${m.organisation} ${m.role}`).join(', ')}).`);
    console.log(
      `    Other local people: ${seededPeople
        .filter((p) => p !== admin)
        .map((p) => p.email)
        .join(', ')} (same password).`,
    );
  }
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping…`);
    await harvesting.stop();
    await exchange.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
};

main().catch((error: unknown) => {
  console.error('The exchange could not start:', error);
  process.exit(1);
});

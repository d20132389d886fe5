import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { CliError } from './cli-error';
import { EXIT } from './exit-codes';

/**
 * Where ldx keeps the exchange's address and the token: `config.json` in the user's config
 * directory (LDX_CONFIG_DIR, else $XDG_CONFIG_HOME/ldx, else ~/.config/ldx; %APPDATA%\ldx on
 * Windows), readable by its owner only (0600, in a 0700 directory), because the token is a
 * secret. LDX_URL and LDX_TOKEN override what is stored, for scripts and CI.
 */
export interface StoredConfig {
  url?: string;
  token?: string;
}

export const DEFAULT_URL = 'http://localhost:3000';

export const configDir = (env: NodeJS.ProcessEnv = process.env): string => {
  if (env.LDX_CONFIG_DIR) return env.LDX_CONFIG_DIR;
  if (process.platform === 'win32' && env.APPDATA) return join(env.APPDATA, 'ldx');
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'ldx');
};

const configFile = () => join(configDir(), 'config.json');

export const readConfig = (): StoredConfig => {
  let text: string;
  try {
    text = readFileSync(configFile(), 'utf8');
  } catch {
    return {};
  }
  try {
    const parsed = JSON.parse(text) as unknown;
    if (typeof parsed !== 'object' || parsed === null) throw new Error('not an object');
    const { url, token } = parsed as Record<string, unknown>;
    return { ...(typeof url === 'string' ? { url } : {}), ...(typeof token === 'string' ? { token } : {}) };
  } catch {
    throw new CliError(`${configFile()} is not valid JSON.`, EXIT.usage, 'Run `ldx login` to write it again.');
  }
};

/** Written to a temporary file first (created 0600), then renamed: never a half-written or world-readable token. */
export const writeConfig = (config: StoredConfig): string => {
  const dir = configDir();
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = configFile();
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
  chmodSync(temporary, 0o600);
  renameSync(temporary, file);
  return file;
};

/** The exchange to talk to and the token to use: the command line, then the environment, then the stored config. */
export const resolveSession = (options: { url?: string; token?: string }): { url: string; token?: string } => {
  const stored = readConfig();
  const url = options.url ?? process.env.LDX_URL ?? stored.url ?? DEFAULT_URL;
  const token = options.token ?? process.env.LDX_TOKEN ?? stored.token;
  return { url: url.replace(/\/+$/, ''), ...(token ? { token } : {}) };
};

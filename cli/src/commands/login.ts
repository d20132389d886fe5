import { createInterface } from 'node:readline';
import { type Api, connect } from '../api';
import { apiError, CliError, unreachable } from '../cli-error';
import { configDir, readConfig, writeConfig } from '../config';
import { EXIT, type ExitCode } from '../exit-codes';
import type { Output } from '../output';

/**
 * `ldx login`: checks a token against the exchange and stores it, with the exchange's address,
 * in the user's config directory (mode 0600). The token comes from --token, else from stdin
 * (a pipe: `pass show ldx | ldx login`), else from a prompt that does not echo it.
 */
const readSecret = async (prompt: string): Promise<string> => {
  if (!process.stdin.isTTY) {
    let text = '';
    for await (const chunk of process.stdin) text += chunk;
    return text.trim();
  }
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
  // Echo nothing while the secret is typed.
  (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = () => {};
  process.stderr.write(prompt);
  const answer = await new Promise<string>((resolve) => rl.question('', resolve));
  rl.close();
  process.stderr.write('\n');
  return answer.trim();
};

/** A token is good if the exchange accepts it on a read that needs nothing else: a bad one is a 401 on any route. */
const check = async (api: Api): Promise<void> => {
  const answer = await api.client.GET('/api/v1/datasets', { params: { query: { limit: 1 } } }).catch((error: unknown) => {
    throw unreachable(api.url, error);
  });
  if (!answer.response.ok) throw apiError(answer.response.status, answer.error, `Checking the token with ${api.url}`);
};

export const login = async (out: Output, options: { url?: string; token?: string }): Promise<ExitCode> => {
  const stored = readConfig();
  const url = (options.url ?? process.env.LDX_URL ?? stored.url ?? 'http://localhost:3000').replace(/\/+$/, '');
  const token = options.token ?? (await readSecret(`Token for ${url} (ldx_…): `));
  if (!token) throw new CliError('No token given.', EXIT.usage, 'Pass --token, pipe the token in, or type it at the prompt.');
  await check(connect({ url, token }));
  const file = writeConfig({ url, token });
  out.result({ url, configFile: file, configDir: configDir() });
  out.line(`Logged in to ${url}. The token is stored in ${file} (readable by you only).`);
  return EXIT.ok;
};

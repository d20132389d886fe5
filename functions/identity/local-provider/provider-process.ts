import { fork } from 'node:child_process';
import { once } from 'node:events';
import type { LocalProviderInfo } from './provider-server';

export type ProviderMessage = { type: 'ready' } & LocalProviderInfo;

export interface LocalProvider extends LocalProviderInfo {
  stop: () => Promise<void>;
}

/**
 * Starts the local OpenID provider in a child Node process, as an organisation's provider is a
 * separate service: oidc-provider (ES modules only) loads there under tsx's loader, whatever
 * loads the exchange (tsx, Jest), and its sessions and keys are not the exchange's memory.
 */
export const startLocalProviderProcess = async (options: { port: number; redirectUri: string; clientSecret: string }): Promise<LocalProvider> => {
  const entry = require.resolve('./provider-main');
  const child = fork(entry, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const exited = once(child, 'exit');
  const ready = once(child, 'message') as Promise<[ProviderMessage]>;
  child.send({ type: 'start', ...options });
  const [message] = await Promise.race([ready, exited.then(() => Promise.reject(new Error('the local identity provider exited before it was ready')))]);
  return {
    issuer: message.issuer,
    clientId: message.clientId,
    clientSecret: message.clientSecret,
    stop: async () => {
      if (child.exitCode === null && child.connected) child.send({ type: 'stop' });
      await exited;
    },
  };
};

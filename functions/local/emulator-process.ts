import { fork } from 'node:child_process';
import { EventEmitter, once } from 'node:events';
import type { S3rverEvent } from 's3rver';
import type { Emulators } from './emulators';

/** Messages between this process and the emulators' child (emulator-process-main.ts). */
export type EmulatorMessage =
  | { type: 'ready'; dynamoEndpoint: string; s3Endpoint: string }
  | { type: 's3-event'; event: S3rverEvent }
  | { type: 'peak-rss'; bytes: number };

/**
 * The same emulators as startEmulators, in a child Node process: their memory (s3rver holds
 * whole objects and multipart parts) and CPU are not the exchange's. s3rver's events arrive
 * over IPC, so they may come a moment after the upload's HTTP response.
 */
export const startEmulatorsInChildProcess = async (dataDir?: string): Promise<Emulators> => {
  const entry = require.resolve('./emulator-process-main');
  // Local mode runs from TypeScript sources (tsx, or jest): the child needs tsx's require hook.
  const execArgv = entry.endsWith('.ts') ? ['--require', require.resolve('tsx/cjs')] : [];
  const child = fork(entry, dataDir ? [dataDir] : [], { execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const messages = new EventEmitter();
  child.on('message', (message: EmulatorMessage) => messages.emit(message.type, message));
  const exited = once(child, 'exit');
  const [ready] = (await Promise.race([once(messages, 'ready'), exited.then(() => Promise.reject(new Error('the emulator process exited before it was ready')))])) as [Extract<EmulatorMessage, { type: 'ready' }>];
  return {
    dynamoEndpoint: ready.dynamoEndpoint,
    s3Endpoint: ready.s3Endpoint,
    onS3Event: (listener) => {
      messages.on('s3-event', (message: Extract<EmulatorMessage, { type: 's3-event' }>) => listener(message.event));
    },
    peakRssBytes: async () => {
      const answer = once(messages, 'peak-rss');
      child.send({ type: 'peak-rss' });
      const [message] = (await answer) as [Extract<EmulatorMessage, { type: 'peak-rss' }>];
      return message.bytes;
    },
    stop: async () => {
      if (child.exitCode === null && child.connected) child.send({ type: 'stop' });
      await exited;
    },
  };
};

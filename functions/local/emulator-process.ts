import { type ChildProcess, fork } from 'node:child_process';
import { EventEmitter, once } from 'node:events';
import type { S3rverEvent } from 's3rver';
import type { Emulators } from './emulators';

/** Messages between this process and the emulators' child (emulator-process-main.ts). */
export type EmulatorMessage =
  | { type: 'ready'; dynamoEndpoint: string; s3Endpoint: string; dynamoPort: number; s3Port: number }
  | { type: 's3-event'; event: S3rverEvent }
  | { type: 'peak-rss'; bytes: number };

type Ready = Extract<EmulatorMessage, { type: 'ready' }>;

/**
 * The same emulators as startEmulators, in a child Node process: their memory (s3rver holds
 * whole objects and multipart parts) and CPU are not the exchange's. s3rver's events arrive
 * over IPC, so they may come a moment after the upload's HTTP response.
 *
 * With a data directory, a child that dies (killed, crashed) is started again on the same
 * ports over the same data, so the exchange's clients reconnect by themselves; what was in
 * flight fails and its upload is ended by ingest's deadline. Without one there is nothing to
 * come back to (the table lived in the child's memory), so it is only reported.
 */
export const startEmulatorsInChildProcess = async (dataDir?: string): Promise<Emulators> => {
  const entry = require.resolve('./emulator-process-main');
  // Local mode runs from TypeScript sources (tsx, or jest): the child needs tsx's require hook.
  const execArgv = entry.endsWith('.ts') ? ['--require', require.resolve('tsx/cjs')] : [];
  const messages = new EventEmitter();
  let stopping = false;

  const launch = async (ports?: { dynamoPort: number; s3Port: number }): Promise<{ child: ChildProcess; exited: Promise<unknown>; ready: Ready }> => {
    const args = [dataDir ?? '', ...(ports ? [String(ports.dynamoPort), String(ports.s3Port)] : [])];
    const child = fork(entry, args, { execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    child.on('message', (message: EmulatorMessage) => messages.emit(message.type, message));
    const exited = once(child, 'exit');
    const [ready] = (await Promise.race([
      once(messages, 'ready'),
      exited.then(() => Promise.reject(new Error('the emulator process exited before it was ready'))),
    ])) as [Ready];
    return { child, exited, ready };
  };

  let current = await launch();
  const { ready } = current;
  const superviseCurrent = () => {
    void current.exited.then(async () => {
      if (stopping) return;
      if (!dataDir) {
        console.error('The emulators’ process stopped; without a data directory there is nothing to restart from.');
        return;
      }
      console.error('The emulators’ process stopped; starting it again on the same ports and data.');
      current = await launch({ dynamoPort: ready.dynamoPort, s3Port: ready.s3Port });
      superviseCurrent();
    });
  };
  superviseCurrent();

  return {
    dynamoEndpoint: ready.dynamoEndpoint,
    s3Endpoint: ready.s3Endpoint,
    onS3Event: (listener) => {
      messages.on('s3-event', (message: Extract<EmulatorMessage, { type: 's3-event' }>) => listener(message.event));
    },
    peakRssBytes: async () => {
      const answer = once(messages, 'peak-rss');
      current.child.send({ type: 'peak-rss' });
      const [message] = (await answer) as [Extract<EmulatorMessage, { type: 'peak-rss' }>];
      return message.bytes;
    },
    childProcessId: () => current.child.pid,
    stop: async () => {
      stopping = true;
      const { child, exited } = current;
      if (child.exitCode === null && child.connected) child.send({ type: 'stop' });
      await exited;
    },
  };
};

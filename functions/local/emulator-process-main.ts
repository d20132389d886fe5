import type { EmulatorMessage } from './emulator-process';
import { startEmulators } from './emulators';

/** The emulators' child process (see emulator-process.ts): `[dataDir]` as its only argument. */
const send = (message: EmulatorMessage) => process.send?.(message);

const main = async (): Promise<void> => {
  const emulators = await startEmulators(process.argv[2]);
  emulators.onS3Event((event) => send({ type: 's3-event', event }));
  process.on('message', (message: { type: string }) => {
    if (message.type === 'peak-rss') send({ type: 'peak-rss', bytes: process.resourceUsage().maxRSS * 1024 }); // the kernel's high-water mark
    if (message.type === 'stop') {
      void emulators.stop().then(() => process.exit(0));
    }
  });
  // The exchange went away without stopping us: do not linger.
  process.on('disconnect', () => void emulators.stop().then(() => process.exit(0)));
  send({ type: 'ready', dynamoEndpoint: emulators.dynamoEndpoint, s3Endpoint: emulators.s3Endpoint });
};

main().catch((error: unknown) => {
  console.error('The emulators could not start:', error);
  process.exit(1);
});

import type { EmulatorMessage } from './emulator-process';
import { startEmulators } from './emulators';

/** The emulators' child process (see emulator-process.ts): arguments `dataDir` ('' for none), then the ports when restarted. */
const send = (message: EmulatorMessage) => process.send?.(message);

const main = async (): Promise<void> => {
  const [dataDir, dynamoPort, s3Port] = process.argv.slice(2);
  const ports = dynamoPort && s3Port ? { dynamo: Number(dynamoPort), s3: Number(s3Port) } : undefined;
  const emulators = await startEmulators(dataDir || undefined, ports);
  emulators.onS3Event((event) => send({ type: 's3-event', event }));
  process.on('message', (message: { type: string }) => {
    if (message.type === 'peak-rss') send({ type: 'peak-rss', bytes: process.resourceUsage().maxRSS * 1024 }); // the kernel's high-water mark
    if (message.type === 'stop') {
      void emulators.stop().then(() => process.exit(0));
    }
  });
  // The exchange went away without stopping us: do not linger.
  process.on('disconnect', () => void emulators.stop().then(() => process.exit(0)));
  const port = (endpoint: string) => Number(new URL(endpoint).port);
  send({
    type: 'ready',
    dynamoEndpoint: emulators.dynamoEndpoint,
    s3Endpoint: emulators.s3Endpoint,
    dynamoPort: port(emulators.dynamoEndpoint),
    s3Port: port(emulators.s3Endpoint),
  });
};

main().catch((error: unknown) => {
  console.error('The emulators could not start:', error);
  process.exit(1);
});

import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { type Emulators, startEmulators } from '../../functions/local/emulators';

/**
 * The local S3 and DynamoDB emulators accept unsigned requests, so they must be reachable from
 * this machine only: both listen on 127.0.0.1 alone. 127.0.0.2 is loopback too on Linux, but a
 * server bound to 127.0.0.1 (not 0.0.0.0) refuses it, as it refuses the machine's own network addresses.
 */
let emulators: Emulators;
beforeAll(async () => {
  emulators = await startEmulators();
});
afterAll(() => emulators.stop());

const reachable = (host: string, port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 2000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });

const otherAddresses = (): string[] =>
  Object.values(networkInterfaces())
    .flat()
    .filter((a): a is NonNullable<typeof a> => Boolean(a) && !a!.internal && !a!.address.startsWith('fe80'))
    .map((a) => a.address);

describe('local emulators', () => {
  it.each(['dynamoEndpoint', 's3Endpoint'] as const)('%s answers on 127.0.0.1 and nowhere else', async (name) => {
    const endpoint = new URL(emulators[name]);
    expect(endpoint.hostname).toBe('127.0.0.1');
    const port = Number(endpoint.port);
    expect(await reachable('127.0.0.1', port)).toBe(true);
    expect(await reachable('127.0.0.2', port)).toBe(false);
    for (const address of otherAddresses()) expect(await reachable(address, port)).toBe(false);
  });
});

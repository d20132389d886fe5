import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import dynalite from 'dynalite';
import S3rver, { type S3rverEvent } from 's3rver';
import { makeObjectReplacementAtomic, type S3rverStore } from './atomic-objects';

/** DynamoDB and S3 emulators on 127.0.0.1, on free ports (in this process, or in a child: emulator-process.ts). */
export interface Emulators {
  dynamoEndpoint: string;
  s3Endpoint: string;
  /** s3rver's AWS-shaped event notifications (ObjectCreated...). */
  onS3Event: (listener: (event: S3rverEvent) => void) => void;
  /** In a child process: the most memory (RSS) the emulators' process has used so far. */
  peakRssBytes?: () => Promise<number>;
  /** In a child process: its process id (the fault tests kill it). */
  childProcessId?: () => number | undefined;
  stop: () => Promise<void>;
}

export const emulatorCredentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

/**
 * With `dataDir`, data persists under it (LevelDB for the table, files for the buckets);
 * without, the table lives in memory and the buckets in a temporary folder removed at stop.
 * `ports` (a restarted child's): listen where the exchange's clients already point; else free ports.
 *
 * Both listen on 127.0.0.1 only: they accept unsigned requests (s3rver ignores signatures,
 * dynalite checks none), so nothing beyond this machine may reach them. Local mode is
 * single-user; its S3 address is handed out only inside upload and download links.
 */
export const startEmulators = async (dataDir?: string, ports?: { dynamo: number; s3: number }): Promise<Emulators> => {
  const s3Dir = dataDir ? join(dataDir, 's3') : mkdtempSync(join(tmpdir(), 'ldx-s3-'));
  mkdirSync(s3Dir, { recursive: true });
  if (dataDir) mkdirSync(join(dataDir, 'dynamodb'), { recursive: true });

  const dynamo = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0, ...(dataDir ? { path: join(dataDir, 'dynamodb') } : {}) });
  await new Promise<void>((resolve, reject) => {
    dynamo.once('error', reject);
    dynamo.listen(ports?.dynamo ?? 0, '127.0.0.1', () => resolve());
  });
  const s3rver = new S3rver({ port: ports?.s3 ?? 0, address: '127.0.0.1', silent: true, directory: s3Dir });
  makeObjectReplacementAtomic((s3rver as unknown as { store: S3rverStore }).store);
  const s3Address = (await s3rver.run()) as AddressInfo;

  return {
    dynamoEndpoint: `http://127.0.0.1:${(dynamo.address() as AddressInfo).port}`,
    s3Endpoint: `http://127.0.0.1:${s3Address.port}`,
    onS3Event: (listener) => {
      s3rver.on('event', listener);
    },
    stop: async () => {
      await s3rver.close();
      await new Promise<void>((resolve) => dynamo.close(() => resolve()));
      if (!dataDir) rmSync(s3Dir, { recursive: true, force: true });
    },
  };
};

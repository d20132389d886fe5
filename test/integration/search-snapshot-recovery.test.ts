import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DomainContext } from '../../functions/domain/context';
import { type IndexerState, LOG_RETENTION_MS, runIndexer } from '../../functions/indexer/run-indexer';
import { startLocalExchange, type LocalExchange } from '../../functions/local/local-exchange';
import { newToken } from '../../functions/domain/tokens';
import { readLogHead } from '../../functions/search/change-log';
import { SearchIndex } from '../../functions/search/search-index';
import { readSnapshot, SNAPSHOT_LOCATION, storedSnapshotInfo, writeSnapshot } from '../../functions/search/snapshot-store';
import { SnapshotRejectedError } from '../../functions/search/snapshot-verify';
import { doc } from '../unit/search/documents';

/**
 * The stored search snapshot is never replaced by one that does not load, and a stored one that
 * cannot be read (damaged bytes, an unknown header, cut short) never keeps search down: the index
 * is rebuilt from the catalogue and a good snapshot written in its place.
 */
let dataDir: string;
let exchange: LocalExchange;
let adminToken: string;
let camden: string;

const start = async () => {
  adminToken = newToken();
  exchange = await startLocalExchange({ port: 0, adminToken, seed: false, dataDir });
};
const request = async (method: string, path: string, token?: string, body?: unknown) => {
  const response = await fetch(`${exchange.url}${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: response.status, body: (await response.json()) as any };
};
const createDataset = async (name: string, title: string) => {
  const created = await request('POST', '/api/v1/datasets', camden, { name, title, description: 'Made by the tests.', licence: 'OGL-UK-3.0', tier: 'open' });
  expect(created.status).toBe(201);
};
const searchNames = async (q: string) => {
  const found = await request('GET', `/api/v1/datasets?q=${encodeURIComponent(q)}&limit=100`);
  expect(found.status).toBe(200);
  return found.body.results.map((d: { name: string }) => d.name).sort();
};
const storedBytes = async (domain: DomainContext) => Buffer.concat(await (await domain.objects.get(SNAPSHOT_LOCATION))!.toArray());
/** Puts bytes where the snapshot is, through the S3 API, keeping the metadata the writer gave the good one. */
const replaceStored = async (domain: DomainContext, bytes: Buffer | string, metadata?: Record<string, string>) =>
  domain.objects.put(SNAPSHOT_LOCATION, bytes, {
    contentType: 'application/octet-stream',
    metadata: metadata ?? (await domain.objects.head(SNAPSHOT_LOCATION))!.metadata,
  });
const flippedInTheMiddle = (bytes: Buffer) => {
  const damaged = Buffer.from(bytes);
  damaged[damaged.length >> 1] ^= 0x5a;
  return damaged;
};
const quietly = async <T>(run: () => Promise<T>): Promise<{ result: T; logged: string[] }> => {
  const errors = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  try {
    const result = await run();
    return { result, logged: errors.mock.calls.map((call) => call.map(String).join(' ')) };
  } finally {
    errors.mockRestore();
  }
};

const everyName = ['camden-benches', 'camden-bins', 'camden-trees'];
/** Every dataset once the first two tests have added theirs. */
const everyNameNow = [...everyName, 'camden-ponds', 'camden-toilets'].sort();

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'ldx-snapshot-recovery-'));
  await start();
  const organisation = await request('POST', '/api/v1/organisations', adminToken, { id: 'camden', name: 'Camden', type: 'borough' });
  expect(organisation.status).toBe(201);
  camden = (await request('POST', '/api/v1/organisations/camden/tokens', adminToken, { role: 'admin' })).body.token;
  await createDataset('camden-trees', 'Street trees');
  await createDataset('camden-bins', 'Litter bins');
  await createDataset('camden-benches', 'Park benches');
  await exchange.indexIdle();
});
afterAll(async () => {
  await exchange.stop();
  await rm(dataDir, { recursive: true, force: true });
});

it('never uploads a snapshot that fails to decode back: the previous one stays, and the log is not trimmed past it', async () => {
  const domain = exchange.domain;
  const before = await storedBytes(domain);
  const loaded = (await readSnapshot(domain))!;
  // A value the encoder cannot carry (a record field that is not a string) in an otherwise good index.
  const poisoned = SearchIndex.build([...loaded.index.documents()].map(([, d]) => ({ ...d, description: '', columns: [] })));
  poisoned.upsert(doc('camden-poisoned', { created: 12345 as unknown as string }));
  await expect(writeSnapshot(domain, poisoned, loaded.seq + 1)).rejects.toThrow(SnapshotRejectedError);
  expect((await storedBytes(domain)).equals(before)).toBe(true);

  // The same through an indexer run with a change to fold in: it fails (so it is retried and alarmed
  // on) without writing, and without trimming the log past the snapshot that stays.
  await createDataset('camden-toilets', 'Public toilets');
  await exchange.indexIdle();
  const previous = (await readSnapshot(domain))!;
  const state: IndexerState = { current: { index: poisoned, seq: loaded.seq, appliedAbove: new Map() }, storedChecksum: previous.checksum };
  const floorBefore = (await readLogHead(domain)).floor;
  // Every entry is past the log's retention, so only the failed write keeps them.
  await expect(runIndexer({ ...domain, now: () => new Date(Date.now() + LOG_RETENTION_MS * 2) }, state)).rejects.toThrow(SnapshotRejectedError);
  expect((await storedBytes(domain)).equals(previous.bytes)).toBe(true);
  expect((await readLogHead(domain)).floor).toBe(floorBefore);
  expect(await searchNames('toilets')).toEqual(['camden-toilets']);
});

it('answers searches correctly after a restart onto a damaged snapshot, then stores a good one', async () => {
  await exchange.indexIdle();
  const good = await storedBytes(exchange.domain);
  await replaceStored(exchange.domain, flippedInTheMiddle(good));
  await exchange.stop();
  await start();
  camden = (await request('POST', '/api/v1/organisations/camden/tokens', adminToken, { role: 'admin' })).body.token;

  const { result: names, logged } = await quietly(() => searchNames('camden'));
  expect(names).toEqual([...everyName, 'camden-toilets'].sort());
  expect(logged.join('\n')).toMatch(/snapshot unreadable[\s\S]*checksum/);
  expect(await searchNames('benches')).toEqual(['camden-benches']);

  // The restarted indexer's first run finds the same damage, rebuilds and replaces the snapshot.
  await quietly(async () => {
    await createDataset('camden-ponds', 'Ponds');
    await exchange.indexIdle();
  });
  const repaired = await readSnapshot(exchange.domain);
  expect([...repaired!.index.documents()].map(([, d]) => d.name).sort()).toEqual([...everyName, 'camden-ponds', 'camden-toilets'].sort());
  expect((await storedSnapshotInfo(exchange.domain))!.checksum).toBe(repaired!.checksum);
});

it.each([
  ['bytes of an older format', (good: Buffer) => Buffer.concat([Buffer.from('LDXSRCH2'), good.subarray(8)])],
  ['bytes cut short', (good: Buffer) => good.subarray(0, good.length - 100)],
  ['a header that is not JSON', (good: Buffer) => Buffer.concat([good.subarray(0, 12), Buffer.from('{"format": "ldx-search-snap'), good.subarray(39)])],
])('an indexer replaces %s put in its place, and a fresh reader still answers', async (_, damage) => {
  await exchange.indexIdle();
  const domain = exchange.domain;
  const good = await storedBytes(domain);
  // As another writer would put them: S3 keeps none of the previous object's metadata.
  const { seq } = (await storedSnapshotInfo(domain))!;
  const putDamaged = () => replaceStored(domain, damage(good), { seq: String(seq) });
  await putDamaged();

  // A process starting now cannot load it, and still answers exactly.
  const { result: fresh } = await quietly(() => readSnapshot({ ...domain }, 2));
  expect(fresh).toBeUndefined();
  expect(await searchNames('camden')).toEqual(everyNameNow);

  // An indexer starting now rebuilds and replaces it…
  const state: IndexerState = {};
  const { result: cold } = await quietly(() => runIndexer({ ...domain }, state));
  expect(cold.from).toBe('rebuild');
  expect(await readSnapshot(domain)).toBeDefined();
  expect((await runIndexer({ ...domain }, state)).from).toBe('memory');
  // …and a running one sees that the stored object is not the one it wrote, reads it, and replaces it.
  await putDamaged();
  const { result: warm, logged } = await quietly(() => runIndexer({ ...domain }, state));
  expect(warm.from).toBe('rebuild');
  expect(warm.snapshotBytes).toBeGreaterThan(0);
  expect(logged.join('\n')).toMatch(/snapshot unreadable/);
  const stored = await readSnapshot(domain);
  expect(stored!.seq).toBe(warm.seq);
  expect([...stored!.index.documents()].map(([, d]) => d.name).sort()).toEqual(everyNameNow);
});

it('finds bytes damaged under unchanged metadata on a run that verifies the stored snapshot', async () => {
  await exchange.indexIdle();
  const domain = exchange.domain;
  const state: IndexerState = {};
  await runIndexer({ ...domain }, state);
  await replaceStored(domain, flippedInTheMiddle(await storedBytes(domain)));
  // The metadata still names the good snapshot, so a change-driven run trusts it…
  expect((await runIndexer({ ...domain }, state)).from).toBe('memory');
  // …and a verifying (scheduled) run reads it back, finds the damage and replaces it.
  const { result: verified } = await quietly(() => runIndexer({ ...domain }, state, { verifyStored: true }));
  expect(verified).toMatchObject({ from: 'rebuild' });
  expect(verified.snapshotBytes).toBeGreaterThan(0);
  expect(await readSnapshot(domain)).toBeDefined();
  expect((await runIndexer({ ...domain }, state, { verifyStored: true })).from).toBe('memory');
});

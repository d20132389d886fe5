import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Topology } from 'topojson-specification';
import { feature } from 'topojson-client';
import type { Caller } from '../../domain/caller';
import type { DomainContext } from '../../domain/context';
import { createDataset } from '../../domain/datasets';
import { ExchangeError } from '../../domain/errors';
import { createOrganisation } from '../../domain/organisations';
import { createResource, getResource } from '../../domain/resources';
import { receiveDirectUpload } from '../../domain/uploads';
import { isDeclarableStandard } from '../../ingest/core/declarable';
import { demoDatasets } from './demo-datasets';
import londonOrganisations from './london-organisations.json';
import { realDatasets, type SeedResource } from './real-datasets';

const SEED_MARKER = { pk: 'LOCAL#SEED', sk: 'SEED' };

const ignoreConflict = async (write: () => Promise<unknown>): Promise<void> => {
  try {
    await write();
  } catch (error) {
    if (!(error instanceof ExchangeError && error.code === 'conflict')) throw error;
  }
};

const publisherOf = (organisation: string): Caller => ({ kind: 'member', organisationId: organisation, role: 'admin', tokenId: 'local-seed' });

const schemaExists = isDeclarableStandard;

/** A seed file's bytes as uploaded: TopoJSON decoded to a GeoJSON FeatureCollection, anything else as it is. */
const fileBytes = (resource: SeedResource): Buffer => {
  const bytes = readFileSync(join(__dirname, 'london-data', resource.file));
  if (resource.decode !== 'topojson') return bytes;
  const topology = JSON.parse(bytes.toString('utf8')) as Topology;
  const [name] = Object.keys(topology.objects);
  return Buffer.from(JSON.stringify(feature(topology, topology.objects[name])));
};

const uploadName = (resource: SeedResource): string =>
  resource.decode === 'topojson' ? resource.file.replace(/\.topojson\.json$/, '.geojson') : resource.file;

/**
 * A dataset, its resources and their files, through the same domain calls the API uses. Each
 * upload lands in the uploads bucket, whose event runs ingest (in the background: the exchange
 * answers while the files are validated and published).
 */
const publish = async (
  ctx: DomainContext,
  organisation: string,
  metadata: Record<string, unknown>,
  files: Array<{ input: Record<string, unknown>; bytes: () => Buffer; filename: string; contentType: string }>,
) => {
  const publisher = publisherOf(organisation);
  const name = String(metadata.name);
  await ignoreConflict(() => createDataset(ctx, publisher, { ...metadata }));
  for (const file of files) {
    await ignoreConflict(() => createResource(ctx, publisher, name, file.input, schemaExists));
    const { resource } = await getResource(ctx, publisher, name, String(file.input.name));
    if (resource.value.current || resource.value.status !== 'awaiting-upload') continue;
    await receiveDirectUpload(ctx, publisher, name, String(file.input.name), file.bytes(), { filename: file.filename, contentType: file.contentType });
  }
};

export interface Seeding {
  /** Whether this start found a fresh data directory (and seeds it). */
  fresh: boolean;
  /** Settles when every dataset and file has been written (ingest then runs on the uploads' events). */
  done: Promise<void>;
}

const publishDatasets = async (ctx: DomainContext): Promise<void> => {
  for (const { organisation, metadata, resources } of realDatasets) {
    await publish(
      ctx,
      organisation,
      metadata,
      resources.map((r) => ({
        input: { name: r.name, title: r.title, ...(r.format ? { format: r.format } : {}), ...(r.sheet ? { sheet: r.sheet } : {}) },
        bytes: () => fileBytes(r),
        filename: uploadName(r),
        contentType: r.contentType,
      })),
    );
  }
  for (const { organisation, metadata, resource } of demoDatasets) {
    await publish(ctx, organisation, metadata, [
      {
        input: { name: resource.name, title: resource.title, format: 'csv' },
        bytes: () => Buffer.from(resource.csv()),
        filename: `${resource.name}.csv`,
        contentType: 'text/csv',
      },
    ]);
  }
  await ctx.catalogue.create(SEED_MARKER, { seededAt: ctx.now().toISOString() });
};

/**
 * Seeds a fresh local exchange with London's organisations, then (while the exchange already
 * answers) real London open data (real-datasets.ts) and the fictional datasets that demonstrate
 * sharing (demo-datasets.ts), through the same domain calls the API uses, so `npm start` is not
 * held up by a dozen datasets and their files. Safe to re-run after an interrupted seed (a file is
 * uploaded only to a resource that has none yet); a no-op once complete.
 */
export const seedIfFresh = async (ctx: DomainContext): Promise<Seeding> => {
  if (await ctx.catalogue.get(SEED_MARKER)) return { fresh: false, done: Promise.resolve() };
  const platformAdmin: Caller = { kind: 'platform-admin' };
  // Side by side: each is its own record, and start-up waits for them.
  await Promise.all(londonOrganisations.map((organisation) => ignoreConflict(() => createOrganisation(ctx, platformAdmin, { ...organisation }))));
  return { fresh: true, done: publishDatasets(ctx) };
};

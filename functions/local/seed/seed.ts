import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Caller } from '../../domain/caller';
import type { DomainContext } from '../../domain/context';
import { createDataset } from '../../domain/datasets';
import { ExchangeError } from '../../domain/errors';
import { createOrganisation } from '../../domain/organisations';
import { createResource } from '../../domain/resources';
import { receiveDirectUpload } from '../../domain/uploads';
import { getDataSchema } from '../../ingest/core/data-schemas';
import londonOrganisations from './london-organisations.json';
import { demoDatasets } from './demo-datasets';

const SEED_MARKER = { pk: 'LOCAL#SEED', sk: 'SEED' };

const ignoreConflict = async (write: () => Promise<unknown>): Promise<void> => {
  try {
    await write();
  } catch (error) {
    if (!(error instanceof ExchangeError && error.code === 'conflict')) throw error;
  }
};

/**
 * The GLA's borough profiles, published through the real upload path (the uploads bucket's event
 * runs ingest), so a fresh exchange has data to preview, download and query.
 */
const publishBoroughProfiles = async (ctx: DomainContext): Promise<void> => {
  const gla: Caller = { kind: 'member', organisationId: 'gla', role: 'admin', tokenId: 'local-seed' };
  await ignoreConflict(() =>
    createResource(
      ctx,
      gla,
      'london-borough-profiles',
      { name: 'profiles', title: 'Borough profiles 2017', format: 'csv' },
      (id) => getDataSchema(id) !== undefined,
    ),
  );
  const bytes = readFileSync(join(__dirname, 'london-borough-profiles.csv'));
  await receiveDirectUpload(ctx, gla, 'london-borough-profiles', 'profiles', bytes, { filename: 'london-borough-profiles.csv', contentType: 'text/csv' });
};

/**
 * Seeds a fresh local exchange with London's organisations and a few demo datasets, through the
 * same domain calls the API uses. Safe to re-run after an interrupted seed; a no-op once complete.
 */
export const seedIfFresh = async (ctx: DomainContext): Promise<boolean> => {
  if (await ctx.catalogue.get(SEED_MARKER)) return false;
  const platformAdmin: Caller = { kind: 'platform-admin' };
  for (const organisation of londonOrganisations) {
    await ignoreConflict(() => createOrganisation(ctx, platformAdmin, { ...organisation }));
  }
  for (const { organisation, metadata } of demoDatasets) {
    const publisher: Caller = { kind: 'member', organisationId: organisation, role: 'admin', tokenId: 'local-seed' };
    await ignoreConflict(() => createDataset(ctx, publisher, { ...metadata }));
  }
  await publishBoroughProfiles(ctx);
  await ctx.catalogue.create(SEED_MARKER, { seededAt: ctx.now().toISOString() });
  return true;
};

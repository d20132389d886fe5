import type { Caller } from '../../domain/caller';
import type { DomainContext } from '../../domain/context';
import { createDataset } from '../../domain/datasets';
import { ExchangeError } from '../../domain/errors';
import { createOrganisation } from '../../domain/organisations';
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
  await ctx.catalogue.create(SEED_MARKER, { seededAt: ctx.now().toISOString() });
  return true;
};

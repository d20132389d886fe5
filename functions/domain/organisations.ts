import { type Caller } from './caller';
import type { DomainContext } from './context';
import { conflict, notFound } from './errors';
import { isSlug } from './identifiers';
import { assertValid, refuseServerOwnedFields } from './metadata-schemas';
import { mayCreateOrganisation, refusal } from './policy';
import { listAll, RecordExistsError, type StoredRecord } from '../storage/catalogue-store';

export interface Organisation {
  id: string;
  name: string;
  type: string;
  gssCode?: string;
  area?: string;
  description?: string;
  homepage?: string;
  created: string;
  modified: string;
}

const ORGANISATIONS = 'ORGS';
export const organisationKey = (id: string) => ({ pk: `ORG#${id}`, sk: 'ORG' });

export const findOrganisation = async (ctx: DomainContext, id: string): Promise<StoredRecord<Organisation> | undefined> =>
  isSlug(id) ? ctx.catalogue.get<Organisation>(organisationKey(id)) : undefined;

export const getOrganisation = async (ctx: DomainContext, id: string): Promise<StoredRecord<Organisation>> => {
  const found = await findOrganisation(ctx, id);
  if (!found) throw notFound('organisation');
  return found;
};

export const listOrganisations = async (ctx: DomainContext): Promise<StoredRecord<Organisation>[]> => listAll<Organisation>(ctx.catalogue, ORGANISATIONS);

/** Creates an organisation; `caller` must be the platform administrator (or the seeding process). */
export const createOrganisation = async (ctx: DomainContext, caller: Caller, input: Record<string, unknown>): Promise<StoredRecord<Organisation>> => {
  if (!mayCreateOrganisation(caller)) throw refusal(caller, true, 'organisation', 'create organisations');
  refuseServerOwnedFields('organisation', input);
  const timestamp = ctx.now().toISOString();
  const record = { ...input, created: timestamp, modified: timestamp };
  assertValid('organisation', record);
  const organisation = record as unknown as Organisation;
  try {
    return await ctx.catalogue.create(organisationKey(organisation.id), organisation, { list: ORGANISATIONS, order: organisation.id });
  } catch (error) {
    if (error instanceof RecordExistsError) throw conflict(`An organisation with id '${organisation.id}' already exists.`);
    throw error;
  }
};

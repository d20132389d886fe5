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

/**
 * Organisation records kept per process. An organisation is written once, by createOrganisation,
 * and never replaced or removed, so a record read once is the record for good (if organisations
 * ever become editable or removable, this must go). They are public and decide nothing about
 * access: the tier policy reads datasets and grants, never these. Per context (tests run several
 * exchanges in one process); an id not found is not kept (it may be created next).
 */
const keptOrganisations = new WeakMap<DomainContext, Map<string, Organisation>>();
const KEPT_ORGANISATIONS = 5000;

/** Organisations by id: kept ones from memory, the rest in one batched read. Unknown ids are absent. */
export const organisationsById = async (ctx: DomainContext, ids: Iterable<string>): Promise<Map<string, Organisation>> => {
  let kept = keptOrganisations.get(ctx);
  if (!kept) keptOrganisations.set(ctx, (kept = new Map()));
  const wanted = [...new Set(ids)];
  const missing = wanted.filter((id) => !kept.has(id) && isSlug(id));
  if (missing.length > 0) {
    const read = await ctx.catalogue.getMany<Organisation>(missing.map(organisationKey));
    for (const record of read) {
      if (!record) continue;
      if (kept.size >= KEPT_ORGANISATIONS) kept.delete(kept.keys().next().value!);
      kept.set(record.value.id, record.value);
    }
  }
  return new Map(wanted.flatMap((id) => (kept.has(id) ? [[id, kept.get(id)!] as [string, Organisation]] : [])));
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

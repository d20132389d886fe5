/** The organisations that look after a standard, appointed by the platform administrator. */
import type { Caller } from '../domain/caller';
import type { DomainContext } from '../domain/context';
import { conflict, validationFailed } from '../domain/errors';
import { requestShapeProblems } from '../domain/request-schemas';
import { getOrganisation } from '../domain/organisations';
import { mayAppointStewards, mayGovernStandard, refusal } from '../domain/policy';
import { RecordExistsError, VersionConflictError } from '../storage/catalogue-store';
import { shippedSchema } from './schema-versions';
import { type StewardsRecord, stewardsKey } from './version-records';

export const getStewards = async (ctx: DomainContext, schema: string): Promise<string[]> => {
  shippedSchema(schema);
  return (await ctx.catalogue.get<StewardsRecord>(stewardsKey(schema)))?.value.organisations ?? [];
};

/** Replaces the list of stewards; every organisation named must exist. */
export const appointStewards = async (ctx: DomainContext, caller: Caller, schema: string, input: Record<string, unknown>): Promise<string[]> => {
  shippedSchema(schema);
  if (!mayAppointStewards(caller)) throw refusal(caller, true, 'schema', 'appoint the stewards of a standard (the platform administrator does)');
  const problems = requestShapeProblems('stewards-input', input);
  if (problems.length > 0) throw validationFailed(problems);
  const unique = [...new Set(input.organisations as string[])];
  for (const organisation of unique) await getOrganisation(ctx, organisation);
  const key = stewardsKey(schema);
  const record: StewardsRecord = { schema, organisations: unique, modified: ctx.now().toISOString() };
  const current = await ctx.catalogue.get<StewardsRecord>(key);
  try {
    if (current) await ctx.catalogue.replace(key, record, current.version);
    else await ctx.catalogue.create(key, record);
  } catch (error) {
    if (error instanceof VersionConflictError || error instanceof RecordExistsError)
      throw conflict('The stewards were changed at the same moment by someone else: read them again and retry.');
    throw error;
  }
  return unique;
};

/** Refuses a caller who may not propose or publish versions of the schema. */
export const assertGovernor = async (ctx: DomainContext, caller: Caller, schema: string): Promise<void> => {
  const stewards = new Set(await getStewards(ctx, schema));
  if (mayGovernStandard(caller, stewards)) return;
  throw refusal(caller, true, 'schema', "propose or publish versions of this standard (its stewards' admins and the platform administrator do)");
};

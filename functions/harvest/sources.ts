import type { Caller } from '../domain/caller';
import { isMemberOf } from '../domain/caller';
import type { DomainContext } from '../domain/context';
import { notFound, preconditionFailed, unauthorized, validationFailed } from '../domain/errors';
import { newId } from '../domain/identifiers';
import { getOrganisation } from '../domain/organisations';
import { mayManageHarvestSources, refusal } from '../domain/policy';
import { type VersionPrecondition, versionToReplace } from '../domain/preconditions';
import { requestShapeProblems } from '../domain/request-schemas';
import { listAll, type StoredRecord, VersionConflictError } from '../storage/catalogue-store';
import { type MirrorSettings, mirrorSettingsOf } from './mirror-settings';

/**
 * Harvest sources: catalogues an organisation harvests metadata from, by
 * schemas/requests/harvest-source.schema.json. Only the organisation's admins and the platform
 * admin manage them, since a source writes datasets in the organisation's name. Someone outside the
 * organisation is told no source exists (404), as for anything of another organisation's they may
 * not see; a member who is not an admin is refused (403).
 */

export const sourceKinds = ['ckan', 'dcat-us', 'dcat-ap', 'socrata', 'opendatasoft'] as const;
export type SourceKind = (typeof sourceKinds)[number];

export interface HarvestFilters {
  fq?: string;
  organisation?: string;
  keywords?: string[];
}

export interface HarvestSource {
  id: string;
  organisation: string;
  title?: string;
  kind: SourceKind;
  url: string;
  schedule: string;
  mode: 'link' | 'mirror';
  /** Mirror mode's settings, defaults filled in (functions/harvest/mirror-settings.ts). */
  mirror?: MirrorSettings;
  filters?: HarvestFilters;
  created: string;
  modified: string;
}

const INPUT_FIELDS = ['title', 'kind', 'url', 'schedule', 'mode', 'mirror', 'filters'] as const;

export const sourceKey = (id: string) => ({ pk: `HARVEST-SOURCE#${id}`, sk: 'SOURCE' });
export const sourceList = (organisation: string) => `HARVEST-SOURCES#${organisation}`;
const listingOf = (source: HarvestSource) => ({ list: sourceList(source.organisation), order: `${source.created}#${source.id}` });

/** Checks the caller may manage the organisation's sources; the organisation must exist. */
const assertManager = async (ctx: DomainContext, caller: Caller, organisation: string): Promise<void> => {
  await getOrganisation(ctx, organisation);
  if (mayManageHarvestSources(caller, organisation)) return;
  if (caller.kind === 'anonymous') throw unauthorized('Sign in with an admin token of the organisation to manage its harvest sources.');
  throw refusal(caller, isMemberOf(caller, organisation), 'harvest source', "manage this organisation's harvest sources (an admin token is needed)");
};

/** The input fields, checked against the schema and the rules a schema cannot state. */
const parseInput = (input: Record<string, unknown>): Pick<HarvestSource, 'title' | 'kind' | 'url' | 'schedule' | 'mode' | 'mirror' | 'filters'> => {
  const problems = requestShapeProblems('harvest-source', input);
  if (problems.length > 0) throw validationFailed(problems);
  const mirror = mirrorSettingsOf(input.mode, input.mirror);
  let url: URL;
  try {
    url = new URL(String(input.url));
  } catch {
    throw validationFailed([{ field: 'url', message: 'must be an absolute http or https URL' }]);
  }
  if (url.username || url.password) throw validationFailed([{ field: 'url', message: 'must not carry credentials' }]);
  const { title, kind, schedule = 'daily', filters } = input as Partial<HarvestSource>;
  const mode = mirror ? 'mirror' : 'link';
  return {
    ...(title ? { title } : {}),
    kind: kind as SourceKind,
    url: url.href,
    schedule,
    mode,
    ...(mirror ? { mirror } : {}),
    ...(filters ? { filters } : {}),
  };
};

/** Only the input fields: server-owned ones (id, organisation, dates) are refused by name. */
const refuseServerFields = (input: Record<string, unknown>): void => {
  const allowed = new Set<string>(INPUT_FIELDS);
  const extra = Object.keys(input).filter((field) => !allowed.has(field));
  if (extra.length > 0) throw validationFailed(extra.map((field) => ({ field, message: 'is not a field a client may set' })));
};

export const createHarvestSource = async (
  ctx: DomainContext,
  caller: Caller,
  organisation: string,
  input: Record<string, unknown>,
): Promise<StoredRecord<HarvestSource>> => {
  await assertManager(ctx, caller, organisation);
  refuseServerFields(input);
  const timestamp = ctx.now().toISOString();
  const source: HarvestSource = { id: newId(), organisation, ...parseInput(input), created: timestamp, modified: timestamp };
  return ctx.catalogue.create(sourceKey(source.id), source, listingOf(source));
};

/** A source of the organisation, for a caller who may manage it; another organisation's is 404. */
export const getHarvestSource = async (ctx: DomainContext, caller: Caller, organisation: string, id: string): Promise<StoredRecord<HarvestSource>> => {
  await assertManager(ctx, caller, organisation);
  const found = await ctx.catalogue.get<HarvestSource>(sourceKey(id));
  if (!found || found.value.organisation !== organisation) throw notFound('harvest source');
  return found;
};

export const listHarvestSources = async (ctx: DomainContext, caller: Caller, organisation: string): Promise<StoredRecord<HarvestSource>[]> => {
  await assertManager(ctx, caller, organisation);
  return listAll<HarvestSource>(ctx.catalogue, sourceList(organisation));
};

/** JSON Merge Patch of the input fields; `filters` is replaced whole (null removes it). */
export const updateHarvestSource = async (
  ctx: DomainContext,
  caller: Caller,
  organisation: string,
  id: string,
  patch: Record<string, unknown>,
  precondition: VersionPrecondition,
): Promise<StoredRecord<HarvestSource>> => {
  const found = await getHarvestSource(ctx, caller, organisation, id);
  refuseServerFields(patch);
  const expectedVersion = versionToReplace(precondition, found.version, true);
  const merged = new Map<string, unknown>(INPUT_FIELDS.filter((field) => found.value[field] !== undefined).map((field) => [field, found.value[field]]));
  for (const [field, value] of Object.entries(patch)) {
    if (value === null) merged.delete(field);
    else merged.set(field, value);
  }
  const source: HarvestSource = { ...found.value, ...parseInput(Object.fromEntries(merged)), modified: ctx.now().toISOString() };
  if (!merged.has('title')) delete source.title;
  if (!merged.has('filters')) delete source.filters;
  if (source.mode === 'link') delete source.mirror;
  try {
    return await ctx.catalogue.replace(sourceKey(id), source, expectedVersion, listingOf(source));
  } catch (error) {
    if (error instanceof VersionConflictError) throw preconditionFailed();
    throw error;
  }
};

/**
 * Removes the source. The datasets it harvested stay (they name the source in their provenance)
 * until an organisation admin deletes them; no further run can touch them.
 */
export const deleteHarvestSource = async (
  ctx: DomainContext,
  caller: Caller,
  organisation: string,
  id: string,
  precondition: VersionPrecondition,
): Promise<void> => {
  const found = await getHarvestSource(ctx, caller, organisation, id);
  const expectedVersion = versionToReplace(precondition, found.version, false);
  try {
    await ctx.catalogue.remove(sourceKey(id), expectedVersion);
  } catch (error) {
    if (error instanceof VersionConflictError) throw preconditionFailed();
    throw error;
  }
};

import { recordAudit } from './audit';
import { type Caller } from './caller';
import type { DatasetProvenance, LinkedResource } from './dataset-provenance';
import type { DomainContext } from './context';
import { conflict, notFound, preconditionFailed, validationFailed } from './errors';
import { isRecordReference, isUuid, newId } from './identifiers';
import { rememberDatasetName, rememberedDatasetId } from './dataset-names';
import { assertValid, refuseServerOwnedFields } from './metadata-schemas';
import { type VersionPrecondition, versionToReplace } from './preconditions';
import { mayCreateDatasetFor, mayEditDataset, mayGovernDataset, maySeeMetadata, refusal, type Tier } from './policy';
import { mutate, RecordExistsError, type RecordKey, VersionConflictError, type StoredRecord } from '../storage/catalogue-store';
import { announceDatasetChange } from '../search/catalogue-changes';
import { HARVESTED_NAME_PREFIX, isHarvestedName } from '../harvest/harvested-name';
import { type LocalAdditions, withLocalEdit } from '../harvest/local-additions';
import { isVersionRange } from '../standards/version-rules';

export interface Dataset {
  id: string;
  name: string;
  title: string;
  description?: string;
  organisation: string;
  tier: Tier;
  licence: string;
  keywords?: string[];
  themes?: string[];
  updateFrequency?: string;
  temporalCoverage?: { start: string; end?: string };
  spatialCoverage?: { gssCodes?: string[]; description?: string };
  contactPoint?: { name?: string; email: string };
  dataSchema?: string;
  /** A semver range of `dataSchema`'s versions (see schemas/dataset.schema.json). */
  dataSchemaVersion?: string;
  created: string;
  modified: string;
  /** Set when deleted: the record stays (nothing lost) but is invisible everywhere. */
  deletedAt?: string;
  /** Set on harvested datasets (functions/harvest): they change only through their source's runs. */
  provenance?: DatasetProvenance;
  linkedResources?: LinkedResource[];
  /** Of a harvested dataset's keywords and themes, those added on the exchange (functions/harvest/local-additions.ts). */
  localAdditions?: LocalAdditions;
}

export const DATASETS = 'DATASETS';
const datasetKey = (id: string) => ({ pk: `DATASET#${id}`, sk: 'DATASET' });
const nameKey = (name: string) => ({ pk: `DATASET-NAME#${name}`, sk: 'NAME' });
const listingOf = (dataset: Dataset) => ({ list: DATASETS, order: dataset.name });

const OPEN_LICENCES = new Set(['OGL-UK-3.0', 'OGL-UK-2.0', 'CC-BY-4.0', 'CC-BY-SA-4.0', 'CC0-1.0', 'ODbL-1.0']);

/** Rules that span fields, after the schema has passed. */
const assertCoherent = (dataset: Dataset): void => {
  // 'other' marks a harvested record whose source's licence is not one the exchange recognises: the
  // record (metadata and links; no data is served from here) is shown, marked, rather than dropped.
  if (dataset.licence === 'other') {
    if (!dataset.provenance) throw validationFailed([{ field: 'licence', message: "'other' is only for harvested records: choose a licence" }]);
    return;
  }
  if (dataset.tier === 'open' && !OPEN_LICENCES.has(dataset.licence)) {
    throw validationFailed([{ field: 'licence', message: 'an open dataset needs an open licence (e.g. OGL-UK-3.0)' }]);
  }
  if (dataset.dataSchemaVersion !== undefined && !isVersionRange(dataset.dataSchemaVersion)) {
    throw validationFailed([{ field: 'dataSchemaVersion', message: 'must be a semantic-version range, such as ^2.0.0 or 1.x' }]);
  }
  const coverage = dataset.temporalCoverage;
  if (coverage?.end && coverage.end < coverage.start) {
    throw validationFailed([{ field: 'temporalCoverage.end', message: 'must not be before start' }]);
  }
};

/**
 * An id no dataset has (newId makes random, version 4 UUIDs; this is the nil UUID). Reading it
 * stands in for the read a hidden dataset would take.
 */
export const NO_DATASET_ID = '00000000-0000-0000-0000-000000000000';

/**
 * Finds a live dataset by id or name, ignoring the caller: callers go through getDataset. A name
 * nobody holds still reads a dataset record (one that cannot exist), so that it takes the same
 * reads as a name held by a dataset the caller may not see: the two 404s cannot be told apart
 * by their timing.
 */
const findDataset = async (ctx: DomainContext, reference: string): Promise<StoredRecord<Dataset> | undefined> => {
  const id = await datasetIdOf(ctx, reference);
  if (id === undefined) return undefined;
  const found = await ctx.catalogue.get<Dataset>(datasetKey(id));
  if (found) rememberDatasetName(ctx, reference, found.value);
  return found && !found.value.deletedAt ? found : undefined;
};

/**
 * The id a reference stands for: a UUID as it is, a name through its claim (NO_DATASET_ID when
 * nobody holds it, so the dataset read that follows is taken all the same) unless the name of a
 * dataset anyone may see was read before (dataset-names.ts); undefined for a reference that
 * cannot name a record (nothing is read).
 */
export const datasetIdOf = async (ctx: DomainContext, reference: string): Promise<string | undefined> => {
  if (!isRecordReference(reference)) return undefined;
  if (isUuid(reference)) return reference;
  const remembered = rememberedDatasetId(ctx, reference);
  if (remembered) return remembered;
  const claim = await ctx.catalogue.get<{ datasetId: string }>(nameKey(reference));
  return claim?.value.datasetId ?? NO_DATASET_ID;
};

/** Where a dataset's record lives (for a read batched with others: see getDatasetWithResources). */
export const datasetRecordKey = datasetKey;

/** A dataset record as read, if it is live and the caller may see it; otherwise the same 404 as for one that never existed. */
export const visibleDataset = (caller: Caller, found: StoredRecord<Dataset> | undefined): StoredRecord<Dataset> => {
  if (!found || found.value.deletedAt || !maySeeMetadata(caller, found.value)) throw notFound('dataset');
  return found;
};

/** The dataset if the caller may see it; otherwise the same 404 as for one that never existed. */
export const getDataset = async (ctx: DomainContext, caller: Caller, reference: string): Promise<StoredRecord<Dataset>> =>
  visibleDataset(caller, await findDataset(ctx, reference));

/**
 * The datasets with these ids that the caller may see, read consistently in one batch, in the
 * order asked; deleted, missing and hidden ones are left out (search results, whose index may lag).
 */
export const getVisibleDatasets = async (ctx: DomainContext, caller: Caller, ids: string[]): Promise<Array<StoredRecord<Dataset>>> =>
  (await getVisibleDatasetsWith(ctx, caller, ids, [])).datasets;

/**
 * getVisibleDatasets, with other records read in the same consistent batch (`alsoRead`, returned
 * in its order, undefined where none is stored): one round trip for a caller that also needs, say,
 * the resources a search document names. Those records passed no policy: keep only what belongs
 * to a dataset returned in `datasets`.
 */
export const getVisibleDatasetsWith = async (
  ctx: DomainContext,
  caller: Caller,
  ids: string[],
  alsoRead: RecordKey[],
): Promise<{ datasets: Array<StoredRecord<Dataset>>; alsoRead: Array<StoredRecord<unknown> | undefined> }> => {
  const found = await ctx.catalogue.getMany<unknown>([...ids.map(datasetKey), ...alsoRead]);
  const datasets = (found.slice(0, ids.length) as Array<StoredRecord<Dataset> | undefined>).filter(
    (record): record is StoredRecord<Dataset> => record !== undefined && !record.value.deletedAt && maySeeMetadata(caller, record.value),
  );
  return { datasets, alsoRead: found.slice(ids.length) };
};

/**
 * How long a name claim whose dataset was never written protects the name. A creation claims the
 * name first and writes the dataset a moment later, so a fresh claim without its dataset is a
 * creation in flight, not an abandoned one: taking it over would let two creations of the same
 * name both succeed. Only a claim older than this (its creation died between the two writes) is
 * taken over.
 */
const ABANDONED_CLAIM_MS = 60_000;

interface NameClaim {
  datasetId: string;
  /** Absent on claims written before claims were dated: those are old enough to be abandoned. */
  claimedAt?: string;
}

const isAbandoned = (ctx: DomainContext, claim: NameClaim): boolean =>
  claim.claimedAt === undefined || ctx.now().getTime() - Date.parse(claim.claimedAt) > ABANDONED_CLAIM_MS;

/**
 * Claims a name for a dataset id. A claim whose dataset was never written (a crash between the
 * two writes) is taken over once it is abandoned (ABANDONED_CLAIM_MS); any other claim means the
 * name is taken.
 */
const claimName = async (ctx: DomainContext, name: string, datasetId: string): Promise<void> => {
  const taken = () => conflict(`The name '${name}' is already taken.`, { field: 'name' });
  const ours: NameClaim = { datasetId, claimedAt: ctx.now().toISOString() };
  try {
    await ctx.catalogue.create(nameKey(name), ours);
    return;
  } catch (error) {
    if (!(error instanceof RecordExistsError)) throw error;
  }
  const claim = await ctx.catalogue.get<NameClaim>(nameKey(name));
  const holder = claim && (await ctx.catalogue.get<Dataset>(datasetKey(claim.value.datasetId)));
  if (!claim || holder || !isAbandoned(ctx, claim.value)) throw taken();
  try {
    await ctx.catalogue.replace(nameKey(name), ours, claim.version);
  } catch (error) {
    if (error instanceof VersionConflictError) throw taken();
    throw error;
  }
};

/** Claims the name, writes the record (releasing the name if that fails) and announces it: every new dataset, native or harvested. */
const writeNewDataset = async (ctx: DomainContext, dataset: Dataset): Promise<StoredRecord<Dataset>> => {
  await claimName(ctx, dataset.name, dataset.id);
  let created: StoredRecord<Dataset>;
  try {
    created = await ctx.catalogue.create(datasetKey(dataset.id), dataset, listingOf(dataset));
  } catch (error) {
    await ctx.catalogue.remove(nameKey(dataset.name)).catch(() => undefined);
    throw error;
  }
  await announceDatasetChange(ctx, dataset.id, created.version);
  return created;
};

export const createDataset = async (
  ctx: DomainContext,
  caller: Caller,
  input: Record<string, unknown>,
  route = 'createDataset',
): Promise<StoredRecord<Dataset>> => {
  if (caller.kind !== 'member' || !mayCreateDatasetFor(caller, caller.organisationId)) {
    throw refusal(caller, true, 'dataset', 'publish datasets (an editor or admin token of the publishing organisation is needed)');
  }
  refuseServerOwnedFields('dataset', input, ['deletedAt']);
  const timestamp = ctx.now().toISOString();
  const record = { tier: 'private', ...input, id: newId(), organisation: caller.organisationId, created: timestamp, modified: timestamp };
  assertValid('dataset', record);
  const dataset = record as Dataset;
  assertCoherent(dataset);
  // The prefix is reserved so a harvested name can never collide with, or pass for, a native one.
  if (isHarvestedName(dataset.name)) {
    throw validationFailed([{ field: 'name', message: `must not start with '${HARVESTED_NAME_PREFIX}' (reserved for harvested datasets)` }]);
  }
  const created = await writeNewDataset(ctx, dataset);
  // Every write names who made it (the person or token, and the organisation they acted for).
  await recordAudit(ctx, caller, dataset, 'dataset.created', route);
  return created;
};

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * JSON Merge Patch (RFC 7396): null removes a field, objects merge, everything else replaces.
 * Fields are the request's own names, so they go through a Map and come back as own properties:
 * a `__proto__` field is then a field the schema refuses, not a new prototype.
 */
const mergePatch = (target: Record<string, unknown>, patch: Record<string, unknown>): Record<string, unknown> => {
  const result = new Map(Object.entries(target));
  for (const [field, value] of Object.entries(patch)) {
    const current = result.get(field);
    if (value === null) result.delete(field);
    else if (isObject(value) && isObject(current)) result.set(field, mergePatch(current, value));
    else result.set(field, value);
  }
  return Object.fromEntries(result);
};

const replaceOrPreconditionFailed = async (ctx: DomainContext, dataset: Dataset, expectedVersion: number, listed: boolean) => {
  try {
    return await ctx.catalogue.replace(datasetKey(dataset.id), dataset, expectedVersion, listed ? listingOf(dataset) : undefined);
  } catch (error) {
    if (error instanceof VersionConflictError) throw preconditionFailed();
    throw error;
  }
};

/**
 * Adds the areas a published version's data covers (GSS codes ingest found: the boroughs its
 * rows lie in or are keyed by) to the dataset's spatial coverage, keeping what the publisher
 * declared (up to the schema's 700 codes). Harvested and deleted datasets are left alone.
 * True when the coverage changed.
 */
export const addCoveredAreas = async (ctx: DomainContext, datasetId: string, gssCodes: readonly string[]): Promise<boolean> => {
  if (gssCodes.length === 0) return false;
  let changed = false;
  await mutate<Dataset>(
    ctx.catalogue,
    datasetKey(datasetId),
    (dataset) => {
      if (dataset.provenance || dataset.deletedAt) return undefined;
      const declared = dataset.spatialCoverage?.gssCodes ?? [];
      const merged = [...new Set([...declared, ...gssCodes])].slice(0, 700);
      changed = merged.length !== declared.length;
      return changed ? { ...dataset, spatialCoverage: { ...dataset.spatialCoverage, gssCodes: merged } } : undefined;
    },
    listingOf,
  );
  return changed;
};

export const updateDataset = async (
  ctx: DomainContext,
  caller: Caller,
  reference: string,
  patch: Record<string, unknown>,
  precondition: VersionPrecondition,
  route: string,
): Promise<StoredRecord<Dataset>> => {
  const found = await getDataset(ctx, caller, reference);
  if (!mayEditDataset(caller, found.value)) throw refusal(caller, true, 'dataset', 'edit this dataset');
  const source = found.value.provenance?.sourceId;
  // A harvested record is changed at its source (its next run would undo an edit), except for
  // local additions of keywords and themes, which its runs keep (409 for anything else).
  const harvested = source === undefined ? undefined : withLocalEdit(found.value, patch, source);
  refuseServerOwnedFields('dataset', patch, ['deletedAt']);
  if ('name' in patch && patch.name !== found.value.name) {
    throw validationFailed([{ field: 'name', message: 'cannot be changed: URLs that consumers use must keep working' }]);
  }
  if ('tier' in patch && patch.tier !== found.value.tier && !mayGovernDataset(caller, found.value)) {
    throw refusal(caller, true, 'dataset', "change this dataset's tier (an admin token is needed)");
  }
  const expectedVersion = versionToReplace(precondition, found.version, true);
  const merged = (harvested ?? mergePatch(found.value as unknown as Record<string, unknown>, patch)) as Record<string, unknown>;
  merged.modified = ctx.now().toISOString();
  assertValid('dataset', merged);
  const dataset = merged as unknown as Dataset;
  assertCoherent(dataset);
  const updated = await replaceOrPreconditionFailed(ctx, dataset, expectedVersion, true);
  await announceDatasetChange(ctx, dataset.id, updated.version);
  if (dataset.tier !== found.value.tier) {
    await recordAudit(ctx, caller, dataset, 'dataset.tier-changed', route, { from: found.value.tier, to: dataset.tier });
  }
  await recordAudit(ctx, caller, dataset, 'dataset.updated', route, { fields: Object.keys(patch) });
  return updated;
};

/**
 * A harvest run's writes, on its source's behalf (the run checked who may start it). The record is
 * complete (organisation, tier, provenance set by the run) and validated like any other.
 */
export const createHarvestedDataset = async (ctx: DomainContext, dataset: Dataset): Promise<StoredRecord<Dataset>> => {
  assertValid('dataset', dataset);
  assertCoherent(dataset);
  return writeNewDataset(ctx, dataset);
};

/** Keys and listing of a dataset's records, for a harvest run's batched writes (functions/harvest/harvest-writes.ts). */
export const datasetRecords = { key: datasetKey, nameKey, listing: listingOf } as const;

export type { NameClaim };

/** The checks every harvested record passes before it is written (schema, then rules across fields). */
export const checkHarvestedDataset = (dataset: Dataset): void => {
  assertValid('dataset', dataset);
  assertCoherent(dataset);
};

export const replaceHarvestedDataset = async (ctx: DomainContext, dataset: Dataset, expectedVersion: number): Promise<StoredRecord<Dataset>> => {
  assertValid('dataset', dataset);
  assertCoherent(dataset);
  const replaced = await replaceOrPreconditionFailed(ctx, dataset, expectedVersion, true);
  await announceDatasetChange(ctx, dataset.id, replaced.version);
  return replaced;
};

/** Deletion keeps the record as a tombstone (nothing lost) and its name (no URL is reused). */
export const deleteDataset = async (ctx: DomainContext, caller: Caller, reference: string, precondition: VersionPrecondition, route: string): Promise<void> => {
  const found = await getDataset(ctx, caller, reference);
  if (!mayGovernDataset(caller, found.value)) throw refusal(caller, true, 'dataset', 'delete this dataset (an admin token is needed)');
  const expectedVersion = versionToReplace(precondition, found.version, false);
  const tombstone: Dataset = { ...found.value, deletedAt: ctx.now().toISOString() };
  const deleted = await replaceOrPreconditionFailed(ctx, tombstone, expectedVersion, false);
  await announceDatasetChange(ctx, tombstone.id, deleted.version);
  await recordAudit(ctx, caller, tombstone, 'dataset.deleted', route);
};

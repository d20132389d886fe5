import { type Caller } from './caller';
import type { DomainContext } from './context';
import { type Dataset, datasetIdOf, datasetRecordKey, getDataset, visibleDataset } from './datasets';
import { rememberDatasetName } from './dataset-names';
import { conflict, notFound, validationFailed } from './errors';
import { isSlug, isUuid, newId } from './identifiers';
import { mayEditDataset, refusal } from './policy';
import { isVersionRange } from '../standards/version-rules';
import { requestShapeProblems } from './request-schemas';
import { listAll, RecordExistsError, type StoredRecord } from '../storage/catalogue-store';
import { announceDatasetChange } from '../search/catalogue-changes';
import { resourceKey, resourceListing } from './resource-keys';
import { settleOverdueResource } from './version-outcome';
import type { Resource } from './resource-record';

export type { PublishedVersionSummary, Resource, ResourceStatus } from './resource-record';
export { resourceKey, resourceListing } from './resource-keys';

/** A new resource's fields, by schemas/requests/resource-input.schema.json (the format in any case). */
type ResourceInput = Pick<Resource, 'name' | 'title' | 'description' | 'format' | 'dataSchema' | 'dataSchemaVersion' | 'sheet'>;

const parseResourceInput = (input: Record<string, unknown>): ResourceInput => {
  const fields = typeof input.format === 'string' ? { ...input, format: input.format.toLowerCase() } : input;
  const problems = requestShapeProblems('resource-input', fields);
  if (problems.length > 0) throw validationFailed(problems);
  const { name, title, description, format, dataSchema, dataSchemaVersion, sheet } = fields as ResourceInput;
  if (dataSchemaVersion !== undefined && !isVersionRange(dataSchemaVersion)) {
    throw validationFailed([{ field: 'dataSchemaVersion', message: 'must be a semantic-version range, such as ^2.0.0 or 1.x' }]);
  }
  return { name, title, description, format, dataSchema, ...(dataSchemaVersion ? { dataSchemaVersion } : {}), ...(sheet ? { sheet } : {}) };
};

/** Checks a schema id against the registry before anything is stored. */
export type SchemaExists = (id: string) => boolean;

export const createResource = async (
  ctx: DomainContext,
  caller: Caller,
  datasetReference: string,
  input: Record<string, unknown>,
  schemaExists: SchemaExists,
): Promise<{ dataset: StoredRecord<Dataset>; resource: StoredRecord<Resource> }> => {
  const dataset = await getDataset(ctx, caller, datasetReference);
  if (!mayEditDataset(caller, dataset.value)) throw refusal(caller, true, 'dataset', 'add resources to this dataset');
  const fields = parseResourceInput(input);
  const dataSchema = fields.dataSchema ?? dataset.value.dataSchema;
  // The dataset's range goes with the dataset's schema; a resource naming its own schema names its own range.
  const dataSchemaVersion = fields.dataSchema ? fields.dataSchemaVersion : (fields.dataSchemaVersion ?? dataset.value.dataSchemaVersion);
  if (dataSchema && !schemaExists(dataSchema)) throw validationFailed([{ field: 'dataSchema', message: `no common data schema '${dataSchema}'` }]);
  const timestamp = ctx.now().toISOString();
  const resource: Resource = {
    ...fields,
    ...(dataSchema ? { dataSchema } : {}),
    ...(dataSchema && dataSchemaVersion ? { dataSchemaVersion } : {}),
    id: newId(),
    datasetId: dataset.value.id,
    status: 'awaiting-upload',
    latestVersion: 0,
    created: timestamp,
    modified: timestamp,
  };
  let created: StoredRecord<Resource>;
  try {
    created = await ctx.catalogue.create(resourceKey(dataset.value.id, resource.name), resource, resourceListing(resource));
  } catch (error) {
    if (error instanceof RecordExistsError) throw conflict(`This dataset already has a resource named '${resource.name}'.`, { field: 'name' });
    throw error;
  }
  await announceDatasetChange(ctx, dataset.value.id);
  return { dataset, resource: created };
};

const resourcesList = (datasetId: string) => `RESOURCES#${datasetId}`;
const LISTING_PAGE = 1000;

/** An ingest that stopped without ending its version is ended here once overdue, never left validating. */
const settled = (ctx: DomainContext, resources: StoredRecord<Resource>[]): Promise<StoredRecord<Resource>[]> =>
  Promise.all(resources.map((r) => (r.value.status === 'validating' ? settleOverdueResource(ctx, r) : r)));

export const listResources = async (ctx: DomainContext, dataset: Dataset): Promise<StoredRecord<Resource>[]> =>
  settled(ctx, await listAll<Resource>(ctx.catalogue, resourcesList(dataset.id), { pageSize: LISTING_PAGE }));

/**
 * A dataset the caller may see and its resources (as listResources gives them), with the dataset
 * record read in the same consistent batch as the first page of its resources: a name, a listing
 * and one batch, one round trip fewer than getDataset then listResources. The policy decides on
 * the dataset as read in that batch before anything is returned; an unknown name takes the same
 * reads (its claim, then the listing and batch of NO_DATASET_ID) and the same 404 as a hidden one.
 */
export const getDatasetWithResources = async (
  ctx: DomainContext,
  caller: Caller,
  reference: string,
): Promise<{ dataset: StoredRecord<Dataset>; resources: StoredRecord<Resource>[] }> => {
  const id = await datasetIdOf(ctx, reference);
  if (id === undefined) throw notFound('dataset');
  const first = await ctx.catalogue.list<Resource>(resourcesList(id), { limit: LISTING_PAGE, alsoRead: [datasetRecordKey(id)] });
  const found = first.alsoRead?.[0] as StoredRecord<Dataset> | undefined;
  if (found) rememberDatasetName(ctx, reference, found.value);
  const dataset = visibleDataset(caller, found);
  const resources = [...first.items];
  for (let after = first.next; after; ) {
    const page = await ctx.catalogue.list<Resource>(resourcesList(id), { limit: LISTING_PAGE, after });
    resources.push(...page.items);
    after = page.next;
  }
  return { dataset, resources: await settled(ctx, resources) };
};

/** A resource of a dataset the caller may see (by name or id), else 404. */
export const getResource = async (
  ctx: DomainContext,
  caller: Caller,
  datasetReference: string,
  resourceReference: string,
): Promise<{ dataset: StoredRecord<Dataset>; resource: StoredRecord<Resource> }> => {
  let dataset: StoredRecord<Dataset>;
  let resource: StoredRecord<Resource> | undefined;
  if (isSlug(resourceReference)) {
    // Named: the resource is read in the same consistent batch as its dataset, and used only once
    // the policy has judged the dataset as read there. An unknown name reads as many records.
    const id = await datasetIdOf(ctx, datasetReference);
    if (id === undefined) throw notFound('dataset');
    const [found, named] = await ctx.catalogue.getMany<unknown>([datasetRecordKey(id), resourceKey(id, resourceReference)]);
    if (found) rememberDatasetName(ctx, datasetReference, (found as StoredRecord<Dataset>).value);
    dataset = visibleDataset(caller, found as StoredRecord<Dataset> | undefined);
    resource = named as StoredRecord<Resource> | undefined;
  } else dataset = await getDataset(ctx, caller, datasetReference);
  if (!resource && isUuid(resourceReference)) resource = (await listResources(ctx, dataset.value)).find((r) => r.value.id === resourceReference);
  if (!resource) throw notFound('resource');
  // An ingest that stopped without ending its version is ended here once overdue, never left validating.
  if (resource.value.status === 'validating') resource = await settleOverdueResource(ctx, resource);
  return { dataset, resource };
};

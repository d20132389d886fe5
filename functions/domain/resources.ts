import { type Caller } from './caller';
import type { DomainContext } from './context';
import { type Dataset, getDataset } from './datasets';
import { conflict, notFound, validationFailed } from './errors';
import { isSlug, isUuid, newId } from './identifiers';
import { mayEditDataset, refusal } from './policy';
import { requestShapeProblems } from './request-schemas';
import { listAll, RecordExistsError, type StoredRecord } from '../storage/catalogue-store';
import { announceDatasetChange } from '../search/catalogue-changes';
import { resourceKey, resourceListing } from './resource-keys';
import { settleOverdueResource } from './version-outcome';
import type { Resource } from './resource-record';

export type { PublishedVersionSummary, Resource, ResourceStatus } from './resource-record';
export { resourceKey, resourceListing } from './resource-keys';

/** A new resource's fields, by schemas/requests/resource-input.schema.json (the format in any case). */
const parseResourceInput = (input: Record<string, unknown>): Pick<Resource, 'name' | 'title' | 'description' | 'format' | 'dataSchema' | 'sheet'> => {
  const fields = typeof input.format === 'string' ? { ...input, format: input.format.toLowerCase() } : input;
  const problems = requestShapeProblems('resource-input', fields);
  if (problems.length > 0) throw validationFailed(problems);
  const { name, title, description, format, dataSchema, sheet } = fields as Pick<
    Resource,
    'name' | 'title' | 'description' | 'format' | 'dataSchema' | 'sheet'
  >;
  return { name, title, description, format, dataSchema, ...(sheet ? { sheet } : {}) };
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
  if (dataSchema && !schemaExists(dataSchema)) throw validationFailed([{ field: 'dataSchema', message: `no common data schema '${dataSchema}'` }]);
  const timestamp = ctx.now().toISOString();
  const resource: Resource = {
    ...fields,
    ...(dataSchema ? { dataSchema } : {}),
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

export const listResources = async (ctx: DomainContext, dataset: Dataset): Promise<StoredRecord<Resource>[]> => {
  const resources = await listAll<Resource>(ctx.catalogue, `RESOURCES#${dataset.id}`);
  return Promise.all(resources.map((r) => (r.value.status === 'validating' ? settleOverdueResource(ctx, r) : r)));
};

/** A resource of a dataset the caller may see (by name or id), else 404. */
export const getResource = async (
  ctx: DomainContext,
  caller: Caller,
  datasetReference: string,
  resourceReference: string,
): Promise<{ dataset: StoredRecord<Dataset>; resource: StoredRecord<Resource> }> => {
  const dataset = await getDataset(ctx, caller, datasetReference);
  let resource: StoredRecord<Resource> | undefined;
  if (isSlug(resourceReference)) resource = await ctx.catalogue.get<Resource>(resourceKey(dataset.value.id, resourceReference));
  if (!resource && isUuid(resourceReference)) resource = (await listResources(ctx, dataset.value)).find((r) => r.value.id === resourceReference);
  if (!resource) throw notFound('resource');
  // An ingest that stopped without ending its version is ended here once overdue, never left validating.
  if (resource.value.status === 'validating') resource = await settleOverdueResource(ctx, resource);
  return { dataset, resource };
};

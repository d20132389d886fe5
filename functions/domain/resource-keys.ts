import type { Resource } from './resource-record';

/** Where a resource's record lives, and its place in its dataset's listing. */
export const resourceKey = (datasetId: string, name: string) => ({ pk: `DATASET#${datasetId}`, sk: `RESOURCE#${name}` });
export const resourceListing = (resource: Resource) => ({ list: `RESOURCES#${resource.datasetId}`, order: `${resource.created}#${resource.name}` });

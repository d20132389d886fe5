import { type Caller } from './caller';
import type { DomainContext } from './context';
import type { Dataset } from './datasets';
import { ExchangeError, notFound } from './errors';
import { activeGrants } from './grants';
import { mayReadData } from './policy';
import { getResource, type Resource } from './resources';
import { findVersion, type ResourceVersion } from './versions';
import type { StoredRecord } from '../storage/catalogue-store';

export interface DataReadPermit {
  /** When the caller's right ends (its grant's expiry); absent for open data and the publisher. */
  until?: Date;
}

/**
 * The gate every data read passes (downloads, reports, rows, previews): the policy decides with
 * the grants active at this moment. Without the right, the data is a 404, as if it did not exist.
 */
export const permitDataRead = async (ctx: DomainContext, caller: Caller, dataset: Dataset): Promise<DataReadPermit> => {
  // Open data and the publisher need no grant; a caller no grant could help gets no grant read
  // either (feeds and pages ask this once per dataset).
  if (mayReadData(caller, dataset)) return {};
  if (caller.kind !== 'member' || !mayReadData(caller, dataset, new Set([caller.organisationId]))) throw notFound('data');
  const grants = await activeGrants(ctx, dataset);
  if (!mayReadData(caller, dataset, new Set(grants.keys()))) throw notFound('data');
  const grant = caller.kind === 'member' ? grants.get(caller.organisationId) : undefined;
  return grant ? { until: new Date(grant.expiresAt) } : {};
};

export interface ReadableVersion {
  dataset: Dataset;
  resourceName: string;
  version: StoredRecord<ResourceVersion>;
  permit: DataReadPermit;
}

/** A version whose data the caller may read; otherwise a 404 exactly as if there were no data. */
export const readableVersion = async (
  ctx: DomainContext,
  caller: Caller,
  datasetReference: string,
  resourceReference: string,
  requestedVersion: number | undefined,
): Promise<ReadableVersion> => {
  const { dataset, resource } = await getResource(ctx, caller, datasetReference, resourceReference);
  return readableVersionOf(ctx, caller, dataset.value, resource.value, requestedVersion);
};

/**
 * The same gate for a dataset and resource this request has already read through the policy
 * (getDataset, then getResource or listResources): they are not read again, the permit is.
 */
export const readableVersionOf = async (
  ctx: DomainContext,
  caller: Caller,
  dataset: Dataset,
  resource: Resource,
  requestedVersion: number | undefined,
): Promise<ReadableVersion> => {
  const permit = await permitDataRead(ctx, caller, dataset);
  const number = requestedVersion ?? resource.current?.version;
  const version = number === undefined ? undefined : await findVersion(ctx, resource, number);
  if (!version) throw notFound('version');
  return { dataset, resourceName: resource.name, version, permit };
};

/** Whether the caller may read the dataset's data now (permitDataRead, as a yes or no: for pages and feeds that only show it). */
export const mayReadDataNow = async (ctx: DomainContext, caller: Caller, dataset: Dataset): Promise<boolean> => {
  try {
    await permitDataRead(ctx, caller, dataset);
    return true;
  } catch (error) {
    if (error instanceof ExchangeError && error.code === 'not_found') return false;
    throw error;
  }
};

/** Seconds a link may live: `wanted`, but never beyond the permit. */
export const linkLifetime = (ctx: DomainContext, permit: DataReadPermit, wanted: number): number => {
  if (!permit.until) return wanted;
  const remaining = Math.floor((permit.until.getTime() - ctx.now().getTime()) / 1000);
  return Math.max(1, Math.min(wanted, remaining));
};

import type { DomainContext } from './domain/context';
import { type AwsEndpoints, createDocumentClient } from './storage/aws-clients';
import { DynamoCatalogueStore } from './storage/dynamo-catalogue-store';

export interface Wiring {
  endpoints: AwsEndpoints;
  tableName: string;
  adminTokenSha256?: string;
  now?: () => Date;
}

/** Builds the domain's ports from real AWS SDK clients (pointed at AWS or at the emulators). */
export const createDomainContext = ({ endpoints, tableName, adminTokenSha256, now }: Wiring): DomainContext => ({
  catalogue: new DynamoCatalogueStore(createDocumentClient(endpoints), tableName),
  now: now ?? (() => new Date()),
  adminTokenSha256,
});

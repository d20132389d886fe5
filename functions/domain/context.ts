import type { CatalogueStore } from '../storage/catalogue-store';

/** What domain operations need from the outside world; built once per process and injected. */
export interface DomainContext {
  catalogue: CatalogueStore;
  now: () => Date;
  /** sha256 (hex) of the platform administrator token; absent = no platform administrator. */
  adminTokenSha256?: string;
}

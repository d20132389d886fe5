import type { IdentityProviderConfig } from '../identity/provider-config';
import type { CatalogueStore } from '../storage/catalogue-store';
import type { EventBus } from '../storage/event-bus';
import type { SchemaEventPublisher } from '../standards/events/publisher';
import type { ObjectStore } from '../storage/object-store';

/** What domain operations need from the outside world; built once per process and injected. */
export interface DomainContext {
  catalogue: CatalogueStore;
  objects: ObjectStore;
  now: () => Date;
  /** sha256 (hex) of the platform administrator token; absent = no platform administrator. */
  adminTokenSha256?: string;
  /** Where catalogue-changed events go (the search indexer); absent = nobody listens. */
  events?: EventBus;
  /** Where schema events go (EventBridge in AWS, in-process locally); absent = they wait in the outbox. */
  schemaEvents?: SchemaEventPublisher;
  /** Scratch space for ingest (Lambda: /tmp). */
  workDir: string;
  /** The OpenID providers people sign in with (functions/identity/provider-config.ts); none: token sign-in only. */
  identityProviders?: readonly IdentityProviderConfig[];
}

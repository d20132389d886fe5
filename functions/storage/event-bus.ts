/**
 * The event-bus port: how writers tell the indexer that the catalogue changed. In AWS an SQS FIFO
 * queue with one message group (one indexer at a time); locally an in-process serialised queue
 * (event-bus-local.ts). Events are only wake-up calls: the indexer re-reads the change log and the
 * current records, so a duplicate, late or lost event never makes the index wrong.
 */
export interface CatalogueChanged {
  type: 'catalogue.changed';
  datasetId: string;
  /** Record version of the dataset when the change was written (absent for resource-only changes). */
  datasetVersion?: number;
  /** Position of the change in the search change log (functions/search/change-log.ts). */
  seq: number;
  at: string;
}

export interface EventBus {
  publish(event: CatalogueChanged): Promise<void>;
}

/** Handles a batch of events; throwing asks the bus to deliver them again (SQS) or reports them (local). */
export type CatalogueChangedHandler = (events: CatalogueChanged[]) => Promise<void>;

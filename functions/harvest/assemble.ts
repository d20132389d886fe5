import { defined, text } from './fields';
import { harvestedDatasetName } from './harvested-name';
import type { HarvestedDataset, HarvestedResource, MapContext, Provenance, SourceKind } from './harvested-dataset';
import { recordHash } from './record-hash';

/**
 * The last step of every mapper: name, provenance and content hash around the mapped fields, so
 * every source kind fills them the same way.
 */

/** A record that cannot be mapped (no identifier, no title): becomes that record's failure, not the page's. */
export class RecordError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RecordError';
  }
}

export type MappedFields = Omit<HarvestedDataset, 'name' | 'provenance' | 'title' | 'resources'> & {
  title: string | undefined;
  resources: ReadonlyArray<HarvestedResource | undefined>;
};

export interface SourceFacts {
  identifier: string | undefined;
  /** A name the source gives the record for people (CKAN's `name`), used in the exchange name's slug. */
  readableName?: string;
  recordUrl?: string;
  lastChangedAtSource?: string;
  licenceAtSource?: string;
}

export const assemble = (kind: SourceKind, context: MapContext, facts: SourceFacts, fields: MappedFields): HarvestedDataset => {
  const identifier = text(facts.identifier);
  if (!identifier) throw new RecordError('the record has no identifier');
  if (!fields.title) throw new RecordError('the record has no title');
  const resources = fields.resources.filter((resource): resource is HarvestedResource => resource !== undefined);
  const content = defined({ ...fields, title: fields.title, resources: undefined });
  const name = harvestedDatasetName(context.sourceId, identifier, text(facts.readableName));
  const contentHash = recordHash({ name, ...content, resources, licenceAtSource: text(facts.licenceAtSource) });
  const provenance: Provenance = defined({
    sourceId: context.sourceId,
    sourceKind: kind,
    identifier,
    recordUrl: text(facts.recordUrl),
    firstHarvested: context.firstHarvested ?? context.harvestedAt,
    lastHarvested: context.harvestedAt,
    lastChangedAtSource: text(facts.lastChangedAtSource),
    licenceAtSource: text(facts.licenceAtSource),
    contentHash,
  });
  return { name, ...content, resources, provenance } as HarvestedDataset;
};

import type { HarvestedDataset, MappedRecord } from './harvested-dataset';

/**
 * Maps each record of a page on its own: a record that throws becomes a failure with its position
 * and, when it can be read, its identifier, and the rest of the page carries on.
 */
export const mapEach = <T>(items: ReadonlyArray<T>, mapOne: (item: T) => HarvestedDataset, identifierOf: (item: T) => string | undefined): MappedRecord[] =>
  items.map((item, index): MappedRecord => {
    try {
      return { ok: true, dataset: mapOne(item) };
    } catch (error) {
      let identifier: string | undefined;
      try {
        identifier = identifierOf(item);
      } catch {
        identifier = undefined;
      }
      const message = error instanceof Error ? error.message : String(error);
      return { ok: false, failure: identifier === undefined ? { index, message } : { index, identifier, message } };
    }
  });

import { conflict, validationFailed } from '../domain/errors';

/**
 * Local additions to a harvested dataset: keywords and themes added on the exchange to what the
 * source gives. The record's `keywords` and `themes` are shown merged (the source's, then the
 * additions), and `localAdditions` says which are the exchange's own, so a harvest run can rebuild
 * the merge from the source's new fields and keep them. The record hash covers only the source's
 * fields (assemble.ts), so an addition never makes a run rewrite the record. An addition the source
 * has since made its own is the source's from then on. Everything else about a harvested dataset is
 * changed at its source.
 */

export const LOCAL_ADDITION_FIELDS = ['keywords', 'themes'] as const;
type Field = (typeof LOCAL_ADDITION_FIELDS)[number];

export type LocalAdditions = Partial<Record<Field, string[]>>;

/** The fields of a dataset record this reads and writes (structural: the domain's Dataset has them). */
export interface WithLocalAdditions {
  keywords?: string[];
  themes?: string[];
  localAdditions?: LocalAdditions;
}

const isLocalField = (field: string): field is Field => (LOCAL_ADDITION_FIELDS as readonly string[]).includes(field);

/** The source's values followed by the additions it does not give; the additions kept; undefined for none. */
const merge = (fromSource: readonly string[], added: readonly string[]) => {
  const kept = [...new Set(added.filter((value) => !fromSource.includes(value)))];
  const shown = [...fromSource, ...kept];
  return { shown: shown.length > 0 ? shown : undefined, kept: kept.length > 0 ? kept : undefined };
};

const withFields = <T extends WithLocalAdditions>(record: T, fields: Map<Field, ReturnType<typeof merge>>): T => {
  const result = new Map(Object.entries(record));
  const additions = new Map(Object.entries(record.localAdditions ?? {}));
  for (const [field, { shown, kept }] of fields) {
    if (shown) result.set(field, shown);
    else result.delete(field);
    if (kept) additions.set(field, kept);
    else additions.delete(field);
  }
  if (additions.size > 0) result.set('localAdditions', Object.fromEntries(additions));
  else result.delete('localAdditions');
  return Object.fromEntries(result) as T;
};

/**
 * A harvest run's record with the stored record's local additions kept: `fromSource` has the
 * source's keywords and themes only.
 */
export const keepLocalAdditions = <T extends WithLocalAdditions>(fromSource: T, stored: WithLocalAdditions | undefined): T => {
  const local = stored?.localAdditions;
  if (!local) return fromSource;
  return withFields(fromSource, new Map(LOCAL_ADDITION_FIELDS.map((field) => [field, merge(fromSource[field] ?? [], local[field] ?? [])])));
};

/**
 * A harvested record after an API edit (JSON Merge Patch) of its keywords or themes: the values
 * sent are what is shown; those the source does not give become local additions (null: none). Any
 * other field, or leaving out a value the source gives, is the source's to change: 409 naming the source.
 */
export const withLocalEdit = <T extends WithLocalAdditions>(record: T, patch: Record<string, unknown>, sourceId: string): T => {
  const atSource = Object.keys(patch).filter((field) => !isLocalField(field));
  if (atSource.length > 0) {
    throw conflict(`This dataset is harvested from harvest source ${sourceId}: change it at the source (keywords and themes can be added here).`, {
      harvestSource: sourceId,
      fields: atSource,
    });
  }
  const fields = new Map<Field, ReturnType<typeof merge>>();
  for (const field of LOCAL_ADDITION_FIELDS) {
    if (!Object.hasOwn(patch, field)) continue;
    const added = new Set(record.localAdditions?.[field] ?? []);
    const fromSource = (record[field] ?? []).filter((value) => !added.has(value));
    // null (Merge Patch's "remove") removes the additions: the source's values stay.
    const sent = patch[field] === null ? fromSource : patch[field];
    if (!Array.isArray(sent) || !sent.every((value) => typeof value === 'string')) {
      throw validationFailed([{ field, message: 'must be an array of strings, or null (no local additions)' }]);
    }
    const removed = fromSource.filter((value) => !sent.includes(value));
    if (removed.length > 0) {
      throw conflict(
        `This dataset is harvested from harvest source ${sourceId}: its ${field} ${removed.map((v) => `'${v}'`).join(', ')} come from the source and are changed there.`,
        {
          harvestSource: sourceId,
          field,
        },
      );
    }
    fields.set(field, merge(fromSource, sent as string[]));
  }
  return withFields(record, fields);
};

import type { Caller } from '../domain/caller';
import { maySeeMetadata, type Tier } from '../domain/policy';
import type { FieldValues } from './field-values';

/**
 * Documents grouped by the only facts the metadata policy looks at: organisation and tier. The
 * policy is asked once per group per query (not once per document), and each group keeps the
 * facet counts of its documents, so a query whose only restriction is the policy (browsing
 * everything) adds up a few groups instead of counting every document.
 */
export interface PolicyGroup {
  organisation: string;
  tier: Tier;
  size: number;
  /** Per field, value number → documents of the group holding it. */
  counts: Map<string, Map<number, number>>;
}

export class PolicyGroups {
  readonly all: PolicyGroup[] = [];
  /** Organisation → tier → group number (Maps: both come from records, so neither may index an object). */
  private readonly byOrganisation = new Map<string, Map<Tier, number>>();

  idOf(organisation: string, tier: Tier): number {
    let tiers = this.byOrganisation.get(organisation);
    if (!tiers) this.byOrganisation.set(organisation, (tiers = new Map()));
    let id = tiers.get(tier);
    if (id === undefined) {
      id = this.all.length;
      tiers.set(tier, id);
      this.all.push({ organisation, tier, size: 0, counts: new Map() });
    }
    return id;
  }

  /**
   * 1 for each group whose documents the caller may see (the policy asked once per group), 0 for
   * the others and, with `excludePrivate`, for private ones.
   */
  visibleTo(caller: Caller, excludePrivate: boolean): Uint8Array {
    return Uint8Array.from(this.all, (group) => (maySeeMetadata(caller, group) && !(excludePrivate && group.tier === 'private') ? 1 : 0));
  }

  /** Records (delta 1) or forgets (delta -1) a slot's values of each field in its group. */
  change(id: number, fields: readonly FieldValues[], slot: number, delta: 1 | -1): void {
    const group = this.all[id];
    group.size += delta;
    for (const field of fields) {
      let counts = group.counts.get(field.name);
      if (!counts) group.counts.set(field.name, (counts = new Map()));
      field.tally(slot, counts, delta);
    }
  }
}

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
  readonly organisation: string;
  readonly tier: Tier;
  readonly size: number;
  /** Per field, value number → documents of the group holding it. */
  readonly counts: Map<string, Map<number, number>>;
}

/** Each live slot's group number, as the owning index keeps them. */
export interface GroupedSlots {
  alive: Uint8Array;
  groupOf: Int32Array;
}

class Group implements PolicyGroup {
  size = 0;
  /** Made when first read (all groups at once), then kept up to date. */
  tallied?: Map<string, Map<number, number>>;

  constructor(
    readonly organisation: string,
    readonly tier: Tier,
    private readonly owner: PolicyGroups,
  ) {}

  get counts(): Map<string, Map<number, number>> {
    if (!this.tallied) this.owner.tallyAll();
    return this.tallied!;
  }
}

/**
 * The groups' facet counts are first counted when a query reads them (one pass over the slots),
 * not as each document is placed: a loading snapshot places every document, and a text query
 * counts its matches instead of reading the groups' counts.
 */
export class PolicyGroups {
  private readonly groups: Group[] = [];
  readonly all: readonly PolicyGroup[] = this.groups;
  /** Organisation → tier → group number (Maps: both come from records, so neither may index an object). */
  private readonly byOrganisation = new Map<string, Map<Tier, number>>();
  private tallied = false;

  constructor(
    private readonly slots: GroupedSlots,
    private readonly fields: readonly FieldValues[],
  ) {}

  idOf(organisation: string, tier: Tier): number {
    let tiers = this.byOrganisation.get(organisation);
    if (!tiers) this.byOrganisation.set(organisation, (tiers = new Map()));
    let id = tiers.get(tier);
    if (id === undefined) {
      id = this.groups.length;
      tiers.set(tier, id);
      this.groups.push(new Group(organisation, tier, this));
      if (this.tallied) this.groups[id].tallied = new Map(this.fields.map((field) => [field.name, new Map()]));
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

  /**
   * Records (delta 1, once the slot's values are set) or forgets (delta -1, before they are
   * cleared) a slot in its group; its values are counted only once the counts have been made.
   */
  change(id: number, slot: number, delta: 1 | -1): void {
    const group = this.groups[id];
    group.size += delta;
    if (this.tallied) for (const field of this.fields) field.tally(slot, group.tallied!.get(field.name)!, delta);
  }

  /** Counts every live slot's values into its group's counts, which are kept up to date from then on. */
  tallyAll(): void {
    for (const group of this.groups) group.tallied = new Map(this.fields.map((field) => [field.name, new Map()]));
    this.tallied = true;
    const { alive, groupOf } = this.slots;
    for (let slot = 0; slot < alive.length; slot++) {
      if (alive[slot] !== 1) continue;
      const counts = this.groups[groupOf[slot]].tallied!;
      for (const field of this.fields) field.tally(slot, counts.get(field.name)!, 1);
    }
  }
}

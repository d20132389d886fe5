import type { DomainContext } from '../domain/context';
import { listOrganisations } from '../domain/organisations';

/**
 * Organisation ids to display names, for labels on listing pages. Organisations are public and
 * are a few dozen records that rarely change, so the map is kept for a short while per process
 * (it decides nothing about access: a stale name is only a stale label).
 */
const KEEP_MS = 30_000;
const kept = new WeakMap<DomainContext, { until: number; names: Promise<Map<string, string>> }>();

export const organisationNames = (ctx: DomainContext): Promise<Map<string, string>> => {
  const now = Date.now();
  const entry = kept.get(ctx);
  if (entry && entry.until > now) return entry.names;
  const names = listOrganisations(ctx).then((list) => new Map(list.map((o) => [o.value.id, o.value.name])));
  kept.set(ctx, { until: now + KEEP_MS, names });
  names.catch(() => kept.delete(ctx));
  return names;
};

export const nameOf = (names: Map<string, string>, id: string): string => names.get(id) ?? id;

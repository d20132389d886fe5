import { listOrganisations, type Organisation } from '../../domain/organisations';
import type { CkanAction } from '../action-types';
import { organizationDict } from '../ckan-dicts';
import { ckanValidationError } from '../errors';
import { booleanParam, listParam, naturalParam, textParam } from '../params';
import { visibleDatasetCounts } from './organization-counts';

const MAX_ORGANIZATIONS = 1000;

type SortKey = 'name' | 'title' | 'package_count';

/** CKAN's `sort`: "title asc" (its default), "name desc", "package_count desc"… */
const parseSort = (raw: string): { key: SortKey; direction: 1 | -1 } => {
  const match = /^\s*(name|title|package_count)(?:\s+(asc|desc))?\s*$/i.exec(raw);
  if (!match) throw ckanValidationError({ sort: ["Allowed sort fields are 'name', 'title' and 'package_count', each with asc or desc"] });
  return { key: match[1].toLowerCase() as SortKey, direction: match[2]?.toLowerCase() === 'desc' ? -1 : 1 };
};

/** organization_list: every organisation's name, or with all_fields its dictionary; counts follow the policy. */
export const organizationList: CkanAction = async (ctx, params) => {
  const sort = parseSort(textParam(params, 'sort') || 'title asc');
  const wanted = listParam(params, 'organizations');
  const offset = naturalParam(params, 'offset', 0)!;
  const limit = naturalParam(params, 'limit', MAX_ORGANIZATIONS, MAX_ORGANIZATIONS)!;
  const counts = await visibleDatasetCounts(ctx.domain, ctx.caller);
  const keyOf = (o: Organisation): string | number => (sort.key === 'name' ? o.id : sort.key === 'title' ? o.name.toLowerCase() : (counts.get(o.id) ?? 0));
  const organisations = (await listOrganisations(ctx.domain))
    .map((o) => o.value)
    .filter((o) => !wanted || wanted.includes(o.id))
    .sort((a, b) => {
      const [ka, kb] = [keyOf(a), keyOf(b)];
      return ka === kb ? (a.id < b.id ? -1 : 1) : (ka < kb ? -1 : 1) * sort.direction;
    })
    .slice(offset, offset + limit);
  if (!booleanParam(params, 'all_fields', false)) return organisations.map((o) => o.id);
  const withCounts = booleanParam(params, 'include_dataset_count', true);
  return organisations.map((o) => {
    const dict = organizationDict(o, counts.get(o.id) ?? 0);
    if (withCounts) return dict;
    const { package_count: _count, ...rest } = dict;
    return rest;
  });
};

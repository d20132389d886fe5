import type { CkanAction } from '../action-types';
import { groupDict, themeIds } from '../ckan-dicts';
import { ckanValidationError } from '../errors';
import { booleanParam, listParam, naturalParam, textParam } from '../params';
import { themeLabel } from '../../interop/vocabularies';
import { visibleThemeCounts } from './theme-counts';

type SortKey = 'name' | 'title' | 'package_count';

/** CKAN's `sort`: "title asc" (its default), "name desc", "package_count desc"… */
const parseSort = (raw: string): { key: SortKey; direction: 1 | -1 } => {
  const match = /^\s*(name|title|package_count)(?:\s+(asc|desc))?\s*$/i.exec(raw);
  if (!match) throw ckanValidationError({ sort: ["Allowed sort fields are 'name', 'title' and 'package_count', each with asc or desc"] });
  return { key: match[1].toLowerCase() as SortKey, direction: match[2]?.toLowerCase() === 'desc' ? -1 : 1 };
};

/**
 * group_list: the exchange's themes, which packages already list as their `groups` (ckanapi's
 * `dump groups --all` starts here). Names, or with all_fields the dictionaries; `q` keeps those
 * whose name or title holds it; counts follow the policy.
 */
export const groupList: CkanAction = async (ctx, params) => {
  const sort = parseSort(textParam(params, 'sort') || 'title asc');
  const wanted = listParam(params, 'groups');
  const query = textParam(params, 'q')?.trim().toLowerCase();
  const offset = naturalParam(params, 'offset', 0)!;
  const limit = naturalParam(params, 'limit', themeIds.length, themeIds.length)!;
  const counts = await visibleThemeCounts(ctx.domain, ctx.caller);
  const keyOf = (theme: string): string | number =>
    sort.key === 'name' ? theme : sort.key === 'title' ? themeLabel(theme).toLowerCase() : (counts.get(theme) ?? 0);
  const themes = themeIds
    .filter((theme) => !wanted || wanted.includes(theme))
    .filter((theme) => !query || theme.includes(query) || themeLabel(theme).toLowerCase().includes(query))
    .sort((a, b) => {
      const [ka, kb] = [keyOf(a), keyOf(b)];
      return ka === kb ? (a < b ? -1 : 1) : (ka < kb ? -1 : 1) * sort.direction;
    })
    .slice(offset, offset + limit);
  if (!booleanParam(params, 'all_fields', false)) return themes;
  const withCounts = booleanParam(params, 'include_dataset_count', true);
  return themes.map((theme) => {
    const dict = groupDict(theme, counts.get(theme) ?? 0);
    if (withCounts) return dict;
    const { package_count: _count, ...rest } = dict;
    return rest;
  });
};

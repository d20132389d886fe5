import { createResource, uploadAndWait } from '../support/publishing';
import { datasetInput, startTestExchange, type TestExchange } from '../support/test-exchange';

/**
 * Aggregations on .../rows and CKAN datastore_search's distinct, checked against the same
 * figures computed here in JavaScript: groups, date buckets, every aggregate function, filters
 * and q before grouping, sort by an output, paging through the groups and typed results.
 */
interface Reading {
  site: string;
  borough: string;
  value: number | null;
  count: number;
  day: string;
  at: string;
}
const BOROUGHS = ['Camden', 'Hackney', 'Islington', 'Westminster'];
const readings: Reading[] = Array.from({ length: 60 }, (_, index) => {
  const i = index + 1;
  return {
    site: `S${i % 7}`,
    borough: BOROUGHS[i % 4],
    value: i % 5 === 0 ? null : i * 1.25,
    count: i * 3,
    day: new Date(Date.UTC(2024, 0, 1 + i * 3)).toISOString().slice(0, 10),
    // 23:30 on the day before in UTC+01:00 terms: buckets are by UTC.
    at: new Date(Date.UTC(2024, 0, 1 + i * 3, 23, 30)).toISOString().replace('.000Z', 'Z'),
  };
});
const csv = `site,borough,value,count,day,at\n${readings.map((r) => [r.site, r.borough, r.value ?? '', r.count, r.day, r.at].join(',')).join('\n')}\n`;

let t: TestExchange;
let resourceId: string;
beforeAll(async () => {
  t = await startTestExchange();
  const gla = await t.organisationWithToken('gla', 'admin');
  await t.request('POST', '/api/v1/datasets', { token: gla, body: datasetInput('air-quality') });
  resourceId = (await createResource(t, gla, 'air-quality', { name: 'readings' })).body.id;
  const { resource } = await uploadAndWait(t, gla, 'air-quality', 'readings', csv, 'readings.csv');
  if (resource.body.status !== 'published') throw new Error(resource.text);
}, 60_000);
afterAll(() => t.stop());

const rows = (query: Record<string, string | object>) => {
  const search = new URLSearchParams(Object.entries(query).map(([k, v]): [string, string] => [k, typeof v === 'string' ? v : JSON.stringify(v)]));
  return t.request('GET', `/api/v1/datasets/air-quality/resources/readings/rows?${search}`);
};

const groupBy = <K extends string>(items: Reading[], key: (r: Reading) => K) => {
  const groups = new Map<K, Reading[]>();
  for (const r of items) groups.set(key(r), [...(groups.get(key(r)) ?? []), r]);
  return groups;
};
const values = (items: Reading[]) => items.map((r) => r.value).filter((v): v is number => v !== null);
const round = (n: number) => Math.round(n * 1e9) / 1e9;

it('groups by a column with every aggregate function, typed, in group order', async () => {
  const response = await rows({ groupBy: 'borough', aggregate: 'count,count_distinct:site,sum:count,avg:value,min:value,max:day' });
  expect(response.status).toBe(200);
  expect(response.body.fields).toEqual([
    { name: 'borough', type: 'string' },
    { name: 'count', type: 'integer' },
    { name: 'count_distinct_site', type: 'integer' },
    { name: 'sum_count', type: 'integer' },
    { name: 'avg_value', type: 'number' },
    { name: 'min_value', type: 'number' },
    { name: 'max_day', type: 'date' },
  ]);
  const expected = [...groupBy(readings, (r) => r.borough)]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([borough, items]) => ({
      borough,
      count: items.length,
      count_distinct_site: new Set(items.map((r) => r.site)).size,
      sum_count: items.reduce((s, r) => s + r.count, 0),
      avg_value: round(values(items).reduce((s, v) => s + v, 0) / values(items).length),
      min_value: Math.min(...values(items)),
      max_day: items
        .map((r) => r.day)
        .sort()
        .at(-1),
    }));
  expect(response.body.records.map((r: { avg_value: number }) => ({ ...r, avg_value: round(r.avg_value) }))).toEqual(expected);
  expect(response.body.total).toBe(4);
  expect(response.body.next).toBeNull();
});

it('buckets dates and date-times by month (UTC) and week, combined with filters and sorted by an output', async () => {
  const response = await rows({ groupBy: 'at:month', aggregate: 'count', filters: { borough: ['Camden', 'Hackney'] }, sort: 'count:desc' });
  expect(response.body.fields).toEqual([
    { name: 'at_month', type: 'date' },
    { name: 'count', type: 'integer' },
  ]);
  const chosen = readings.filter((r) => r.borough === 'Camden' || r.borough === 'Hackney');
  const expected = [...groupBy(chosen, (r) => `${r.at.slice(0, 7)}-01`)]
    .map(([month, items]) => ({ at_month: month, count: items.length }))
    .sort((a, b) => b.count - a.count || a.at_month.localeCompare(b.at_month));
  expect(response.body.records).toEqual(expected);

  const weeks = await rows({ groupBy: ['day:week', 'borough'], aggregate: 'count', limit: '3' });
  const monday = (day: string) => {
    const d = new Date(`${day}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
    return d.toISOString().slice(0, 10);
  };
  const allWeeks = [...groupBy(readings, (r) => `${monday(r.day)}|${r.borough}`)]
    .map(([key, items]) => ({ day_week: key.split('|')[0], borough: key.split('|')[1], count: items.length }))
    .sort((a, b) => a.day_week.localeCompare(b.day_week) || a.borough.localeCompare(b.borough));
  expect(weeks.body.records).toEqual(allWeeks.slice(0, 3));
  expect(weeks.body.total).toBe(allWeeks.length);
});

it('pages through the groups with the next link, on the same version, to the end', async () => {
  const seen: unknown[] = [];
  let page = await rows({ groupBy: 'site,borough', aggregate: 'max:value', limit: '5' });
  const total = page.body.total;
  while (true) {
    seen.push(...page.body.records);
    expect(page.body.total).toBe(total);
    if (!page.body.next) break;
    page = await t.request('GET', page.body.next.slice(t.url.length));
  }
  const all = await rows({ groupBy: 'site,borough', aggregate: 'max:value', limit: '1000' });
  expect(seen).toEqual(all.body.records);
  expect(seen).toHaveLength(total);
  expect(total).toBe(groupBy(readings, (r) => `${r.site}|${r.borough}`).size);
});

it('aggregates the whole table without groupBy, after q', async () => {
  const response = await rows({ aggregate: 'count,sum:value', q: 'camden' });
  const camden = readings.filter((r) => r.borough === 'Camden');
  expect(response.body.records).toEqual([{ count: camden.length, sum_value: values(camden).reduce((s, v) => s + v, 0) }]);
  expect(response.body.total).toBe(1);
});

it('refuses what does not fit, naming the parameter', async () => {
  const cases: Array<[Record<string, string>, string]> = [
    [{ groupBy: 'nope' }, 'groupBy'],
    [{ groupBy: 'borough:month' }, 'groupBy'],
    [{ groupBy: 'a,b,c,d' }, 'groupBy'],
    [{ aggregate: 'avg:borough' }, 'aggregate'],
    [{ aggregate: 'median:value' }, 'aggregate'],
    [{ aggregate: 'sum' }, 'aggregate'],
    [{ groupBy: 'borough', aggregate: 'count', sort: 'value' }, 'sort'],
    [{ groupBy: 'borough', fields: 'site' }, 'fields'],
    [{ groupBy: 'borough', aggregate: '[{"fn":"count","as":"borough"}]' }, 'aggregate'],
  ];
  for (const [query, field] of cases) {
    const response = await rows(query);
    expect({ query, status: response.status }).toEqual({ query, status: 400 });
    expect(response.body.error.details.fields.map((f: { field: string }) => f.field)).toContain(field);
  }
  const first = await rows({ groupBy: 'site', limit: '2' });
  const mismatched = await t.request(
    'GET',
    `/api/v1/datasets/air-quality/resources/readings/rows?groupBy=borough&limit=2&cursor=${new URL(first.body.next).searchParams.get('cursor')}`,
  );
  expect(mismatched.status).toBe(400);
});

it('CKAN datastore_search distinct lists the distinct combinations of the fields, with a total', async () => {
  const response = await t.request('GET', `/api/3/action/datastore_search?resource_id=${resourceId}&distinct=true&fields=borough&sort=borough desc`);
  expect(response.body.result.records).toEqual([...BOROUGHS].reverse().map((borough) => ({ borough })));
  expect(response.body.result.fields).toEqual([{ id: 'borough', type: 'text' }]);
  expect(response.body.result.total).toBe(4);
  const paged = await t.request('GET', `/api/3/action/datastore_search?resource_id=${resourceId}&distinct=true&fields=site,borough&limit=3&offset=3`);
  const all = [...groupBy(readings, (r) => `${r.site}|${r.borough}`).keys()].sort().map((key) => ({ site: key.split('|')[0], borough: key.split('|')[1] }));
  expect(paged.body.result.records).toEqual(all.slice(3, 6));
  expect(paged.body.result.total).toBe(all.length);
});

it('CKAN datastore_search distinct without fields lists the distinct rows over every column, _id left out', async () => {
  const response = await t.request('GET', `/api/3/action/datastore_search?resource_id=${resourceId}&distinct=true&limit=1000`);
  expect(response.status).toBe(200);
  expect(response.body.result.fields.map((f: { id: string }) => f.id)).toEqual(['site', 'borough', 'value', 'count', 'day', 'at']);
  expect(response.body.result.total).toBe(readings.length);
  expect(response.body.result.records).toHaveLength(readings.length);
  // Groups come in column order: site, then borough, then value (empty last), ...
  const ordered = [...readings].sort(
    (a, b) => a.site.localeCompare(b.site) || a.borough.localeCompare(b.borough) || (a.value ?? Infinity) - (b.value ?? Infinity),
  );
  expect(response.body.result.records.slice(0, 3)).toEqual(ordered.slice(0, 3));
  const filtered = await t.request('GET', `/api/3/action/datastore_search?resource_id=${resourceId}&distinct=true&filters={"site":"S1"}&limit=2&offset=1`);
  const s1 = readings.filter((r) => r.site === 'S1').sort((a, b) => a.borough.localeCompare(b.borough) || (a.value ?? Infinity) - (b.value ?? Infinity));
  expect(filtered.body.result.total).toBe(s1.length);
  expect(filtered.body.result.records.map((r: Reading) => r.count)).toEqual(s1.slice(1, 3).map((r) => r.count));
  const withId = await t.request('GET', `/api/3/action/datastore_search?resource_id=${resourceId}&distinct=true&fields=_id,site`);
  expect(withId.status).toBe(409);
  expect(withId.body.error.distinct[0]).toContain('_id');
});

import { createResource, uploadAndWait } from '../support/publishing';
import { datasetInput, startTestExchange, type TestExchange } from '../support/test-exchange';

/** Forty readings with every type the ingest writes, empty values, ties and text with commas and quotes. */
interface Reading {
  site: string;
  borough: string;
  value: number | null;
  count: number;
  day: string;
  at: string;
  ok: boolean;
  note: string;
}

const BOROUGHS = ['Camden', 'Hackney', 'Islington', 'Westminster'];
const readings: Reading[] = Array.from({ length: 40 }, (_, index) => {
  const i = index + 1;
  return {
    site: `S${String(i).padStart(2, '0')}`,
    borough: BOROUGHS[i % 4],
    value: i % 5 === 0 ? null : i * 1.25,
    count: i * 3,
    day: new Date(Date.UTC(2024, 0, 1 + i)).toISOString().slice(0, 10),
    at: new Date(Date.UTC(2024, 0, 1, i)).toISOString().replace('.000Z', 'Z'),
    ok: i % 3 === 0,
    note: i % 7 === 0 ? `Road "works", lane ${i}` : `clear ${i}`,
  };
});
const csvCell = (text: string) => (/[",]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
const csv =
  'site,borough,value,count,day,at,ok,note\n' +
  readings
    .map((r) => [r.site, r.borough, r.value === null ? '' : String(r.value), String(r.count), r.day, r.at, String(r.ok), csvCell(r.note)].join(','))
    .join('\n') +
  '\n';

let t: TestExchange;
let gla: string;
beforeAll(async () => {
  t = await startTestExchange();
  gla = await t.organisationWithToken('gla', 'admin');
  await t.request('POST', '/api/v1/datasets', { token: gla, body: datasetInput('air-quality') });
  await createResource(t, gla, 'air-quality', { name: 'readings' });
  const { resource } = await uploadAndWait(t, gla, 'air-quality', 'readings', csv, 'readings.csv');
  if (resource.body.status !== 'published') throw new Error(`fixture did not publish: ${resource.text}`);
}, 60_000);
afterAll(() => t.stop());

const path = '/api/v1/datasets/air-quality/resources/readings/rows';
const rows = (query: Record<string, string | object> = {}) => {
  const search = new URLSearchParams(Object.entries(query).map(([k, v]): [string, string] => [k, typeof v === 'string' ? v : JSON.stringify(v)]));
  return t.request('GET', `${path}${search.size > 0 ? `?${search}` : ''}`);
};
const sites = (body: { records: Array<{ site: string }> }) => body.records.map((r) => r.site);
const sitesWhere = (test: (r: Reading) => boolean) => readings.filter(test).map((r) => r.site);

describe('a page of rows', () => {
  it('returns fields with their types, typed records in file order, the total and no next page', async () => {
    const response = await rows();
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.body.fields).toEqual([
      { name: 'site', type: 'string' },
      { name: 'borough', type: 'string' },
      { name: 'value', type: 'number' },
      { name: 'count', type: 'integer' },
      { name: 'day', type: 'date' },
      { name: 'at', type: 'datetime' },
      { name: 'ok', type: 'boolean' },
      { name: 'note', type: 'string' },
    ]);
    expect(response.body).toMatchObject({ dataset: 'air-quality', resource: 'readings', version: 1, total: 40, limit: 100, next: null });
    expect(response.body.total_estimated).toBeUndefined();
    expect(response.body.records).toEqual(readings);
  });

  it('projects the fields asked for, in the order asked', async () => {
    const response = await rows({ fields: 'value,site', limit: '2' });
    expect(response.body.fields).toEqual([
      { name: 'value', type: 'number' },
      { name: 'site', type: 'string' },
    ]);
    expect(response.body.records).toEqual([
      { value: 1.25, site: 'S01' },
      { value: 2.5, site: 'S02' },
    ]);
    expect(Object.keys(response.body.records[0])).toEqual(['value', 'site']);
    const json = await rows({ fields: '["note"]', limit: '1' });
    expect(json.body.records).toEqual([{ note: 'clear 1' }]);
  });

  it('gives the default limit of 100 and honours a smaller one', async () => {
    const response = await rows({ limit: '5' });
    expect(response.body.records).toHaveLength(5);
    expect(response.body.limit).toBe(5);
    expect(response.body.next).toMatch(/^http:\/\/localhost:\d+\/api\/v1\/datasets\/air-quality\/resources\/readings\/rows\?limit=5&cursor=/);
  });
});

describe('filters', () => {
  it('equality on text, numbers, booleans and dates', async () => {
    expect(sites((await rows({ filters: { borough: 'Camden' } })).body)).toEqual(sitesWhere((r) => r.borough === 'Camden'));
    expect(sites((await rows({ filters: { count: 30 } })).body)).toEqual(['S10']);
    expect(sites((await rows({ filters: { count: '30' } })).body)).toEqual(['S10']);
    expect(sites((await rows({ filters: { value: 2.5 } })).body)).toEqual(['S02']);
    expect(sites((await rows({ filters: { ok: true } })).body)).toEqual(sitesWhere((r) => r.ok));
    expect(sites((await rows({ filters: { day: '2024-01-04' } })).body)).toEqual(['S03']);
    expect(sites((await rows({ filters: { note: 'Road "works", lane 14' } })).body)).toEqual(['S14']);
  });

  it('null means an empty cell; eq is the same as a bare value', async () => {
    const empty = await rows({ filters: { value: null } });
    expect(sites(empty.body)).toEqual(sitesWhere((r) => r.value === null));
    expect(empty.body.total).toBe(8);
    expect(sites((await rows({ filters: { borough: { eq: 'Hackney' } } })).body)).toEqual(sitesWhere((r) => r.borough === 'Hackney'));
  });

  it('IN as a list or with the in operator, including null', async () => {
    const both = await rows({ filters: { borough: ['Camden', 'Hackney'] } });
    expect(sites(both.body)).toEqual(sitesWhere((r) => r.borough === 'Camden' || r.borough === 'Hackney'));
    expect(both.body.total).toBe(20);
    expect(sites((await rows({ filters: { value: { in: [null, 2.5] } } })).body)).toEqual(sitesWhere((r) => r.value === null || r.value === 2.5));
    expect(sites((await rows({ filters: { count: { in: [3, '6', 999] } } })).body)).toEqual(['S01', 'S02']);
  });

  it('gt, gte, lt and lte on integers and numbers', async () => {
    const between = await rows({ filters: { count: { gte: 30, lt: 60 } } });
    expect(sites(between.body)).toEqual(sitesWhere((r) => r.count >= 30 && r.count < 60));
    expect(between.body.total).toBe(10);
    expect(sites((await rows({ filters: { value: { gt: 45 } } })).body)).toEqual(sitesWhere((r) => r.value !== null && r.value > 45));
    expect(sites((await rows({ filters: { value: { lte: 2.5 } } })).body)).toEqual(['S01', 'S02']);
    expect(sites((await rows({ filters: { count: { gt: 117 } } })).body)).toEqual(['S40']);
  });

  it('ranges on dates and date-times, with offsets converted to UTC and a date meaning midnight', async () => {
    expect(sites((await rows({ filters: { day: { lte: '2024-01-05' } } })).body)).toEqual(['S01', 'S02', 'S03', 'S04']);
    expect(sites((await rows({ filters: { day: { gt: '2024-02-08' } } })).body)).toEqual(['S39', 'S40']);
    // 05:00 at +01:00 is 04:00Z: readings from hour 4 on.
    expect(sites((await rows({ filters: { at: { gte: '2024-01-01T05:00:00+01:00', lt: '2024-01-01T06:00:00Z' } } })).body)).toEqual(['S04', 'S05']);
    expect((await rows({ filters: { at: { gte: '2024-01-02' } } })).body.total).toBe(readings.filter((r) => r.at >= '2024-01-02').length);
  });

  it('combines filters on several columns with AND', async () => {
    const response = await rows({ filters: { borough: 'Camden', ok: true, count: { gte: 30 } } });
    expect(sites(response.body)).toEqual(sitesWhere((r) => r.borough === 'Camden' && r.ok && r.count >= 30));
  });
});

describe('q', () => {
  it('matches words case-insensitively anywhere in text columns; every word must match', async () => {
    expect(sites((await rows({ q: 'WORKS' })).body)).toEqual(sitesWhere((r) => r.note.includes('works')));
    expect(sites((await rows({ q: 'road lane' })).body)).toEqual(sitesWhere((r) => r.note.includes('Road')));
    expect(sites((await rows({ q: 'camden' })).body)).toEqual(sitesWhere((r) => r.borough === 'Camden'));
    expect(sites((await rows({ q: 'works hackney' })).body)).toEqual(sitesWhere((r) => r.note.includes('works') && r.borough === 'Hackney'));
    const none = await rows({ q: 'nowhere' });
    expect(none.body).toMatchObject({ records: [], total: 0, next: null });
  });

  it('treats % and _ as ordinary characters', async () => {
    expect((await rows({ q: '%' })).body.total).toBe(0);
    expect((await rows({ q: '_' })).body.total).toBe(0);
  });
});

describe('sort', () => {
  /** Empty values last in both directions; ties keep file order. */
  const byValue = (descending: boolean) => (a: Reading, b: Reading) => {
    if (a.value === b.value) return a.count - b.count;
    if (a.value === null) return 1;
    if (b.value === null) return -1;
    return descending ? b.value - a.value : a.value - b.value;
  };

  it('descending puts empty values last; ties keep file order', async () => {
    const response = await rows({ sort: 'value:desc' });
    expect(sites(response.body)).toEqual([...readings].sort(byValue(true)).map((r) => r.site));
    expect(response.body.records[0].value).toBe(48.75);
  });

  it('ascending puts empty values last', async () => {
    const response = await rows({ sort: 'value' });
    expect(sites(response.body)).toEqual([...readings].sort(byValue(false)).map((r) => r.site));
  });

  it('sorts by several columns, each ascending or descending', async () => {
    const response = await rows({ sort: 'borough:asc,count:desc' });
    const expected = [...readings].sort((a, b) => a.borough.localeCompare(b.borough) || b.count - a.count);
    expect(sites(response.body)).toEqual(expected.map((r) => r.site));
    const json = await rows({ sort: JSON.stringify([{ field: 'ok', order: 'desc' }, 'site']) });
    expect(sites(json.body)).toEqual([...readings].sort((a, b) => Number(b.ok) - Number(a.ok) || a.site.localeCompare(b.site)).map((r) => r.site));
  });
});

describe('keyset paging', () => {
  const follow = async (query: Record<string, string | object>) => {
    const pages: any[] = [];
    let response = await rows(query);
    pages.push(response.body);
    while (response.body.next) {
      response = await t.request('GET', response.body.next.slice(t.url.length));
      expect(response.status).toBe(200);
      pages.push(response.body);
    }
    return pages;
  };

  it('visits every row exactly once, in order, with a sort over empty values and ties', async () => {
    const whole = await rows({ sort: 'ok:desc,value:desc' });
    const pages = await follow({ sort: 'ok:desc,value:desc', limit: '3' });
    expect(pages).toHaveLength(14);
    expect(pages.every((p) => p.records.length <= 3 && p.total === 40)).toBe(true);
    expect(pages.flatMap((p) => sites(p))).toEqual(sites(whole.body));
    expect(pages[pages.length - 1].next).toBeNull();
  });

  it('pages through a filtered, projected query and keeps the first page total', async () => {
    const pages = await follow({ filters: { borough: ['Camden', 'Islington'] }, fields: 'site', sort: 'day:desc', limit: '4' });
    expect(pages.flatMap((p) => sites(p))).toEqual(
      readings
        .filter((r) => r.borough === 'Camden' || r.borough === 'Islington')
        .sort((a, b) => b.day.localeCompare(a.day))
        .map((r) => r.site),
    );
    expect(new Set(pages.map((p) => p.total))).toEqual(new Set([20]));
    expect(Object.keys(pages[1].records[0])).toEqual(['site']);
  });

  it('pages by date-time and by integer sort keys', async () => {
    const byTime = await follow({ sort: 'at:desc', limit: '16' });
    expect(byTime.flatMap((p) => sites(p))).toEqual([...readings].reverse().map((r) => r.site));
    const byCount = await follow({ sort: 'count', limit: '39' });
    expect(byCount.map((p) => p.records.length)).toEqual([39, 1]);
  });

  it('pages in file order without filters (read as ranges of row numbers)', async () => {
    const pages = await follow({ limit: '9', fields: 'site' });
    expect(pages.map((p) => p.records.length)).toEqual([9, 9, 9, 9, 4]);
    expect(pages.flatMap((p) => sites(p))).toEqual(readings.map((r) => r.site));
    const exact = await follow({ limit: '10' });
    expect(exact.map((p) => p.records.length)).toEqual([10, 10, 10, 10]);
  });
});

describe('versions and totals', () => {
  it('reads a given version and 404s for one that does not exist', async () => {
    expect((await rows({ version: '1', limit: '1' })).body.version).toBe(1);
    const missing = await rows({ version: '9' });
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('not_found');
  });

  it('omits the total when asked and counts exactly when asked', async () => {
    expect((await rows({ total: 'none', limit: '1' })).body.total).toBeNull();
    expect((await rows({ total: 'exact', filters: { ok: false } })).body.total).toBe(readings.filter((r) => !r.ok).length);
  });

  it('404s for a resource that does not exist or has no published version', async () => {
    expect((await t.request('GET', '/api/v1/datasets/air-quality/resources/nothing/rows')).status).toBe(404);
    await createResource(t, gla, 'air-quality', { name: 'empty' });
    expect((await t.request('GET', '/api/v1/datasets/air-quality/resources/empty/rows')).status).toBe(404);
  });

  it('answers other methods with 405', async () => {
    const response = await t.request('POST', path, { body: {} });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET');
  });
});

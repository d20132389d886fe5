import { type Channel, readPath } from './channel';

/** Row queries: the native rows endpoint and CKAN's datastore_search, read the same way a client would. */
export const channels: Channel[] = [
  { name: 'rows', shows: { metadata: false, data: true }, read: (w, token, d) => readPath(w, `/api/v1/datasets/${d.name}/resources/rows/rows`, token) },
  {
    name: 'rows filtered, searched and paged',
    shows: { metadata: false, data: true },
    read: async (w, token, d) => {
      const filtered = await readPath(
        w,
        `/api/v1/datasets/${d.id}/resources/rows/rows?filters=${encodeURIComponent(JSON.stringify({ note: d.dataMarker }))}`,
        token,
      );
      const searched = await readPath(
        w,
        `/api/v1/datasets/${d.name}/resources/${d.resourceId}/rows?q=${encodeURIComponent(d.dataMarker.toLowerCase())}`,
        token,
      );
      const first = await w.t.request('GET', `/api/v1/datasets/${d.name}/resources/rows/rows?limit=1&sort=note:desc`, { token });
      const next = first.body?.next ? await readPath(w, String(first.body.next).slice(w.t.url.length), token) : '';
      return `${filtered} ${searched} ${first.status} ${first.text} ${next}`;
    },
  },
  {
    name: 'datastore_search',
    shows: { metadata: false, data: true },
    read: (w, token, d) => readPath(w, `/api/3/action/datastore_search?resource_id=${d.resourceId}`, token),
  },
  {
    name: 'datastore_search with q and a JSON body',
    shows: { metadata: false, data: true },
    read: async (w, token, d) => {
      const searched = await readPath(w, `/api/3/action/datastore_search?resource_id=${d.resourceId}&q=${encodeURIComponent(d.dataMarker)}`, token);
      const posted = await w.t.request('POST', '/api/3/action/datastore_search', {
        token,
        body: { resource_id: d.resourceId, filters: { note: d.dataMarker } },
      });
      return `${searched} ${posted.status} ${posted.text}`;
    },
  },
  {
    name: 'rows aggregated (groupBy, aggregate, paged)',
    shows: { metadata: false, data: true },
    read: async (w, token, d) => {
      const grouped = await readPath(w, `/api/v1/datasets/${d.name}/resources/rows/rows?groupBy=note&aggregate=count,max:note&limit=1`, token);
      const next = await w.t.request('GET', `/api/v1/datasets/${d.id}/resources/${d.resourceId}/rows?groupBy=note&limit=1&sort=note:desc`, { token });
      const followed = next.body?.next ? await readPath(w, String(next.body.next).slice(w.t.url.length), token) : '';
      return `${grouped} ${next.status} ${next.text} ${followed}`;
    },
  },
  {
    name: 'read-only SQL (GET and POST)',
    shows: { metadata: false, data: true },
    read: async (w, token, d) => {
      const got = await readPath(
        w,
        `/api/v1/datasets/${d.name}/resources/rows/sql?sql=${encodeURIComponent('SELECT note, count(*) FROM rows GROUP BY note')}`,
        token,
      );
      const posted = await w.t.request('POST', `/api/v1/datasets/${d.id}/resources/${d.resourceId}/sql`, {
        token,
        body: { sql: `SELECT * FROM "${d.resourceId}" WHERE note LIKE 'W%'` },
      });
      return `${got} ${posted.status} ${posted.text}`;
    },
  },
  {
    name: 'datastore_search_sql and datastore_search distinct',
    shows: { metadata: false, data: true },
    read: async (w, token, d) => {
      const sql = await readPath(w, `/api/3/action/datastore_search_sql?sql=${encodeURIComponent(`SELECT note FROM "${d.resourceId}"`)}`, token);
      const distinct = await readPath(w, `/api/3/action/datastore_search?resource_id=${d.resourceId}&distinct=true&fields=note`, token);
      return `${sql} ${distinct}`;
    },
  },
];

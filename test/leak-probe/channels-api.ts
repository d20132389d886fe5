import { type Channel, readPath } from './channel';

/** The native REST API's channels. Other areas add files named channels-*.ts beside this one. */
export const channels: Channel[] = [
  { name: 'dataset by name', shows: { metadata: true, data: false }, read: (w, token, d) => readPath(w, `/api/v1/datasets/${d.name}`, token) },
  { name: 'dataset by id', shows: { metadata: true, data: false }, read: (w, token, d) => readPath(w, `/api/v1/datasets/${d.id}`, token) },
  { name: 'dataset listing', shows: { metadata: true, data: false }, read: (w, token) => readPath(w, '/api/v1/datasets?limit=1000', token) },
  {
    name: 'dataset listing filtered by tier and organisation',
    shows: { metadata: true, data: false },
    read: async (w, token, d) =>
      (await readPath(w, `/api/v1/datasets?tier=${d.tier}`, token)) + (await readPath(w, '/api/v1/datasets?organisation=probe-publisher', token)),
  },
  { name: 'organisation page', shows: { metadata: false, data: false }, read: (w, token) => readPath(w, '/api/v1/organisations/probe-publisher', token) },
  { name: 'organisations list', shows: { metadata: false, data: false }, read: (w, token) => readPath(w, '/api/v1/organisations', token) },
  // Token records are an organisation's admin metadata, not dataset data; probed anyway, so a token scoped to a dataset could not name a private one.
  {
    name: 'organisation tokens list',
    shows: { metadata: false, data: false },
    read: (w, token) => readPath(w, '/api/v1/organisations/probe-publisher/tokens', token),
  },
  // Harvest sources are an organisation's admin configuration; the probe's source carries the private dataset's marker.
  {
    name: 'harvest sources list',
    shows: { metadata: false, data: false },
    read: (w, token) => readPath(w, '/api/v1/organisations/probe-publisher/harvest-sources', token),
  },
  {
    name: 'harvest source',
    shows: { metadata: false, data: false },
    read: (w, token) => readPath(w, `/api/v1/organisations/probe-publisher/harvest-sources/${w.harvest.sourceId}`, token),
  },
  {
    name: 'harvest runs list',
    shows: { metadata: false, data: false },
    read: (w, token) => readPath(w, `/api/v1/organisations/probe-publisher/harvest-sources/${w.harvest.sourceId}/runs`, token),
  },
  {
    name: 'harvest run',
    shows: { metadata: false, data: false },
    read: (w, token) => readPath(w, `/api/v1/organisations/probe-publisher/harvest-sources/${w.harvest.sourceId}/runs/${w.harvest.runId}`, token),
  },
  {
    name: 'resource metadata',
    shows: { metadata: false, data: false },
    read: (w, token, d) => readPath(w, `/api/v1/datasets/${d.name}/resources/rows`, token),
  },
  {
    name: 'resource by id',
    shows: { metadata: false, data: false },
    read: (w, token, d) => readPath(w, `/api/v1/datasets/${d.name}/resources/${d.resourceId}`, token),
  },
  // An upload's status carries its validation report, which quotes cell values.
  {
    name: 'upload status',
    shows: { metadata: false, data: false },
    read: (w, token, d) => readPath(w, `/api/v1/datasets/${d.name}/resources/rows/uploads/${d.uploadId}`, token),
  },
  {
    name: 'versions',
    shows: { metadata: false, data: false },
    read: (w, token, d) => readPath(w, `/api/v1/datasets/${d.name}/resources/rows/versions`, token),
  },
  {
    name: 'validation report',
    shows: { metadata: false, data: false },
    read: (w, token, d) => readPath(w, `/api/v1/datasets/${d.name}/resources/rows/versions/1/report`, token),
  },
  ...(['original', 'csv', 'json', 'ndjson'] as const).map(
    (format): Channel => ({
      name: `download ${format}`,
      shows: { metadata: false, data: true },
      read: (w, token, d) => readPath(w, `/api/v1/datasets/${d.name}/resources/rows/download?format=${format}`, token),
    }),
  ),
  { name: 'grants list', shows: { metadata: false, data: false }, read: (w, token, d) => readPath(w, `/api/v1/datasets/${d.name}/grants`, token) },
  { name: 'access requests', shows: { metadata: false, data: false }, read: (w, token, d) => readPath(w, `/api/v1/datasets/${d.name}/access-requests`, token) },
  { name: 'audit log', shows: { metadata: false, data: false }, read: (w, token, d) => readPath(w, `/api/v1/datasets/${d.name}/audit`, token) },
  { name: 'sharing register', shows: { metadata: false, data: false }, read: (w, token) => readPath(w, '/api/v1/sharing-register', token) },
  {
    name: 'error messages for writes',
    shows: { metadata: false, data: false },
    read: async (w, token, d) => {
      const patch = await w.t.request('PATCH', `/api/v1/datasets/${d.name}`, { token, body: { title: 'x' }, headers: { 'if-match': '"1"' } });
      const request = await w.t.request('POST', `/api/v1/datasets/${d.name}/access-requests`, {
        token,
        body: { purpose: 'Probe purpose text', lawfulBasis: 'public-task', requestedDays: 1 },
      });
      return `${patch.status} ${patch.text} ${request.status} ${request.text}`;
    },
  },
];

import { csrfTokenFor } from '../../functions/web/csrf';
import { type Channel, readPath } from './channel';

/**
 * The web pages' channels. Pages treat an `Authorization: Bearer` token exactly like a signed-in
 * session (the cookie holds the same token), so the probe's callers are the pages' visitors.
 */
export const channels: Channel[] = [
  { name: 'web home page', shows: { metadata: false, data: false }, read: (w, token) => readPath(w, '/', token) },
  {
    name: 'web search page (words, tier facet, all)',
    shows: { metadata: true, data: false },
    read: async (w, token, d) =>
      // (The page echoes the words searched for, so the probe searches for words every probe dataset has.)
      (await readPath(w, '/datasets?q=probe%20dataset', token)) +
      (await readPath(w, `/datasets?tier=${d.tier}`, token)) +
      (await readPath(w, '/datasets?organisation=probe-publisher', token)),
  },
  {
    name: 'web dataset page (metadata, preview, profile)',
    shows: { metadata: true, data: true },
    read: (w, token, d) => readPath(w, `/datasets/${d.name}?preview=rows`, token),
  },
  { name: 'web dataset page by id', shows: { metadata: true, data: true }, read: (w, token, d) => readPath(w, `/datasets/${d.id}`, token) },
  {
    name: 'web download',
    shows: { metadata: false, data: true },
    read: (w, token, d) => readPath(w, `/datasets/${d.name}/resources/rows/download?format=csv`, token),
  },
  { name: 'web organisation page', shows: { metadata: true, data: false }, read: (w, token) => readPath(w, '/organisations/probe-publisher', token) },
  { name: 'web organisations list', shows: { metadata: false, data: false }, read: (w, token) => readPath(w, '/organisations', token) },
  { name: 'web sharing register page', shows: { metadata: false, data: false }, read: (w, token) => readPath(w, '/sharing-register', token) },
  {
    name: 'web publisher area (manage, sharing, audit, report)',
    shows: { metadata: false, data: false },
    read: async (w, token, d) => {
      const base = `/publish/datasets/${d.name}`;
      let text = '';
      for (const path of [
        base,
        `${base}/edit`,
        `${base}/sharing`,
        `${base}/audit`,
        `${base}/resources/rows`,
        `${base}/resources/rows/versions/1/report`,
        '/publish',
      ])
        text += await readPath(w, path, token);
      return text;
    },
  },
  {
    name: 'web forms that change state (request access, grant)',
    shows: { metadata: false, data: false },
    read: async (w, token, d) => {
      const post = async (path: string, fields: Record<string, string>) => {
        const body = new URLSearchParams({ ...fields, csrf: token ? csrfTokenFor(`Bearer ${token}`) : '' }).toString();
        const response = await w.t.request('POST', path, { token, rawBody: body, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
        return `${response.status} ${response.text}`;
      };
      return (
        (await post(`/publish/datasets/${d.name}/access-requests`, {
          purpose: 'Probe purpose text for the web',
          lawfulBasis: 'public-task',
          requestedDays: '1',
        })) +
        (await post(`/publish/datasets/${d.name}/grants`, {
          organisation: 'probe-stranger',
          purpose: 'x',
          lawfulBasis: 'public-task',
          agreementReference: 'P',
          expiresAt: '',
        }))
      );
    },
  },
];

import { type Channel, readPath } from './channel';

/**
 * People's channels: who the caller is, their personal tokens and an organisation's members and
 * invitations. None carries a dataset; probed so that nothing of one can ride along (a member list
 * or a token label naming a private dataset would show its marker).
 */
export const channels: Channel[] = [
  { name: 'me', shows: { metadata: false, data: false }, read: (w, token) => readPath(w, '/api/v1/me', token) },
  { name: 'my personal tokens', shows: { metadata: false, data: false }, read: (w, token) => readPath(w, '/api/v1/me/tokens', token) },
  {
    name: 'organisation members and invitations',
    shows: { metadata: false, data: false },
    read: (w, token) => readPath(w, '/api/v1/organisations/probe-publisher/members', token),
  },
];

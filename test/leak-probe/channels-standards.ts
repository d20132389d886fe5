import { type Channel, readPath } from './channel';
import { PROBE_STANDARD, PROBE_STANDARD_VERSION } from './standards-world';

/**
 * The versions of a standard and their impact reports (which name declaring datasets and quote
 * their failing cells), and the notifications sent to publishers when a version is published.
 */
export const channels: Channel[] = [
  {
    name: 'schema versions',
    shows: { metadata: false, data: false },
    read: (w, token) => readPath(w, `/api/v1/schemas/${PROBE_STANDARD}/versions`, token),
  },
  {
    name: 'schema version impact report',
    shows: { metadata: false, data: true },
    read: (w, token) => readPath(w, `/api/v1/schemas/${PROBE_STANDARD}/versions/${PROBE_STANDARD_VERSION}`, token),
  },
  // Lists each declaring dataset by name and title (which carries the metadata marker).
  {
    name: 'standard conformance (API)',
    shows: { metadata: true, data: false },
    read: (w, token) => readPath(w, `/api/v1/schemas/${PROBE_STANDARD}/conformance`, token),
  },
  {
    name: 'standard conformance (page)',
    shows: { metadata: true, data: false },
    read: (w, token) => readPath(w, `/schemas/${PROBE_STANDARD}`, token),
  },
  // The probe's rows match no standard's headers: the channel must still refuse what the caller may not read.
  {
    name: 'schema suggestions',
    shows: { metadata: false, data: false },
    read: (w, token, d) => readPath(w, `/api/v1/datasets/${d.name}/resources/rows/schema-suggestions`, token),
  },
  // Names declaring datasets anyone could see when the version was proposed and published, each checked again when read.
  {
    name: 'schema events feed',
    shows: { metadata: false, data: false },
    read: (w, token) => readPath(w, `/api/v1/schemas/${PROBE_STANDARD}/events`, token),
  },
  // The probe's tables declare no standard with references: the channel must still refuse a dataset the caller may not see.
  {
    name: 'standard table references',
    shows: { metadata: false, data: false },
    read: (w, token, d) => readPath(w, `/api/v1/datasets/${d.name}/table-references`, token),
  },
  {
    name: 'publisher notifications',
    shows: { metadata: false, data: false },
    read: (w, token) => readPath(w, '/api/v1/organisations/probe-publisher/notifications', token),
  },
];

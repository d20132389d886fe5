import { createHash } from 'node:crypto';
import type { LinkedResource } from '../domain/dataset-provenance';
import { linkedResourceId } from '../domain/linked-resource-id';
import type { Dataset } from '../domain/datasets';
import type { Organisation } from '../domain/organisations';
import type { Resource } from '../domain/resources';
import type { Urls } from '../api/http/urls';
import { linkedFiles, linkHealth, overdueSince } from '../interop/link-health';
import { euThemes, licences, themeLabel } from '../interop/vocabularies';
import { resourceFormat } from '../search/search-document';
import type { StoredRecord } from '../storage/catalogue-store';

/**
 * The exchange's records in CKAN's shapes (CKAN 2.10 package, resource, organization and tag
 * dictionaries), with CKAN's field names and types, so CKAN clients read them unchanged.
 */

const TIMESTAMPS_KEPT = 10_000;
const timestamps = new Map<string, string | null>();

/**
 * CKAN writes timestamps as naive UTC ISO 8601 with microseconds: 2024-05-01T09:30:00.123000.
 * Kept once converted (a pure function of the text): a page of packages converts several per
 * package and resource, and parsing and printing a Date costs more than the rest of a dictionary.
 */
export const ckanTimestamp = (iso: string | undefined): string | null => {
  if (!iso) return null;
  const kept = timestamps.get(iso);
  if (kept !== undefined) return kept;
  const date = new Date(iso);
  const converted = Number.isNaN(date.getTime()) ? null : `${date.toISOString().slice(0, 23)}000`;
  if (timestamps.size >= TIMESTAMPS_KEPT) timestamps.delete(timestamps.keys().next().value!);
  timestamps.set(iso, converted);
  return converted;
};

/**
 * CKAN gives tags ids; the exchange's keywords have none, so a stable one is derived from the name.
 * Kept once derived (a page of search results names the same few keywords again and again).
 */
const tagIds = new Map<string, string>();
const TAG_IDS_KEPT = 10_000;
const tagId = (name: string): string => {
  let id = tagIds.get(name);
  if (id !== undefined) return id;
  const hex = createHash('sha1').update(`ldx-tag:${name}`).digest('hex');
  id = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  if (tagIds.size >= TAG_IDS_KEPT) tagIds.delete(tagIds.keys().next().value!);
  tagIds.set(name, id);
  return id;
};

export const tagDict = (name: string) => ({ id: tagId(name), name, display_name: name, state: 'active', vocabulary_id: null });

const OPEN_LICENCES = new Set(Object.keys(licences));

export const licenceTitle = (licenceId: string): string =>
  Object.hasOwn(licences, licenceId) ? licences[licenceId].title : licenceId === 'proprietary' ? 'Proprietary (under a sharing agreement)' : licenceId;

/** The short organization dictionary embedded in a package. */
export const organizationSummary = (organisation: Organisation | undefined, id: string) => ({
  id,
  name: id,
  title: organisation?.name ?? id,
  type: 'organization',
  description: organisation?.description ?? '',
  image_url: '',
  created: ckanTimestamp(organisation?.created),
  is_organization: true,
  approval_status: 'approved',
  state: 'active',
});

/** The organization dictionary of organization_list (all_fields) and organization_show. */
export const organizationDict = (organisation: Organisation, packageCount: number) => ({
  ...organizationSummary(organisation, organisation.id),
  display_name: organisation.name,
  image_display_url: '',
  num_followers: 0,
  package_count: packageCount,
});

/** The exchange's themes are CKAN's groups: every package lists its themes under `groups`. */
export const themeIds = Object.keys(euThemes).sort();

export const isTheme = (id: string): boolean => Object.hasOwn(euThemes, id);

/** The short group dictionary embedded in a package. */
export const groupSummary = (theme: string) => ({
  id: theme,
  name: theme,
  title: themeLabel(theme),
  display_name: themeLabel(theme),
  description: '',
  image_display_url: '',
});

/** The group dictionary of group_list (all_fields) and group_show. Themes have no creation time. */
export const groupDict = (theme: string, packageCount: number) => ({
  ...groupSummary(theme),
  type: 'group',
  image_url: '',
  created: null,
  is_organization: false,
  approval_status: 'approved',
  state: 'active',
  num_followers: 0,
  package_count: packageCount,
});

/** license_list's dictionaries (CKAN's license register fields), proprietary last. */
export const licenceDicts = () => [
  ...Object.entries(licences).map(([id, { title, url }]) => ({
    id,
    title,
    url,
    status: 'active',
    maintainer: '',
    family: '',
    domain_content: true,
    domain_data: true,
    domain_software: false,
    is_generic: false,
    is_okd_compliant: true,
    is_osi_compliant: false,
    od_conformance: 'approved',
    osd_conformance: 'not reviewed',
  })),
  {
    id: 'proprietary',
    title: licenceTitle('proprietary'),
    url: '',
    status: 'active',
    maintainer: '',
    family: '',
    domain_content: true,
    domain_data: true,
    domain_software: false,
    is_generic: true,
    is_okd_compliant: false,
    is_osi_compliant: false,
    od_conformance: 'not reviewed',
    osd_conformance: 'not reviewed',
  },
];

export interface ResourceFacts {
  resource: StoredRecord<Resource>;
  /** Whether the current version has a Parquet file: the rows API (datastore_search) can answer. */
  datastoreActive: boolean;
  /** Size of the current version's normalised UTF-8 CSV, when it has one (every tabular upload does). */
  normalisedCsvBytes?: number;
}

/**
 * `url` is what clients load (pandas.read_csv(resource["url"])): the normalised UTF-8 CSV when
 * the version has one, whatever the upload's encoding or delimiter; the file as uploaded stays
 * reachable at `ldx_original_url` (the exchange's own keys start ldx_). `size` is the size of the
 * file `url` names; `hash` is the original's SHA-256 only (the exchange keeps none of the CSV).
 */
export const resourceDict = (dataset: Dataset, { resource, datastoreActive, normalisedCsvBytes }: ResourceFacts, position: number, urls: Urls) => {
  const r = resource.value;
  const current = r.current;
  const original = current ? urls.download(dataset.name, r.name, 'original') : '';
  const csv = current !== undefined && normalisedCsvBytes !== undefined;
  return {
    id: r.id,
    package_id: dataset.id,
    name: r.title ?? r.name,
    description: r.description ?? '',
    format: csv ? 'CSV' : (resourceFormat(r) ?? ''),
    mimetype: csv ? 'text/csv' : (current?.mediaType ?? null),
    mimetype_inner: null,
    size: csv ? normalisedCsvBytes : (current?.bytes ?? null),
    hash: current && !csv ? `sha256:${current.sha256}` : '',
    url: csv ? urls.download(dataset.name, r.name, 'csv') : original,
    ldx_original_url: original,
    url_type: null,
    created: ckanTimestamp(r.created),
    last_modified: ckanTimestamp(current?.publishedAt),
    metadata_modified: ckanTimestamp(r.modified),
    state: 'active',
    position,
    resource_type: null,
    cache_url: null,
    cache_last_updated: null,
    datastore_active: datastoreActive,
    // The exchange's own names, for clients that want its REST API.
    ldx_name: r.name,
    ldx_status: r.status,
    // A harvested file copied in by mirror mode: its address at the source, and since when the source no longer lists it.
    ...(r.mirroredFrom ? { ldx_mirrored_from: r.mirroredFrom.url } : {}),
    ...(r.mirroredFrom?.withdrawnAt ? { ldx_withdrawn_at_source: ckanTimestamp(r.mirroredFrom.withdrawnAt) } : {}),
  };
};

/**
 * A harvested dataset's file at its source, as a CKAN link resource (`url` is the source's), with
 * the link checker's last finding in resource extras: `link_status` (working, dead, unchecked),
 * `link_checked` (CKAN timestamp) and `link_http_status`; `ldx_linked` marks it as a link.
 */
export const linkedResourceDict = (dataset: Dataset, file: LinkedResource, position: number) => {
  const health = linkHealth(file.check);
  return {
    id: linkedResourceId(dataset.id, file.url),
    package_id: dataset.id,
    name: file.title,
    description: file.description ?? '',
    format: file.format ?? '',
    mimetype: file.mediaType ?? null,
    mimetype_inner: null,
    size: file.sizeBytes ?? null,
    hash: '',
    url: file.url,
    url_type: null,
    created: ckanTimestamp(dataset.created),
    last_modified: null,
    metadata_modified: ckanTimestamp(dataset.modified),
    state: 'active',
    position,
    resource_type: null,
    cache_url: null,
    cache_last_updated: null,
    datastore_active: false,
    link_status: health.status,
    link_checked: ckanTimestamp(health.checked),
    link_http_status: health.httpStatus ?? null,
    ldx_linked: true,
  };
};

const extra = (key: string, value: string | undefined) => (value === undefined ? [] : [{ key, value }]);

export const packageDict = ({ value: d }: StoredRecord<Dataset>, organisation: Organisation | undefined, resources: ResourceFacts[], urls: Urls) => {
  const keywords = d.keywords ?? [];
  const themes = d.themes ?? [];
  const linked = linkedFiles(d);
  const overdue = overdueSince(d);
  const licence = Object.hasOwn(licences, d.licence) ? licences[d.licence] : undefined;
  return {
    id: d.id,
    name: d.name,
    title: d.title,
    notes: d.description ?? '',
    type: 'dataset',
    state: 'active',
    private: d.tier === 'private',
    license_id: d.licence,
    license_title: licenceTitle(d.licence),
    ...(licence ? { license_url: licence.url } : {}),
    isopen: OPEN_LICENCES.has(d.licence),
    url: urls.datasetPage(d.name),
    version: null,
    author: organisation?.name ?? d.organisation,
    author_email: null,
    maintainer: d.contactPoint?.name ?? null,
    maintainer_email: d.contactPoint?.email ?? null,
    creator_user_id: null,
    owner_org: d.organisation,
    organization: organizationSummary(organisation, d.organisation),
    metadata_created: ckanTimestamp(d.created),
    metadata_modified: ckanTimestamp([d.modified, ...resources.map((r) => r.resource.value.modified)].sort().at(-1)),
    num_resources: resources.length + linked.length,
    num_tags: keywords.length,
    tags: keywords.map(tagDict),
    groups: themes.map(groupSummary),
    resources: [...resources.map((facts, i) => resourceDict(d, facts, i, urls)), ...linked.map((file, i) => linkedResourceDict(d, file, resources.length + i))],
    extras: [
      ...extra('tier', d.tier),
      ...extra('update_frequency', d.updateFrequency),
      ...extra('temporal_start', d.temporalCoverage?.start),
      ...extra('temporal_end', d.temporalCoverage?.end),
      ...extra('spatial_gss_codes', d.spatialCoverage?.gssCodes?.join(',')),
      ...extra('spatial_description', d.spatialCoverage?.description),
      ...extra('data_schema', d.dataSchema),
      // A harvested dataset its source has not updated as often as it promises (provenance.overdueSince).
      ...extra('overdue', d.provenance ? String(overdue !== undefined) : undefined),
      ...extra('overdue_since', overdue),
    ],
    relationships_as_object: [],
    relationships_as_subject: [],
  };
};

export type PackageDict = ReturnType<typeof packageDict>;

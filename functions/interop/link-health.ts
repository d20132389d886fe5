import type { Dataset } from '../domain/datasets';
import type { LinkCheck, LinkedResource } from '../domain/dataset-provenance';

/**
 * What the feeds say of a harvested dataset's links and freshness, in one place so DCAT-US,
 * DCAT-AP (JSON-LD, Turtle, RDF/XML) and CKAN say the same: each linked file's state from the link
 * checker's last visit (functions/harvest/link-checker.ts), and whether the source is overdue
 * (provenance.overdueSince). README "Connect an existing catalogue" documents the field names.
 */

/** `working` (2xx/3xx, or 429 at the last visit), `dead` (4xx, 5xx, no answer), `unchecked` (not visited yet). */
export type LinkStatus = 'working' | 'dead' | 'unchecked';

export interface LinkHealth {
  status: LinkStatus;
  /** When the link checker last visited (ISO 8601). */
  checked?: string;
  /** The HTTP status it got, when it got an answer. */
  httpStatus?: number;
  /** For people: what was found, and when. */
  note: string;
}

export const linkHealth = (check: LinkCheck | undefined): LinkHealth => {
  if (!check) return { status: 'unchecked', note: 'Link not checked yet.' };
  const base = { checked: check.checkedAt, ...(check.status !== undefined ? { httpStatus: check.status } : {}) };
  if (check.ok) return { status: 'working', ...base, note: `Link working when checked at ${check.checkedAt}.` };
  return { status: 'dead', ...base, note: `Dead link: ${check.error ?? `HTTP ${check.status}`} when checked at ${check.checkedAt}.` };
};

/** The files a harvested dataset links to at its source (none for a native dataset). */
export const linkedFiles = (dataset: Dataset): LinkedResource[] => (dataset.provenance ? (dataset.linkedResources ?? []) : []);

/** Since when the source is overdue against its own update frequency, for a harvested dataset that is. */
export const overdueSince = (dataset: Dataset): string | undefined => dataset.provenance?.overdueSince;

export const overdueNote = (since: string, updateFrequency: string | undefined): string =>
  `Overdue: its source has not updated it as often as it says it will${updateFrequency ? ` (${updateFrequency})` : ''}; overdue since ${since}.`;

import type { Dataset } from '../domain/datasets';

/**
 * "One dataset, once": the keys by which two harvested records are recognised as the same
 * dataset reached through two sources (a borough's data.json and data.gov.uk's CKAN, say).
 *
 * - `id:` the identifier at the source, when it is globally meaningful: an absolute http(s) URL
 *   (normalised like the URLs below) or a UUID. Short local identifiers ("population", "1") are
 *   left out: two unrelated portals reuse them.
 * - `url:` the landing page (provenance.recordUrl) and every distribution URL, normalised:
 *   scheme folded to https, host lower-cased without `www.`, default port, fragment and `utm_*`
 *   parameters dropped, remaining parameters sorted, trailing slash dropped. A URL whose path is
 *   empty (a site's home page) is no evidence and is left out.
 * - `title:` the title and the publisher's name together, each lower-cased, accents folded,
 *   punctuation to spaces, a leading "the" dropped; the publisher also loses the words that vary
 *   between catalogues for the same body ("london borough of", "royal borough of", "council",
 *   "borough", "city of", "mayor of"). Both must be present: a title alone is not enough.
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const normaliseUrl = (raw: string): string | undefined => {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  const host = url.hostname.toLowerCase().replace(/^www\./, '');
  const port = url.port && url.port !== '80' && url.port !== '443' ? `:${url.port}` : '';
  const path = url.pathname.replace(/\/+$/, '');
  if (path === '' && url.search === '') return undefined;
  const params = [...url.searchParams.entries()]
    .filter(([key]) => !key.toLowerCase().startsWith('utm_'))
    .sort(([a, b], [c, d]) => (a === c ? (b < d ? -1 : 1) : a < c ? -1 : 1));
  const query = params.length > 0 ? `?${new URLSearchParams(params).toString()}` : '';
  return `https://${host}${port}${path}${query}`;
};

const words = (value: string): string =>
  value
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .replace(/^the /, '');

const PUBLISHER_NOISE = /\b(london borough of|royal borough of|city of|mayor of|borough|council)\b/g;

export const normaliseTitle = (title: string): string => words(title);
export const normalisePublisher = (publisher: string): string => words(publisher).replace(PUBLISHER_NOISE, ' ').replace(/\s+/g, ' ').trim();

export type MatchKind = 'identifier' | 'url' | 'title-and-publisher';

export interface MatchFacts {
  identifier: string;
  title: string;
  publisher?: string;
  recordUrl?: string;
  resourceUrls: readonly string[];
}

/** The keys of one record; two records share a key when they are the same dataset. */
export const matchKeys = (facts: MatchFacts): Map<string, MatchKind> => {
  const keys = new Map<string, MatchKind>();
  const identifier = facts.identifier.trim();
  if (UUID.test(identifier)) keys.set(`id:${identifier.toLowerCase()}`, 'identifier');
  else {
    const asUrl = /^https?:\/\//i.test(identifier) ? normaliseUrl(identifier) : undefined;
    if (asUrl) keys.set(`url:${asUrl}`, 'identifier');
  }
  for (const url of [facts.recordUrl, ...facts.resourceUrls]) {
    const normal = url ? normaliseUrl(url) : undefined;
    if (normal && !keys.has(`url:${normal}`)) keys.set(`url:${normal}`, 'url');
  }
  const title = normaliseTitle(facts.title);
  const publisher = facts.publisher ? normalisePublisher(facts.publisher) : '';
  if (title && publisher) keys.set(`title:${title}\n${publisher}`, 'title-and-publisher');
  return keys;
};

/** The facts of a stored harvested dataset. */
export const factsOfDataset = (dataset: Dataset): MatchFacts | undefined => {
  const provenance = dataset.provenance;
  if (!provenance) return undefined;
  return {
    identifier: provenance.identifier,
    title: dataset.title,
    publisher: provenance.publisher,
    recordUrl: provenance.recordUrl,
    resourceUrls: (dataset.linkedResources ?? []).map((r) => r.url),
  };
};

/** Whether a stored dataset can stand for its record (live, and not itself another's duplicate). */
const canStandFor = (dataset: Dataset): boolean =>
  !dataset.deletedAt && !!dataset.provenance && !dataset.provenance.withdrawnAt && !dataset.provenance.duplicateOf;

/** Earlier first harvest first; the dataset id breaks a tie, so every run agrees on which one stands. */
const standsBefore = (a: Dataset, b: Dataset): boolean => {
  const [fa, fb] = [a.provenance!.firstHarvested, b.provenance!.firstHarvested];
  return fa === fb ? a.id < b.id : fa < fb;
};

/**
 * The harvested datasets of other sources, by match key. A run builds it once from the
 * catalogue and asks it about each record it takes.
 */
export class SameDatasetIndex {
  private readonly byKey = new Map<string, Dataset[]>();

  constructor(datasets: Iterable<Dataset>, sourceId: string) {
    for (const dataset of datasets) {
      if (!canStandFor(dataset) || dataset.provenance!.sourceId === sourceId) continue;
      const facts = factsOfDataset(dataset);
      if (!facts) continue;
      for (const key of matchKeys(facts).keys()) {
        const list = this.byKey.get(key);
        if (list) list.push(dataset);
        else this.byKey.set(key, [dataset]);
      }
    }
  }

  /**
   * The dataset of another source that this record duplicates (the earliest harvested among those
   * it matches, if that one is earlier than the record itself) and the kind of match.
   */
  standingFor(record: Dataset): { dataset: Dataset; matchedBy: MatchKind } | undefined {
    const facts = factsOfDataset(record);
    if (!facts) return undefined;
    let best: { dataset: Dataset; matchedBy: MatchKind } | undefined;
    for (const [key, kind] of matchKeys(facts)) {
      for (const candidate of this.byKey.get(key) ?? []) {
        if (candidate.id === record.id || !standsBefore(candidate, record)) continue;
        if (!best || standsBefore(candidate, best.dataset)) best = { dataset: candidate, matchedBy: kind };
      }
    }
    return best;
  }
}

import type { KnownLicence } from './harvested-dataset';

/**
 * A source's licence (an id, a title, a URL, or free text holding a URL) to one of the licences
 * the exchange knows (functions/interop/vocabularies.ts). Only an unambiguous match counts: an
 * unversioned "Creative Commons Attribution" or CC BY 3.0 is not CC-BY-4.0, and "Public Domain"
 * is not CC0, so those stay unmapped and the run decides.
 */

/** Lower-cased, scheme and `www.` dropped, no trailing slash or `legalcode`: how URLs are compared. */
const normalise = (text: string): string =>
  text
    .trim()
    .toLowerCase()
    .replace(/^https?:\/\/(www\.)?/, '')
    .replace(/\/(legalcode|deed\.[a-z-]+)$/, '')
    .replace(/\/+$/, '');

const EXACT: ReadonlyMap<string, KnownLicence> = new Map([
  // identifiers: SPDX, CKAN's licence register, data.gov.uk, DCAT-AP.de, Socrata licenseId
  ['ogl-uk-3.0', 'OGL-UK-3.0'],
  ['uk-ogl', 'OGL-UK-3.0'],
  ['ogl3', 'OGL-UK-3.0'],
  ['ogl-uk-2.0', 'OGL-UK-2.0'],
  ['cc-by-4.0', 'CC-BY-4.0'],
  ['cc-by-sa-4.0', 'CC-BY-SA-4.0'],
  ['cc0-1.0', 'CC0-1.0'],
  ['cc0', 'CC0-1.0'],
  ['cc-zero', 'CC0-1.0'],
  ['cc0_10', 'CC0-1.0'],
  ['odbl-1.0', 'ODbL-1.0'],
  ['odc-odbl', 'ODbL-1.0'],
  ['odbl', 'ODbL-1.0'],
  // URLs (normalised)
  ['nationalarchives.gov.uk/doc/open-government-licence/version/3', 'OGL-UK-3.0'],
  ['nationalarchives.gov.uk/doc/open-government-licence/version/2', 'OGL-UK-2.0'],
  ['creativecommons.org/licenses/by/4.0', 'CC-BY-4.0'],
  ['creativecommons.org/licenses/by-sa/4.0', 'CC-BY-SA-4.0'],
  ['creativecommons.org/publicdomain/zero/1.0', 'CC0-1.0'],
  ['opendatacommons.org/licenses/odbl', 'ODbL-1.0'],
  ['opendatacommons.org/licenses/odbl/1.0', 'ODbL-1.0'],
  ['opendatacommons.org/licenses/odbl/1-0', 'ODbL-1.0'],
  ['opendefinition.org/licenses/odc-odbl', 'ODbL-1.0'],
  ['opendefinition.org/licenses/cc-zero', 'CC0-1.0'],
  ['dcat-ap.de/def/licenses/cc-zero', 'CC0-1.0'],
  ['dcat-ap.de/def/licenses/cc-by/4.0', 'CC-BY-4.0'],
  ['dcat-ap.de/def/licenses/odbl', 'ODbL-1.0'],
  ['publications.europa.eu/resource/authority/licence/cc_by_4_0', 'CC-BY-4.0'],
  ['publications.europa.eu/resource/authority/licence/cc_bysa_4_0', 'CC-BY-SA-4.0'],
  ['publications.europa.eu/resource/authority/licence/cc0', 'CC0-1.0'],
  ['publications.europa.eu/resource/authority/licence/odc_odbl', 'ODbL-1.0'],
  ['publications.europa.eu/resource/authority/licence/ogl_3_0', 'OGL-UK-3.0'],
]);

/** Titles as catalogues write them; matched against the whole text, lower-cased, spaces collapsed. */
const TITLES: ReadonlyArray<[RegExp, KnownLicence]> = [
  [/^(uk )?open government licen[cs]e( for public sector information)?( \(ogl\))?( v(ersion)? ?3(\.0)?)?$/, 'OGL-UK-3.0'],
  [/^(uk )?open government licen[cs]e( \(ogl\))? v(ersion)? ?2(\.0)?$/, 'OGL-UK-2.0'],
  [/^creative commons attribution 4\.0( international)?( \(cc[ -]by 4\.0\))?$/, 'CC-BY-4.0'],
  [/^creative commons attribution[ -]share ?alike 4\.0( international)?( \(cc[ -]by[ -]sa 4\.0\))?$/, 'CC-BY-SA-4.0'],
  [/^(creative commons )?cc0( 1\.0)?( universal)?( public domain dedication)?$/, 'CC0-1.0'],
  [/^creative commons (cc0 )?1\.0 universal$/, 'CC0-1.0'],
  [/^creative commons (cczero|zero|cc0)$/, 'CC0-1.0'],
  [/^(open data commons )?(- )?open database licen[cs]e( \(odbl\))?( v?1\.0)?$/, 'ODbL-1.0'],
];

/** Known licence URLs found anywhere inside free text (Socrata's "name\npublisher\nurl", ArcGIS HTML). */
const urlsIn = (text: string): string[] => text.match(/https?:\/\/[^\s"'<>)]+/g) ?? [];

/** The known licence one candidate names, or undefined. */
const licenceIn = (candidate: string): KnownLicence | undefined => {
  const exact = EXACT.get(normalise(candidate));
  if (exact) return exact;
  const title = candidate.trim().toLowerCase().replace(/\s+/g, ' ');
  for (const [pattern, licence] of TITLES) if (pattern.test(title)) return licence;
  for (const url of urlsIn(candidate)) {
    const found = EXACT.get(normalise(url.replace(/[.,;]+$/, '')));
    if (found) return found;
  }
  return undefined;
};

/** The first candidate (id before title before URL, as the caller orders them) that maps. */
export const mapLicence = (...candidates: Array<string | undefined | null>): KnownLicence | undefined => {
  for (const candidate of candidates) {
    if (typeof candidate !== 'string' || candidate.trim() === '') continue;
    const licence = licenceIn(candidate);
    if (licence) return licence;
  }
  return undefined;
};

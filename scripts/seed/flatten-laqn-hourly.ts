import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { londonBoroughs } from '../../functions/geo/boundaries/london-boroughs';

/**
 * The LAQN hourly air quality index (an XML feed turned into JSON: `@` attributes, every value a
 * string, `Site` and `Species` each a list, one object or missing) as one CSV row per site and
 * pollutant, so the exchange can publish, query and map it. Nothing is computed: values are copied,
 * with two documented changes: an index of 0 with the band "No data" is left empty (the feed's way
 * of saying nothing was measured), and each local authority gains its GSS code, matched by name
 * against the ONS borough names (LAQN writes "Kingston" and "Richmond" for the Royal Boroughs).
 * The feed's `@LatitudeWGS84`/`@LongitudeWGS84` are Web Mercator metres despite their names, and
 * are left out. Run `npx tsx scripts/seed/flatten-laqn-hourly.ts`; the output is committed.
 */
const folder = join(__dirname, '..', '..', 'functions/local/seed/london-data');
export const SOURCE = join(folder, 'laqn_hourly_aqi_2019-09-26T11_robmarkcole.json');
export const TARGET = join(folder, 'laqn_hourly_aqi_2019-09-26T11_by_site_and_pollutant.csv');

type Attributes = Record<string, string>;
type OneOrMany<T> = T | T[] | undefined;
interface Site extends Attributes {}
interface Feed {
  HourlyAirQualityIndex: { LocalAuthority: Array<Attributes & { Site?: OneOrMany<Site & { Species?: OneOrMany<Attributes> }> }> };
}

const list = <T>(value: OneOrMany<T>): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

const gssCodeOf = (name: string): string => {
  const borough = londonBoroughs().find((b) => b.name === name) ?? londonBoroughs().find((b) => b.name.startsWith(`${name} `));
  if (!borough) throw new Error(`no London borough is called ${name}`);
  return borough.code;
};

const HEADER = [
  'bulletin_date',
  'local_authority',
  'local_authority_gss_code',
  'site_code',
  'site_name',
  'site_type',
  'latitude',
  'longitude',
  'species_code',
  'species_description',
  'air_quality_index',
  'air_quality_band',
  'index_source',
];

const quote = (value: string): string => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

export const flattenHourly = (json: string): string => {
  const feed = JSON.parse(json) as Feed;
  const lines = [HEADER.join(',')];
  for (const authority of feed.HourlyAirQualityIndex.LocalAuthority) {
    const code = gssCodeOf(authority['@LocalAuthorityName']);
    for (const site of list(authority.Site)) {
      for (const species of list(site.Species)) {
        const noData = species['@AirQualityBand'] === 'No data' && species['@AirQualityIndex'] === '0';
        const cells = [
          site['@BulletinDate'],
          authority['@LocalAuthorityName'],
          code,
          site['@SiteCode'],
          site['@SiteName'],
          site['@SiteType'],
          site['@Latitude'],
          site['@Longitude'],
          species['@SpeciesCode'],
          species['@SpeciesDescription'],
          noData ? '' : species['@AirQualityIndex'],
          species['@AirQualityBand'],
          species['@IndexSource'],
        ];
        lines.push(cells.map((cell) => quote(cell ?? '')).join(','));
      }
    }
  }
  return `${lines.join('\n')}\n`;
};

if (require.main === module) {
  const csv = flattenHourly(readFileSync(SOURCE, 'utf8'));
  writeFileSync(TARGET, csv);
  console.log(`wrote ${TARGET} (${csv.split('\n').length - 2} rows)`);
}

import { londonBoroughs } from '../../geo/boundaries/london-boroughs';

/**
 * Real London open data for a fresh local exchange, published through the real upload path by
 * the organisations that publish them. Files and their sources and licences:
 * london-data/README.md. Each description says where the file came from and what is odd about it.
 */
export interface SeedResource {
  name: string;
  title: string;
  /** A file in london-data/. */
  file: string;
  /** For a workbook: the sheet to publish (the GLA's first sheet is an interactive dashboard, its table is on 'Data'). */
  sheet?: string;
  /** TopoJSON, which the exchange does not read, is decoded to GeoJSON before the upload. */
  decode?: 'topojson';
  contentType: string;
  format?: 'csv' | 'json' | 'geojson';
}

export interface SeedDataset {
  organisation: string;
  metadata: Record<string, unknown>;
  resources: SeedResource[];
}

/** The 33 local authorities by name, so a search for a borough finds the datasets with a row or an area for it. */
const BOROUGH_NAMES = londonBoroughs()
  .map((b) => b.name)
  .sort((a, b) => a.localeCompare(b, 'en-GB'))
  .join(', ');
const ALL_BOROUGHS = `Covers every London local authority: ${BOROUGH_NAMES}.`;
const LONDON = { gssCodes: ['E12000007'], description: 'Greater London, by local authority' };

const GLA_CONTACT = { name: 'GLA City Intelligence', email: 'datastore@london.gov.uk' };
const LAQN_SOURCE =
  'From the London Air Quality Network (LondonAir), run by the Environmental Research Group (at King’s College London until 2020, Imperial College London since). Attribution: londonair.org.uk.';
const BOUNDARY_SOURCE =
  'Contains OS, ONS, NRS and LPS data © Crown copyright and database right 2016, Open Government Licence v3; OS data under the OS OpenData licence. Converted to GeoJSON by Martin Chorley (martinjc/UK-GeoJSON), CC BY 4.0.';

export const realDatasets: SeedDataset[] = [
  {
    organisation: 'gla',
    metadata: {
      name: 'london-borough-profiles',
      title: 'London Borough Profiles and Atlas',
      description: `Key statistics for each of the 33 London local authorities: population, households, ethnicity, employment, housing, health and more, gathered by the GLA from official sources (2017 edition).\n\nThe CSV is the GLA's own file as published: Windows-1252, "." and "-" for missing values, money as text such as "£63,620", thousands separators applied unevenly, and rows for Inner London, Outer London, London, England and the United Kingdom after the boroughs. The workbook is the GLA's original Excel file of the same profiles.\n\n${ALL_BOROUGHS}`,
      tier: 'open',
      licence: 'OGL-UK-3.0',
      keywords: ['boroughs', 'profiles', 'population', 'statistics', 'london datastore'],
      themes: ['demographics', 'london-government'],
      updateFrequency: 'annual',
      temporalCoverage: { start: '2015-01-01', end: '2017-12-31' },
      spatialCoverage: LONDON,
      contactPoint: GLA_CONTACT,
    },
    resources: [
      { name: 'profiles', title: 'Borough profiles 2017 (CSV)', file: 'london-borough-profiles_2017_GLA_cp1252.csv', contentType: 'text/csv', format: 'csv' },
      {
        name: 'workbook',
        title: 'Borough profiles 2017 (Excel workbook)',
        file: 'london-borough-profiles_GLA.xlsx',
        sheet: 'Data',
        contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      },
    ],
  },
  {
    organisation: 'gla',
    metadata: {
      name: 'london-ward-profiles',
      title: 'London Ward Profiles and Atlas',
      description: `Population, diversity, households, life expectancy, housing, crime, benefits, land use, deprivation and more for each of London's 624 electoral wards (2014 boundaries), with a row for each borough, London and England, gathered by the GLA.\n\nAs published: "n/a" for missing values, the City of London listed twice, old codes beside new GSS codes, and the house-price heading's "£" already lost as "?" in the copy.\n\n${ALL_BOROUGHS}`,
      tier: 'open',
      licence: 'OGL-UK-3.0',
      keywords: ['wards', 'profiles', 'population', 'statistics', 'london datastore'],
      themes: ['demographics', 'london-government'],
      updateFrequency: 'irregular',
      spatialCoverage: { gssCodes: ['E12000007'], description: 'Greater London, by electoral ward and borough' },
      contactPoint: GLA_CONTACT,
    },
    resources: [
      { name: 'ward-profiles', title: 'Ward profiles', file: 'ward-profiles-excel-version_GLA_TianquShao.csv', contentType: 'text/csv', format: 'csv' },
    ],
  },
  {
    organisation: 'london-air',
    metadata: {
      name: 'laqn-monitoring-sites',
      title: 'London Air Quality Network monitoring sites',
      description: `Every air quality monitoring site of the London Air Quality Network and its neighbours: site code, local authority, classification (roadside, kerbside, urban background, industrial…), position on the British National Grid and in latitude and longitude, and opening and closing dates. 988 sites, 508 of them closed, some outside London (Kent, Sussex, and further).\n\nAs published: semicolon-delimited; 87 sites carry a placeholder position (0,0 on the grid, which is 49.7667, -7.5572: the grid's false origin) and 26 have none.\n\n${LAQN_SOURCE}`,
      tier: 'open',
      licence: 'OGL-UK-3.0',
      keywords: ['air quality', 'air pollution', 'monitoring sites', 'laqn', 'londonair'],
      themes: ['environment', 'health'],
      updateFrequency: 'irregular',
      spatialCoverage: { gssCodes: ['E12000007'], description: 'Greater London and the South East' },
    },
    resources: [{ name: 'sites', title: 'Monitoring sites', file: 'laqn_sites_BayesNewton.csv', contentType: 'text/csv', format: 'csv' }],
  },
  {
    organisation: 'london-air',
    metadata: {
      name: 'laqn-hourly-air-quality-index',
      title: 'London hourly air quality index, 26 September 2019 11:00',
      description: `The London Air Quality Network's hourly air quality index for every London local authority at 11:00 on 26 September 2019: each monitoring site and pollutant (nitrogen dioxide, PM10 and PM2.5 particulates, ozone, sulphur dioxide) with its index (1 to 10) and band (Low, Moderate, High, Very High).\n\nDERIVED: the feed is XML turned into JSON; scripts/seed/flatten-laqn-hourly.ts makes it one row per site and pollutant, copying values unchanged except that an index of 0 in the band "No data" is left empty, and adding each local authority's GSS code (matched by name).\n\n${LAQN_SOURCE}\n\n${ALL_BOROUGHS}`,
      tier: 'open',
      licence: 'OGL-UK-3.0',
      keywords: ['air quality', 'air pollution', 'air quality index', 'no2', 'pm10', 'pm2.5', 'laqn'],
      themes: ['environment', 'health'],
      updateFrequency: 'never',
      temporalCoverage: { start: '2019-09-26', end: '2019-09-26' },
      spatialCoverage: LONDON,
    },
    resources: [
      {
        name: 'index-by-site',
        title: 'Air quality index by site and pollutant',
        file: 'laqn_hourly_aqi_2019-09-26T11_by_site_and_pollutant.csv',
        contentType: 'text/csv',
        format: 'csv',
      },
    ],
  },
  {
    organisation: 'tfl',
    metadata: {
      name: 'tfl-cycle-hire-docking-stations',
      title: 'Santander Cycles docking stations: bikes and free docks',
      description:
        "Every Santander Cycles bike hire docking station in London at 04:18 UTC on 30 March 2016, from TfL's live feed (livecyclehireupdates.xml): name, terminal, position, whether installed, locked or temporary, install and removal dates, and the number of bikes, empty docks and docks.\n\nAs published: 750 stations; in 205 of them bikes plus empty docks do not add up to docks (broken docks), 39 names have a space before a comma, 83 have no install date, and one station is not installed. Powered by TfL Open Data.",
      tier: 'open',
      licence: 'OGL-UK-2.0',
      keywords: ['cycle hire', 'bike', 'bikes', 'bike hire', 'santander cycles', 'docking stations', 'cycling'],
      themes: ['transport'],
      updateFrequency: 'never',
      temporalCoverage: { start: '2016-03-30', end: '2016-03-30' },
      spatialCoverage: { gssCodes: ['E12000007'], description: 'Central London' },
      contactPoint: { name: 'TfL Open Data', email: 'opendata@tfl.gov.uk' },
    },
    resources: [
      { name: 'stations', title: 'Docking stations (XML feed)', file: 'tfl_livecyclehireupdates_2016-03-30_chungcyk.xml', contentType: 'application/xml' },
    ],
  },
  {
    organisation: 'ons',
    metadata: {
      name: 'london-borough-boundaries-2013',
      title: 'London borough boundaries (2013)',
      description: `The boundaries of London's 33 local authorities (2013), as GeoJSON in WGS84, with each borough's GSS code and name.\n\nDERIVED: dissolved from the full-precision 2013 ward polygons (one per borough, all valid, no holes; Hounslow has 5 parts and Richmond upon Thames 4), because decoding the source's quantised TopoJSON of local authorities gave self-intersecting polygons for 17 boroughs. The exchange's own maps are drawn from a simplified copy of these outlines.\n\n${BOUNDARY_SOURCE}\n\n${ALL_BOROUGHS}`,
      tier: 'open',
      licence: 'CC-BY-4.0',
      keywords: ['boundaries', 'boroughs', 'local authorities', 'geography', 'geojson'],
      themes: ['london-government', 'planning'],
      updateFrequency: 'never',
      spatialCoverage: LONDON,
    },
    resources: [
      {
        name: 'boroughs',
        title: 'Borough boundaries (GeoJSON)',
        file: 'london_boroughs_LAD13_dissolved_from_martinjc_wards.geojson',
        contentType: 'application/geo+json',
        format: 'geojson',
      },
    ],
  },
  {
    organisation: 'ons',
    metadata: {
      name: 'london-ward-boundaries-2013',
      title: 'London electoral ward boundaries (2013)',
      description: `The boundaries of London's 649 electoral wards (2013), as GeoJSON in WGS84, with each ward's GSS code and name and its borough's code.\n\nDERIVED: the 33 per-borough ward files of the source concatenated into one collection, each feature given its borough's code; nothing else changed.\n\n${BOUNDARY_SOURCE}\n\n${ALL_BOROUGHS}`,
      tier: 'open',
      licence: 'CC-BY-4.0',
      keywords: ['boundaries', 'wards', 'electoral wards', 'geography', 'geojson'],
      themes: ['london-government', 'planning'],
      updateFrequency: 'never',
      spatialCoverage: { gssCodes: ['E12000007'], description: 'Greater London, by electoral ward' },
    },
    resources: [
      {
        name: 'wards',
        title: 'Ward boundaries (GeoJSON)',
        file: 'london_wards_WD13_merged_from_martinjc.geojson',
        contentType: 'application/geo+json',
        format: 'geojson',
      },
    ],
  },
  {
    organisation: 'ons',
    metadata: {
      name: 'england-local-authority-districts-2013',
      title: 'Local authority districts in England (2013)',
      description: `The boundaries of England's 326 local authority districts (2013: London boroughs, metropolitan and non-metropolitan districts, unitary authorities), as GeoJSON in WGS84, with each district's GSS code, old code and name.\n\nDERIVED: the source is quantised TopoJSON (a grid of about 0.0008 degrees, some 50 metres), decoded to GeoJSON with topojson-client when the exchange is seeded. Decoding gives self-intersecting polygons for 17 of the 33 London boroughs: use the London borough boundaries for analysis within London.\n\n${BOUNDARY_SOURCE}`,
      tier: 'open',
      licence: 'CC-BY-4.0',
      keywords: ['boundaries', 'local authorities', 'districts', 'england', 'geography', 'geojson'],
      themes: ['london-government', 'planning'],
      updateFrequency: 'never',
      spatialCoverage: { gssCodes: ['E92000001'], description: 'England, by local authority district' },
    },
    resources: [
      {
        name: 'districts',
        title: 'Local authority districts (GeoJSON, decoded from TopoJSON)',
        file: 'martinjc_topo_lad_eng_LAD13.topojson.json',
        decode: 'topojson',
        contentType: 'application/geo+json',
        format: 'geojson',
      },
    ],
  },
];

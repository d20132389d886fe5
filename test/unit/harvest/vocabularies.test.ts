import { calendarDate, gssCodesIn, temporalCoverage, temporalFromInterval } from '../../../functions/harvest/coverage';
import { cleanEmail, cleanKeywords, cleanMediaType } from '../../../functions/harvest/fields';
import { mapFrequency } from '../../../functions/harvest/frequencies';
import { mapLicence } from '../../../functions/harvest/licences';
import { mapThemes } from '../../../functions/harvest/themes';
import { licences } from '../../../functions/interop/vocabularies';

describe('licence mapping', () => {
  it.each([
    ['uk-ogl', 'OGL-UK-3.0'],
    ['OGL-UK-3.0', 'OGL-UK-3.0'],
    ['Open Government Licence v3.0', 'OGL-UK-3.0'],
    ['https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/', 'OGL-UK-3.0'],
    ['http://www.nationalarchives.gov.uk/doc/open-government-licence/version/2/', 'OGL-UK-2.0'],
    ['cc-zero', 'CC0-1.0'],
    ['https://creativecommons.org/publicdomain/zero/1.0/legalcode', 'CC0-1.0'],
    ['http://dcat-ap.de/def/licenses/cc-zero', 'CC0-1.0'],
    ['Creative Commons 1.0 Universal\ncity of seattle\nhttp://creativecommons.org/publicdomain/zero/1.0/legalcode', 'CC0-1.0'],
    ['https://creativecommons.org/licenses/by/4.0/', 'CC-BY-4.0'],
    ['http://publications.europa.eu/resource/authority/licence/CC_BY_4_0', 'CC-BY-4.0'],
    ['Creative Commons Attribution-ShareAlike 4.0', 'CC-BY-SA-4.0'],
    ['odc-odbl', 'ODbL-1.0'],
    ['Open Data Commons Open Database License (ODbL)', 'ODbL-1.0'],
  ])('maps %j to %s', (source, expected) => {
    expect(mapLicence(source)).toBe(expected);
  });

  it.each([
    'cc-by',
    'Creative Commons Attribution 3.0 Unported',
    'Public Domain',
    'other-open',
    'https://project-open-data.cio.gov/unknown-license',
    'http://creativecommons.org/licenses/by-nc/3.0/',
    'Licence Ouverte / Open Licence',
    '',
  ])('leaves %j unmapped', (source) => {
    expect(mapLicence(source)).toBeUndefined();
  });

  it('only ever gives licences the exchange knows', () => {
    for (const source of ['uk-ogl', 'cc-zero', 'odc-odbl', 'CC-BY-4.0', 'CC-BY-SA-4.0', 'OGL-UK-2.0']) {
      expect(Object.keys(licences)).toContain(mapLicence(source));
    }
  });
});

describe('frequency mapping', () => {
  it.each([
    ['R/P1D', 'daily'],
    ['R/PT1H', 'continuous'],
    ['R/PT1S', 'continuous'],
    ['R/P1W', 'weekly'],
    ['R/P1M', 'monthly'],
    ['R/P3M', 'quarterly'],
    ['R/P6M', 'biannual'],
    ['R/P1Y', 'annual'],
    ['irregular', 'irregular'],
    ['http://publications.europa.eu/resource/authority/frequency/UPDATE_CONT', 'continuous'],
    ['http://publications.europa.eu/resource/authority/frequency/ANNUAL_2', 'biannual'],
    ['http://publications.europa.eu/resource/authority/frequency/NEVER', 'never'],
    ['http://purl.org/cld/freq/quarterly', 'quarterly'],
    ['Monthly', 'monthly'],
    ['asNeeded', 'irregular'],
    ['diária', 'daily'],
  ])('maps %s to %s', (source, expected) => {
    expect(mapFrequency(source)).toBe(expected);
  });

  it.each(['R/P2Y', 'R/P10D', 'sometimes', '', 'http://publications.europa.eu/resource/authority/frequency/OTHER'])('leaves %j unmapped', (source) => {
    expect(mapFrequency(source)).toBeUndefined();
  });
});

describe('theme mapping', () => {
  it('maps labels, slugs and EU data-theme URIs, without repeats', () => {
    expect(mapThemes(['Transport', 'public-safety', 'http://publications.europa.eu/resource/authority/data-theme/ENVI', 'Roads'])).toEqual([
      'transport',
      'crime-and-community-safety',
      'environment',
    ]);
    expect(mapThemes(['housing & development'])).toEqual(['housing', 'planning']);
    expect(mapThemes(['infrastructure', 'agricultura-extrativismo-e-pesca', undefined])).toEqual([]);
  });
});

describe('coverage', () => {
  it('finds GSS codes written out or inside ONS URIs, and nothing that merely looks close', () => {
    expect(gssCodesIn(['E09000007', 'http://statistics.data.gov.uk/id/statistical-geography/E12000007', 'gb_40_E09000033', 'XE090000071', 'E0900000'])).toEqual(
      ['E09000007', 'E12000007', 'E09000033'],
    );
  });

  it('reads dates and intervals, rounding an end year or month up, and refuses impossible ones', () => {
    expect(calendarDate('2020')).toBe('2020-01-01');
    expect(calendarDate('2020-02', true)).toBe('2020-02-29');
    expect(calendarDate('2021-02-29')).toBeUndefined();
    expect(calendarDate('2019-05-01T10:00:00Z')).toBe('2019-05-01');
    expect(temporalFromInterval('2010-01-01/2012')).toEqual({ start: '2010-01-01', end: '2012-12-31' });
    expect(temporalFromInterval('2010-01-01/P1Y')).toEqual({ start: '2010-01-01' });
    expect(temporalCoverage('2020-01-01', '2019-01-01')).toBeUndefined();
    expect(temporalCoverage('a partir de 08/2019')).toBeUndefined();
  });
});

describe('field clean-up', () => {
  it('accepts e-mail addresses in their usual wrappings and nothing else', () => {
    expect(cleanEmail('mailto:adc@arm.gov')).toBe('adc@arm.gov');
    expect(cleanEmail('Data Team <data@x.example>')).toBe('data@x.example');
    expect(cleanEmail('mailto:managed services gis esri support')).toBeUndefined();
    expect(cleanEmail('not an address')).toBeUndefined();
  });

  it('keeps keywords within the schema: no markup, 60 characters, unique ignoring case', () => {
    expect(cleanKeywords(['Air', 'air', '<b>NO2</b>', 'x'.repeat(80), '', 7, ' pm10 '])).toEqual(['Air', 'NO2', `${'x'.repeat(59)}\u2026`, 'pm10']);
  });

  it('reads media types, with or without parameters or an IANA URI', () => {
    expect(cleanMediaType('text/csv; charset=utf-8')).toBe('text/csv');
    expect(cleanMediaType('https://www.iana.org/assignments/media-types/application/geo+json')).toBe('application/geo+json');
    expect(cleanMediaType('Web page')).toBeUndefined();
  });
});

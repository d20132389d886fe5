import { bothPaths, type Edit, keep, setCell, table } from './both-paths';
import { removeWorkDirs } from './helpers';
import { seededRandom as random } from '../../support/seeded-random';

afterAll(removeWorkDirs);

/**
 * Adversarial probes of the DuckDB fast path: cells at the edges of what the JS casts, ajv
 * and csv-parse accept (number and date spellings, Unicode lengths, patterns, quoting,
 * uniqueness, row shapes), each run through both paths, which must give the same result,
 * report and outputs (both-paths.ts).
 */

// air-quality-readings: patterns, enums, a date-time, number ranges, an integer, a boolean; key (site_code, pollutant, measured_at).
const AIR = 'site_code,borough_gss_code,pollutant,measured_at,value,unit,ratified,data_capture_pct,latitude,longitude';
const airRow = (i: number): string[] => [
  `S${String(i).padStart(3, '0')}`,
  'E09000001',
  'NO2',
  '2024-01-01T00:00:00Z',
  '12.5',
  'ug/m3',
  'true',
  '90',
  '51.5',
  '-0.1',
];
const air = (edit: Edit = keep, rows = 6, eol = '\n') => table(AIR, airRow, rows, edit, eol);

// borough-indicators: strings with maxLength only, a pattern with alternation, an unbounded number; key (gss_code, indicator, period).
const BOROUGH = 'gss_code,area_name,indicator,period,value,unit,source';
const boroughRow = (i: number): string[] => ['E09000001', 'City of London', `Indicator ${i}`, '2024', '8600', 'persons', 'ONS'];
const borough = (edit: Edit = keep, rows = 6, eol = '\n') => table(BOROUGH, boroughRow, rows, edit, eol);

// ev-charge-points: maxLength + pattern, exclusiveMinimum, a date, a date-time; key charge_point_id.
const EV =
  'charge_point_id,name,operator,borough_gss_code,postcode,latitude,longitude,connector_type,power_kw,connectors,open_24_hours,commissioned_on,last_updated';
const evRow = (i: number): string[] => [
  `CP-${i}`,
  'Car park',
  'ubitricity',
  'E09000012',
  'E8 1DY',
  '51.5450',
  '-0.0553',
  'Type 2',
  '5.5',
  '1',
  'yes',
  '2022-07-15',
  '2024-03-30T18:00:00Z',
];
const ev = (edit: Edit = keep, rows = 6, eol = '\n') => table(EV, evRow, rows, edit, eol);

// road-traffic-collisions: an integer enum, a time pattern.
const ROAD =
  'collision_reference,collision_date,collision_time,borough_gss_code,severity,vehicles,casualties,speed_limit_mph,light_conditions,road_surface,police_attended,latitude,longitude';
const roadRow = (i: number): string[] => [`C${i}`, '2024-03-01', '13:45', 'E09000001', 'Slight', '2', '1', '30', 'Daylight', 'Dry', 'true', '51.5', '-0.1'];
const road = (edit: Edit = keep, rows = 6) => table(ROAD, roadRow, rows, edit);

// planning-applications: large integer bounds, negative integer minimum.
const PLANNING =
  'application_reference,borough_gss_code,site_address,postcode,uprn,proposal,application_type,status,decision,received_on,decided_on,new_homes,latitude,longitude';
const planningRow = (i: number): string[] => [
  `A/${i}`,
  'E09000001',
  '"1 Main St, London"',
  'N1 9GU',
  '100021234567',
  'Extension',
  'Householder',
  'Decided',
  'Approved',
  '2024-01-02',
  '2024-02-03',
  '0',
  '51.5',
  '-0.1',
];
const planning = (edit: Edit = keep, rows = 6) => table(PLANNING, planningRow, rows, edit);

type Probe = [name: string, schema: string, text: string];

const numberProbes: Probe[] = [
  ...[
    '1e3',
    '1E3',
    '1e+3',
    '1e-3',
    '+1',
    '01',
    '00.5',
    '1.',
    '.5',
    '-.5',
    '+.5',
    '0x10',
    '0b1',
    '0o7',
    'Infinity',
    '-Infinity',
    '-0',
    '-0.0',
    '+0',
    '4.9e-324',
    '1e-400',
    '1e400',
    '5000.0000000000001',
    '5000.000000000001',
    '-20.000000000000001',
    '-20.00000000000001',
    '1__0',
    '1_0',
    '\u0663',
    '\uff11',
    '1 ',
    '.',
    '+',
    'e5',
    '1e',
    '5000',
    '-20',
    '12.50000000000000000000000001',
    '0012.5e-0',
  ].map((cell): Probe => [`air value ${JSON.stringify(cell)}`, 'air-quality-readings', air(setCell(2, 4, cell))]),
  ...[
    '1e308',
    '-1e308',
    '1.7976931348623157e308',
    '1.7976931348623159e308',
    '123456789012345678901234567890',
    '2.2250738585072011e-308',
    '0.1',
    '-0',
    '1e-400',
    '9007199254740993',
    '0.30000000000000004',
    '3.141592653589793238462643383279',
  ].map((cell): Probe => [`borough value ${JSON.stringify(cell)}`, 'borough-indicators', borough(setCell(1, 4, cell))]),
  ...['0', '-0', '+0', '0.0', '1e-400', '1e-300', '0.0000001', '400', '400.0000000000001', '400.00000000000001', '4e2', '+400'].map(
    (cell): Probe => [`ev power_kw (exclusiveMinimum 0) ${JSON.stringify(cell)}`, 'ev-charge-points', ev(setCell(1, 8, cell))],
  ),
];

const integerProbes: Probe[] = [
  ...[
    '+1',
    '01',
    '-0',
    '+0',
    '100',
    '0100',
    '1e2',
    '1.',
    '1.0',
    '9007199254740991',
    '9007199254740993',
    '-9007199254740993',
    '18446744073709551617',
    '00000000000000000000000000000000000000000000000001',
    '+-1',
    '\u0661',
  ].map((cell): Probe => [`air data_capture_pct ${JSON.stringify(cell)}`, 'air-quality-readings', air(setCell(3, 7, cell))]),
  ...['20', '020', '+20', '20.0', '2e1', '-0', '0', '25', '70', '070'].map(
    (cell): Probe => [`road speed_limit_mph (integer enum) ${JSON.stringify(cell)}`, 'road-traffic-collisions', road(setCell(1, 7, cell))],
  ),
  ...['999999999999', '1000000000000', '0999999999999', '1', '0', '-1'].map(
    (cell): Probe => [`planning uprn ${JSON.stringify(cell)}`, 'planning-applications', planning(setCell(1, 4, cell))],
  ),
  ...['-10000', '-10001', '-0', '50000', '+50000'].map(
    (cell): Probe => [`planning new_homes ${JSON.stringify(cell)}`, 'planning-applications', planning(setCell(1, 11, cell))],
  ),
];

const booleanProbes: Probe[] = [
  'TRUE',
  'True',
  'yes',
  'YES',
  'Yes',
  '1',
  '0',
  'no',
  'No',
  'NO',
  'tRuE',
  'yEs',
  ' true',
  'true ',
  'Y',
  'on',
  't',
  '"true"',
  '"1"',
].map((cell): Probe => [`air ratified ${JSON.stringify(cell)}`, 'air-quality-readings', air(setCell(2, 6, cell))]);

const dateProbes: Probe[] = [
  ...[
    '2024-02-29T00:00:00Z',
    '2023-02-29T00:00:00Z',
    '1900-02-29T00:00:00Z',
    '2000-02-29T00:00:00Z',
    '2024-01-01T24:00:00Z',
    '2024-01-01T23:59:60Z',
    '2024-01-01 00:00:00',
    '2024-01-01T00:00:00z',
    '2024-01-01T00:00:00.Z',
    '2024-01-01T00:00Z',
    '2024-1-1T00:00:00Z',
    '0001-01-01T00:00:00Z',
    '0000-01-01T00:00:00Z',
    '9999-12-31T23:59:59.999999Z',
    '2024-01-01T00:00:00+00:00',
    '2024-01-01T00:00:00+01:00',
    '2024-01-01T00:00:00-00:00',
    '2024-01-01T00:00:00.5',
    '2024-01-01T00:00:00.1234567Z',
    '2024-01-01T00:00:00.999999999Z',
    '2024-01-01T00:00:00.0000005Z',
    '2024-01-01T00:00:00.1234567890Z',
    '2024-13-01T00:00:00Z',
    '2024-00-10T00:00:00Z',
    '2024-01-00T00:00:00Z',
    '2024-01-01T00:60:00Z',
    '+2024-01-01T00:00:00Z',
    '20240101T000000Z',
    '2024-01-01T00:00:00ZZ',
    '2024-01-01t00:00:00Z',
    '\u0662024-01-01T00:00:00Z',
  ].map((cell): Probe => [`air measured_at ${JSON.stringify(cell)}`, 'air-quality-readings', air(setCell(2, 3, cell))]),
  ...[
    '2024-02-29',
    '2023-02-29',
    '2024-02-30',
    '2024-1-1',
    '01/02/2024',
    '1/2/2024',
    '0000-01-01',
    '0001-01-01',
    '9999-12-31',
    '2024-01-01T00:00:00Z',
    ' 2024-01-01',
    '2024-01-01 ',
  ].map((cell): Probe => [`ev commissioned_on ${JSON.stringify(cell)}`, 'ev-charge-points', ev(setCell(1, 11, cell))]),
  [
    'every date-time with 7 to 9 fraction digits (Parquet precision)',
    'air-quality-readings',
    air((c, i) => {
      c[3] = `2024-01-01T00:00:0${i}.${'9876543219'.slice(0, 7 + (i % 3))}Z`;
      return c;
    }),
  ],
  [
    'every date-time with 7 to 9 fraction digits, local (Parquet precision)',
    'air-quality-readings',
    air((c, i) => {
      c[3] = `2024-01-01T00:00:0${i}.${'9999999999'.slice(0, 7 + (i % 3))}`;
      return c;
    }),
  ],
  [
    'local and UTC date-times in one column, with fractions (TIMESTAMP Parquet)',
    'air-quality-readings',
    air((c, i) => {
      c[3] = `2024-06-01T12:00:0${i}.123456789${i % 2 ? 'Z' : ''}`;
      return c;
    }),
  ],
  [
    'date-times near the year boundaries',
    'ev-charge-points',
    ev((c, i) => {
      c[12] = [
        '0001-01-01T00:00:00Z',
        '9999-12-31T23:59:59Z',
        '1970-01-01T00:00:00Z',
        '1969-12-31T23:59:59.999999Z',
        '2038-01-19T03:14:08Z',
        '1582-10-10T00:00:00Z',
      ][i];
      return c;
    }),
  ],
  [
    'dates near the year boundaries',
    'ev-charge-points',
    ev((c, i) => {
      c[11] = ['0001-01-01', '9999-12-31', '1970-01-01', '1582-10-10', '1000-02-29', '1600-02-29'][i];
      return c;
    }),
  ],
];

const thumbs = '\u{1F44D}';
const combining = 'e\u0301';
const stringProbes: Probe[] = [
  ...[' S001', 'S001 ', 's001', 'S0\u0661', '\uff33001', 'S001\u00a0', '"S001\n"', '"\nS001"', '"S0""1"', 'S', 'S00000001', 'S000000001', '"S001"'].map(
    (cell): Probe => [`air site_code (pattern) ${JSON.stringify(cell)}`, 'air-quality-readings', air(setCell(2, 0, cell))],
  ),
  ...['E09000001 ', 'E090000010', 'E09000034', 'e09000001', '"E09000001\n"'].map(
    (cell): Probe => [`air borough_gss_code (pattern) ${JSON.stringify(cell)}`, 'air-quality-readings', air(setCell(2, 1, cell))],
  ),
  ...['no2', 'NO2 ', '"NO2"', 'PM2.5', 'PM2X5', 'N\u200bO2'].map(
    (cell): Probe => [`air pollutant (enum) ${JSON.stringify(cell)}`, 'air-quality-readings', air(setCell(2, 2, cell))],
  ),
  ...['UG/M3', '"ug/m3"', 'ug/m3 ', '""', 'N/A', 'n/a', 'NaN', '"NaN"', '-', '"-"', 'nan'].map(
    (cell): Probe => [`air unit (required enum) ${JSON.stringify(cell)}`, 'air-quality-readings', air(setCell(2, 5, cell))],
  ),
  ...[
    '""',
    '" "',
    ' ',
    'x',
    '"x"',
    'X',
    '..',
    '"..."',
    `"${'a'.repeat(100)}"`,
    'a'.repeat(101),
    thumbs.repeat(100),
    thumbs.repeat(101),
    combining.repeat(50),
    combining.repeat(51),
    '\u{1F1EC}\u{1F1E7}'.repeat(50),
    `${'\u{1F468}\u200d\u{1F469}\u200d\u{1F467}'.repeat(20)}`,
    `${'\u{1F468}\u200d\u{1F469}\u200d\u{1F467}'.repeat(21)}`,
    `"${'a'.repeat(98)}\n"`,
    `"${'a'.repeat(99)}\n"`,
    '\u00e9'.repeat(100),
    '\u00e9'.repeat(101),
    '\ufeffCity',
    '"a,b"',
    '"a""b"',
    '"="',
    '=1+1',
    '@SUM(A1)',
    '-1',
    '+1',
  ].map(
    (cell): Probe => [
      `borough area_name (required, maxLength 100) ${JSON.stringify(cell.length > 40 ? `${cell.slice(0, 12)}…×${[...cell].length}` : cell)}`,
      'borough-indicators',
      borough(setCell(2, 1, cell)),
    ],
  ),
  ...['2024', '2024/25', '2024-Q4', '2024-Q5', '2024-12', '2024-13', '2024-02-30', '2024-02-31', '2024/2', '"2024\n"', '2024 ', '\uff12024'].map(
    (cell): Probe => [`borough period (pattern with alternation) ${JSON.stringify(cell)}`, 'borough-indicators', borough(setCell(2, 3, cell))],
  ),
  ...['E8 1DY', 'E81DY', 'e8 1dy', 'EC1A 1BB', 'EC1A  1BB', 'SW1A1AA ', 'SW1A 1AA', 'E8 1D\u0130'].map(
    (cell): Probe => [`ev postcode (pattern, maxLength 8) ${JSON.stringify(cell)}`, 'ev-charge-points', ev(setCell(2, 4, cell))],
  ),
  ...['A'.repeat(64), 'A'.repeat(65), 'a.b:c/d*e-f_', '-CP', 'CP 1', 'CP\u00e9'].map(
    (cell): Probe => [`ev charge_point_id (maxLength + pattern) ${JSON.stringify(cell)}`, 'ev-charge-points', ev(setCell(2, 0, cell))],
  ),
  ...['13:45', '24:00', '1:45', '23:59 ', '"23:59\n"', '00:00'].map(
    (cell): Probe => [`road collision_time (pattern) ${JSON.stringify(cell)}`, 'road-traffic-collisions', road(setCell(2, 2, cell))],
  ),
];

const uniqueProbes: Probe[] = [
  ['key repeated exactly', 'borough-indicators', borough((c, i) => (i === 4 ? boroughRow(1) : c))],
  ['key repeated with other case', 'borough-indicators', borough((c, i) => (i === 4 ? boroughRow(1).map((x, k) => (k === 2 ? x.toUpperCase() : x)) : c))],
  ['key repeated with a trailing space', 'borough-indicators', borough((c, i) => (i === 4 ? boroughRow(1).map((x, k) => (k === 2 ? `${x} ` : x)) : c))],
  ['key repeated, once quoted', 'borough-indicators', borough((c, i) => (i === 4 ? boroughRow(1).map((x, k) => (k === 2 ? `"${x}"` : x)) : c))],
  [
    'composite key parts shifted across columns',
    'borough-indicators',
    borough((c, i) => (i === 0 ? ['E09000001', 'A', 'ab', '2024', '1', '', ''] : i === 1 ? ['E09000001', 'A', 'a', '2024', '1', '', ''] : c)),
  ],
  ['key repeated with different non-key cells', 'borough-indicators', borough((c, i) => (i === 4 ? [...boroughRow(1).slice(0, 4), '1', 'x', 'y'] : c))],
  [
    'datetime key equal as an instant, different as text',
    'air-quality-readings',
    air((c, i) => (i === 1 ? [...airRow(0).slice(0, 3), '2024-01-01T00:00:00.0Z', ...airRow(0).slice(4)] : c)),
  ],
  [
    'datetime key local vs UTC',
    'air-quality-readings',
    air((c, i) => (i === 1 ? [...airRow(0).slice(0, 3), '2024-01-01T00:00:00', ...airRow(0).slice(4)] : c)),
  ],
  [
    'key differing by NFC/NFD',
    'borough-indicators',
    borough((c, i) => (i === 0 ? [...c.slice(0, 2), 'caf\u00e9', ...c.slice(3)] : i === 1 ? [...c.slice(0, 2), 'cafe\u0301', ...c.slice(3)] : c)),
  ],
  ['ev key repeated', 'ev-charge-points', ev((c, i) => (i === 3 ? evRow(0) : c))],
  ['ev key different case', 'ev-charge-points', ev((c, i) => (i === 3 ? ['cp-0', ...evRow(0).slice(1)] : c))],
];

const missingProbes: Probe[] = [
  ['a required cell given as a quoted empty string', 'borough-indicators', borough(setCell(1, 1, '""'))],
  ['an optional cell given as a quoted empty string', 'borough-indicators', borough(setCell(1, 5, '""'))],
  ['an optional cell given as a missing-value marker x', 'borough-indicators', borough(setCell(1, 5, 'x'))],
  ['an optional cell given as a quoted marker "x"', 'borough-indicators', borough(setCell(1, 5, '"x"'))],
  ['a number given as ..', 'borough-indicators', borough(setCell(1, 4, '..'))],
  ['a number given as NaN', 'borough-indicators', borough(setCell(1, 4, 'NaN'))],
  ['a number given as nan', 'borough-indicators', borough(setCell(1, 4, 'nan'))],
  ['a required key part given as a marker', 'borough-indicators', borough(setCell(1, 2, 'n/a'))],
  ['a row of markers in the middle', 'borough-indicators', borough((c, i) => (i === 2 ? 'x,..,NaN,-,n/a,N/A,' : c))],
  ['a row of quoted empty strings', 'borough-indicators', borough((c, i) => (i === 2 ? '"","","","","","",""' : c))],
  ['a row of spaces', 'borough-indicators', borough((c, i) => (i === 2 ? ' , , , , , , ' : c))],
  ['an ev row with every optional cell empty', 'ev-charge-points', ev(setCell(1, 1, ''), 3)],
];

const structureProbes: Probe[] = [
  ['a trailing delimiter on every row, header included', 'borough-indicators', borough((c) => `${c.join(',')},`).replace(BOROUGH, `${BOROUGH},`)],
  ['a row one cell short', 'borough-indicators', borough((c, i) => (i === 2 ? c.slice(0, 6) : c))],
  ['a row one cell short whose last cell was optional and empty', 'borough-indicators', borough((c, i) => (i === 2 ? c.slice(0, 6).join(',') : c))],
  ['a quoted delimiter', 'borough-indicators', borough(setCell(2, 1, '"City, of London"'))],
  ['a quoted LF in an LF file', 'borough-indicators', borough(setCell(2, 1, '"City\nof London"'))],
  ['a quoted CRLF in a CRLF file', 'borough-indicators', borough(setCell(2, 1, '"City\r\nof London"'), 6, '\r\n')],
  ['a quoted CRLF that makes a cell 100 characters (maxLength 100)', 'borough-indicators', borough(setCell(2, 1, `"${'a'.repeat(98)}\r\n"`), 6, '\r\n')],
  ['a quoted CRLF that makes a cell 101 characters (maxLength 100)', 'borough-indicators', borough(setCell(2, 1, `"${'a'.repeat(99)}\r\n"`), 6, '\r\n')],
  ['a quoted LF in a CRLF file', 'borough-indicators', borough(setCell(2, 1, '"City\nof London"'), 6, '\r\n')],
  ['a quoted tab', 'borough-indicators', borough(setCell(2, 1, '"City\tof London"'))],
  ['doubled quotes', 'borough-indicators', borough(setCell(2, 1, '"The ""City"""'))],
  ['a quote in an unquoted cell', 'borough-indicators', borough(setCell(2, 1, 'The "City"'))],
  ['a quoted cell that ends the file without a newline', 'borough-indicators', borough(setCell(5, 6, '"ONS"')).slice(0, -1)],
  ['a CRLF file without a final newline', 'borough-indicators', borough(keep, 6, '\r\n').slice(0, -2)],
  ['a CRLF file ending in a lone CR', 'borough-indicators', borough(keep, 6, '\r\n').slice(0, -1)],
  ['a BOM and CRLF', 'borough-indicators', `\ufeff${borough(keep, 6, '\r\n')}`],
  ['two BOMs', 'borough-indicators', `\ufeff\ufeff${borough()}`],
  ['a BOM at the start of a data cell', 'borough-indicators', borough(setCell(0, 0, '\ufeffE09000001'))],
  [
    'a header with spaces around labels',
    'borough-indicators',
    borough().replace(
      BOROUGH,
      BOROUGH.split(',')
        .map((l) => ` ${l} `)
        .join(','),
    ),
  ],
  [
    'a header with quoted labels and a space after a delimiter',
    'borough-indicators',
    borough().replace(
      BOROUGH,
      BOROUGH.split(',')
        .map((l) => `"${l}"`)
        .join(','),
    ),
  ],
  ['an extra column the schema does not know', 'borough-indicators', borough((c) => [...c, 'note']).replace(BOROUGH, `${BOROUGH},notes`)],
  [
    'an extra column named like an SQL keyword or internal name',
    'borough-indicators',
    borough((c) => [...c, '1', '2', '3']).replace(BOROUGH, `${BOROUGH},select,c0,v1`),
  ],
  ['an extra column with a quote in its label', 'borough-indicators', borough((c) => [...c, 'z']).replace(BOROUGH, `${BOROUGH},"we""ird'label"`)],
  [
    'columns in another order',
    'borough-indicators',
    borough((c) => [c[6], c[5], c[4], c[3], c[2], c[1], c[0]]).replace(BOROUGH, BOROUGH.split(',').reverse().join(',')),
  ],
  ['an optional column absent', 'borough-indicators', borough((c) => c.slice(0, 6)).replace(BOROUGH, BOROUGH.split(',').slice(0, 6).join(','))],
  ['a semicolon-delimited file', 'borough-indicators', borough((c) => c.join(';')).replace(BOROUGH, BOROUGH.replace(/,/g, ';'))],
  [
    'a semicolon-delimited file with a comma in a cell',
    'borough-indicators',
    borough((c, i) => (i === 1 ? [...c.slice(0, 1), 'City, London', ...c.slice(2)] : c).join(';')).replace(BOROUGH, BOROUGH.replace(/,/g, ';')),
  ],
  ['a TSV file', 'borough-indicators', borough((c) => c.join('\t')).replace(BOROUGH, BOROUGH.replace(/,/g, '\t'))],
  [
    'a TSV file with a quoted cell holding a tab',
    'borough-indicators',
    borough((c, i) => (i === 1 ? [...c.slice(0, 1), '"City\tLondon"', ...c.slice(2)] : c).join('\t')).replace(BOROUGH, BOROUGH.replace(/,/g, '\t')),
  ],
  [
    'a TSV file with a quote in the middle of a cell',
    'borough-indicators',
    borough((c, i) => (i === 1 ? [...c.slice(0, 1), 'City "of" London', ...c.slice(2)] : c).join('\t')).replace(BOROUGH, BOROUGH.replace(/,/g, '\t')),
  ],
  [
    'a TSV file with a cell that starts with a quote',
    'borough-indicators',
    borough((c, i) => (i === 1 ? [...c.slice(0, 1), '"City" of London', ...c.slice(2)] : c).join('\t')).replace(BOROUGH, BOROUGH.replace(/,/g, '\t')),
  ],
  [
    'a TSV file with a space before a tab',
    'borough-indicators',
    borough((c, i) => (i === 1 ? [...c.slice(0, 1), 'City ', ...c.slice(2)] : c).join('\t')).replace(BOROUGH, BOROUGH.replace(/,/g, '\t')),
  ],
  ['a line that is only a delimiter run', 'borough-indicators', borough((c, i) => (i === 5 ? ',,,,,,' : c))],
  ['a line that is only spaces', 'borough-indicators', borough((c, i) => (i === 5 ? '   ' : c))],
  ['a final line that is a lone quote pair', 'borough-indicators', `${borough()}""\n`],
  ['a backslash before a quote', 'borough-indicators', borough(setCell(2, 1, '"City \\" London"'))],
  ['a backslash at the end of a quoted cell', 'borough-indicators', borough(setCell(2, 1, '"City \\"'))],
  ['a form feed and a vertical tab in a cell', 'borough-indicators', borough(setCell(2, 1, 'City\f\vLondon'))],
  ['a U+2028 line separator in a cell', 'borough-indicators', borough(setCell(2, 1, 'City\u2028London'))],
  ['a U+0085 next line in a cell', 'borough-indicators', borough(setCell(2, 1, 'City\u0085London'))],
  ['a header only, CRLF', 'borough-indicators', `${BOROUGH}\r\n`],
  ['a header and one row without any newline at the end', 'borough-indicators', `${BOROUGH}\n${boroughRow(0).join(',')}`],
  ['a comment-like first data line', 'borough-indicators', borough(setCell(0, 1, '#City'))],
  [
    'an extra column whose quoted label holds a CRLF, in a CRLF file',
    'borough-indicators',
    borough((c) => [...c, 'z'], 6, '\r\n').replace(BOROUGH, `${BOROUGH},"ex\r\ntra"`),
  ],
  ['an extra column whose quoted label holds the delimiter', 'borough-indicators', borough((c) => [...c, 'z']).replace(BOROUGH, `${BOROUGH},"a,b"`)],
  ['a BOM before a quoted first label', 'borough-indicators', `\ufeff${borough().replace(BOROUGH, `"gss_code"${BOROUGH.slice(8)}`)}`],
  ['a trailing space as an extra cell', 'borough-indicators', borough((c, i) => (i === 2 ? `${c.join(',')}, ` : c))],
  ['a doubled quote as an extra cell', 'borough-indicators', borough((c, i) => (i === 2 ? `${c.join(',')},""""` : c))],
  ['a planning file with a quoted delimiter in every row', 'planning-applications', planning()],
];

describe('the DuckDB fast path against adversarial cells', () => {
  const all: Array<[string, Probe[]]> = [
    ['numbers', numberProbes],
    ['integers', integerProbes],
    ['booleans', booleanProbes],
    ['dates and date-times', dateProbes],
    ['strings, patterns, lengths and enums', stringProbes],
    ['uniqueness', uniqueProbes],
    ['missing values', missingProbes],
    ['file structure', structureProbes],
  ];
  for (const [group, probes] of all) {
    describe(group, () => {
      it.each(probes)('%s', async (_name, schema, text) => {
        await bothPaths(text, schema, 1000);
      });
    });
  }

  it('agrees when multi-byte characters straddle every chunk boundary', async () => {
    const text = borough((c, i) => [c[0], i % 2 ? thumbs.repeat(100) : `${combining.repeat(49)}\u00e9`, ...c.slice(2)], 40);
    for (const size of [1, 2, 3, 5, 7]) await bothPaths(text, 'borough-indicators', size);
  });

  it('agrees near maxRecordBytes', async () => {
    for (const length of [40, 60, 80, 100]) {
      const text = borough((c) => [c[0], 'a'.repeat(Math.min(length, 100)), ...c.slice(2, 6), 's'.repeat(length)], 4);
      await bothPaths(text, 'borough-indicators', 1000, { maxRecordBytes: 200 });
    }
  });

  it('agrees under DuckDB’s parallel scanner with small buffers and quoted line breaks', async () => {
    const text = borough((c, i) => [c[0], i % 3 === 0 ? `"City,\nof ""London"" ${i}"` : `City ${i}`, ...c.slice(2)], 3000);
    const result = await bothPaths(text, 'borough-indicators', 4096, { maxRecordBytes: 512 });
    expect(result.report.rowCount).toBe(3000);
  });

  it.each([
    ['a trailing delimiter on one row', borough((c, i) => (i === 2 ? `${c.join(',')},` : c))],
    ['a trailing delimiter on every data row', borough((c) => `${c.join(',')},`)],
    ['two trailing delimiters on one row', borough((c, i) => (i === 2 ? `${c.join(',')},,` : c))],
    ['a quoted empty extra cell', borough((c, i) => (i === 2 ? `${c.join(',')},""` : c))],
    ['an empty last cell and an empty extra cell', borough((c, i) => (i === 2 ? `${c.slice(0, 6).join(',')},,` : c))],
  ])('agrees on extra empty cells, which DuckDB’s strict reader alone would drop: %s', async (_name, text) => {
    const result = await bothPaths(text, 'borough-indicators', 1000);
    expect(result.ok).toBe(false);
    expect(Object.keys(result.report.errorCounts)).toEqual(['extra-cell']);
  });

  it('agrees when the sample is ASCII and UTF-8 text comes after it', async () => {
    const text = borough((c, i) => (i > 2000 ? [c[0], `Caf\u00e9 ${thumbs} ${i}`, ...c.slice(2)] : c), 2100);
    expect(Buffer.byteLength(text)).toBeGreaterThan(64 * 1024);
    await bothPaths(text, 'borough-indicators', 64 * 1024);
  });

  it('agrees when there are more rows than maxUniqueKeys', async () => {
    await bothPaths(borough(keep, 30), 'borough-indicators', 1000, { maxUniqueKeys: 10 });
    await bothPaths(borough(keep, 10), 'borough-indicators', 1000, { maxUniqueKeys: 10 });
  });
});

describe('the DuckDB fast path on random adversarial files', () => {
  const TOKENS = [
    ',',
    ',,',
    '',
    '""',
    '"x"',
    'x',
    '..',
    'NaN',
    'nan',
    '-',
    '-0',
    '+0',
    '0',
    '1e3',
    '1.',
    '.5',
    '+1',
    '007',
    '1e-400',
    '1e400',
    '4.9e-324',
    ' 1',
    '1 ',
    'Infinity',
    '9007199254740993',
    'TRUE',
    'yes',
    'Yes',
    'tRuE',
    '1',
    '2024-02-29',
    '2023-02-29',
    '2024-01-01T00:00:00Z',
    '2024-01-01T00:00:00',
    '2024-01-01T00:00:00.1234567Z',
    '2024-01-01T24:00:00Z',
    '2024',
    '2024/25',
    '2024-Q4',
    'E09000001',
    'E09000033',
    'e09000001',
    'E8 1DY',
    'CP-1',
    'cp-1',
    'Type 2',
    '5.5',
    '400',
    '51.5',
    '-0.1',
    thumbs.repeat(100),
    thumbs.repeat(101),
    combining.repeat(50),
    '"a\nb"',
    '"a,b"',
    '"a""b"',
    'é',
    '\u0663',
    '=1',
    '@x',
    'ONS',
    'persons',
    'Indicator 1',
  ];

  it.each([
    ['borough-indicators', BOROUGH, boroughRow, 7],
    ['ev-charge-points', EV, evRow, 13],
    ['air-quality-readings', AIR, airRow, 10],
  ] as const)(
    'agrees with the JS path on 40 random %s files',
    async (schema, header, row, width) => {
      const next = random(schema.length * 7919);
      let proven = 0;
      for (let n = 0; n < 40; n++) {
        const rows = 1 + Math.floor(next() * 12);
        const trickiness = next() < 0.4 ? 0 : next() * 0.08;
        const repeat = next() < 0.2;
        const text = table(
          header,
          (i) => row(repeat && i > 0 ? i - 1 : i),
          rows,
          (cells) => cells.map((cell) => (next() < trickiness ? TOKENS[Math.floor(next() * TOKENS.length)] : cell)),
          next() < 0.3 ? '\r\n' : '\n',
        );
        expect(text.split('\n')[0].split(',')).toHaveLength(width);
        const result = await bothPaths(text, schema, 1 + Math.floor(next() * 200));
        if (result.fastPath?.proven) proven++;
      }
      expect(proven).toBeGreaterThan(0);
    },
    300_000,
  );
});

import { ckanTimestamp } from '../../../functions/ckan/ckan-dicts';

/** CKAN's naive UTC timestamps with microseconds; each text is converted once and then kept, so every answer is checked twice. */
it.each([
  ['2024-05-01T09:30:00.123Z', '2024-05-01T09:30:00.123000'],
  ['2024-05-01T10:30:00+01:00', '2024-05-01T09:30:00.000000'],
  ['2024-02-30T00:00:00.000Z', '2024-03-01T00:00:00.000000'],
  ['2024-01-01T24:00:00.000Z', '2024-01-02T00:00:00.000000'],
  ['not a date', null],
  ['', null],
  [undefined, null],
])('%s -> %s, the same when asked again', (iso, expected) => {
  expect(ckanTimestamp(iso)).toBe(expected);
  expect(ckanTimestamp(iso)).toBe(expected);
});

import { describeGeography } from '../../../functions/ingest/core/geography/describe-geography';
import { newWorkDir, processBytes, removeWorkDirs } from './helpers';

afterAll(removeWorkDirs);

/**
 * A coordinate written -0 is published as 0 (String(-0) is "0"), so describeGeography, reading
 * the NDJSON, puts 0 in the bounding box. The JS pass measures rows past the first 1000 from
 * their cast values, where the cell is still -0: it must give the same box.
 */
describe('JS path geography: a coordinate of -0 after the rows held for recognition', () => {
  it.each([
    ['latitude', '-0,51.5,x'],
    ['longitude', '51.5,-0,x'],
  ])('gives describeGeography’s bounding box (-0 in the %s column)', async (_, odd) => {
    const rows = Array.from({ length: 1100 }, (_, i) => (i === 1050 ? odd : '1.5,52.5,x'));
    const csv = `${['latitude,longitude,name', ...rows].join('\n')}\n`;
    const result = await processBytes(Buffer.from(csv), { dataSchemaId: undefined, fastPath: false }, 4096);
    const expected = await describeGeography(result.outputs?.ndjson?.path ?? '', result.schema.fields, result.detected.format, await newWorkDir());
    expect(result.geography?.bbox?.some((v) => Object.is(v, -0))).toBe(false);
    expect(result.geography).toEqual(expected?.geography);
  });
});

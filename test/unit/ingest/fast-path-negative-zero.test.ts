import { bothPaths } from './both-paths';

/**
 * A coordinate written -0 is published as 0 (String(-0) is "0"), so the JS path's bounding box
 * holds 0; DuckDB's min and max of the DOUBLE kept -0 in the fast path's box.
 */
describe('fast path geography: a coordinate of -0', () => {
  it.each([
    ['latitude', 'latitude,longitude,name\n-0,51.5,x\n'],
    ['longitude', 'latitude,longitude,name\n51.5,-0,x\n51.4,0.1,y\n'],
  ])('gives the bounding box the JS path gives (-0 in the %s column)', async (_, csv) => {
    const result = await bothPaths(csv, undefined, 128);
    expect(result.fastPath?.proven).toBe(true);
    expect(result.geography?.bbox?.some((v) => Object.is(v, -0))).toBe(false);
  });
});

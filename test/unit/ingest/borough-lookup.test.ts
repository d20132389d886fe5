import { wgs84ToBng } from '../../../functions/geo/british-national-grid';
import { boroughAt } from '../../../functions/geo/boundaries/london-boroughs';

/**
 * A position's borough is looked up to about 10 m, at its cell's rounded position, so the answer
 * never depends on which position of a cell a process happened to look up first, and the JS
 * path (boroughOf) agrees with the fast path (which looks up DuckDB's rounded positions).
 * 51.45685, -0.04593 lies in Southwark, a few metres from Lewisham, where its cell's centre is.
 */
const NEAR_BORDER = { lon: -0.04593, lat: 51.45685 };
const SAME_CELL = { lon: -0.04586, lat: 51.45694 };

const freshBoroughOf = (): typeof import('../../../functions/ingest/core/geography/place-rows').boroughOf => {
  let boroughOf!: typeof import('../../../functions/ingest/core/geography/place-rows').boroughOf;
  jest.isolateModules(() => {
    boroughOf = require('../../../functions/ingest/core/geography/place-rows').boroughOf;
  });
  return boroughOf;
};

it('the example straddles a border: the exact position and its cell are in different boroughs', () => {
  expect(boroughAt(wgs84ToBng(NEAR_BORDER.lon, NEAR_BORDER.lat))?.code).toBe('E09000028');
  expect(boroughAt(wgs84ToBng(-0.0459, 51.4569))?.code).toBe('E09000023');
});

it('gives a position its cell borough, whether or not another position of the cell came first', () => {
  const alone = freshBoroughOf();
  expect(alone(NEAR_BORDER.lon, NEAR_BORDER.lat)).toBe('E09000023');
  const afterNeighbour = freshBoroughOf();
  expect(afterNeighbour(SAME_CELL.lon, SAME_CELL.lat)).toBe('E09000023');
  expect(afterNeighbour(NEAR_BORDER.lon, NEAR_BORDER.lat)).toBe('E09000023');
});

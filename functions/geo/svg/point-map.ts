import { boroughAt } from '../boundaries/london-boroughs';
import { classBreaks, classOf, type MapClass } from './class-breaks';
import { boroughPaths, frameAround, londonFrame } from './london-frame';
import { classLegend, type MapMarkup } from './map-drawing';
import { formatNumber } from './svg-text';

/** More points than this are drawn as counts in squares: single dots would hide each other. */
export const BIN_ABOVE = 400;
/** Square bins a reader can picture: a kilometre each way. */
export const BIN_METRES = 1000;

const POINT_COLOUR = '#253494';
const OUTLINE_FILL = '#f3f2f1';

export interface PointMap {
  kind: 'points';
  title: string;
  /** Points inside the drawing (London and its edge). */
  drawn: number;
  /** Points with a position outside the drawing. */
  outside: number;
  /** Rows without a usable position. */
  missing: number;
  binned?: { metres: number; classes: MapClass[]; squares: number };
  /** Points per borough, by name; those in the drawing but in no borough last. */
  boroughCounts: Array<{ code?: string; name: string; count: number }>;
  markup: MapMarkup;
}

const plural = (n: number, one: string, many: string): string => `${formatNumber(n)} ${n === 1 ? one : many}`;

/** Points (National Grid metres) over the borough outlines, binned into squares when there are many. */
export const drawPointMap = (title: string, points: ReadonlyArray<[easting: number, northing: number]>, missing: number): PointMap => {
  // Inside the drawing of all London; then drawn in a frame zoomed to where they are.
  const inside = points.filter(([easting, northing]) => londonFrame().shows(...londonFrame().drawAt(easting, northing)));
  const frame = frameAround(inside);
  const counts = new Map<string, number>();
  let elsewhere = 0;
  for (const point of inside) {
    const borough = boroughAt(point);
    if (borough) counts.set(borough.code, (counts.get(borough.code) ?? 0) + 1);
    else elsewhere += 1;
  }
  const boroughCounts: PointMap['boroughCounts'] = boroughPaths()
    .map((b) => ({ code: b.code, name: b.name, count: counts.get(b.code) ?? 0 }))
    .sort((a, b) => a.name.localeCompare(b.name, 'en-GB'));
  if (elsewhere > 0) boroughCounts.push({ name: 'Outside the London boroughs', count: elsewhere });

  const areas = frame.boroughPaths.map((b) => ({ ...b, fill: OUTLINE_FILL, label: `${b.name}: ${plural(counts.get(b.code) ?? 0, 'point', 'points')}` }));
  let overlay: string;
  let legend: MapMarkup['legend'];
  let legendTitle: string;
  let binned: PointMap['binned'];
  if (inside.length > BIN_ABOVE) {
    const squares = new Map<string, { easting: number; northing: number; count: number }>();
    for (const point of inside) {
      const easting = Math.floor(point[0] / BIN_METRES) * BIN_METRES;
      const northing = Math.floor(point[1] / BIN_METRES) * BIN_METRES;
      const key = `${easting},${northing}`;
      const square = squares.get(key) ?? { easting, northing, count: 0 };
      square.count += 1;
      squares.set(key, square);
    }
    const classes = classBreaks([...squares.values()].map((s) => s.count));
    overlay = [...squares.values()]
      .map((s) => {
        const [x0, y0] = frame.drawAt(s.easting, s.northing + BIN_METRES);
        const [x1, y1] = frame.drawAt(s.easting + BIN_METRES, s.northing);
        return `<rect class="map-bin" x="${x0}" y="${y0}" width="${Math.round((x1 - x0) * 10) / 10}" height="${Math.round((y1 - y0) * 10) / 10}" fill="${classOf(classes, s.count)?.colour}" fill-opacity="0.9"/>`;
      })
      .join('');
    // The borough borders again, over the squares, so a reader can tell where they are.
    overlay += frame.boroughPaths.map((b) => `<path d="${b.d}" fill="none" stroke="#505a5f" stroke-width="0.75"/>`).join('');
    legendTitle = `Points in each ${BIN_METRES / 1000} km square`;
    legend = classLegend(classes, { one: 'square', many: 'squares' }, 0);
    binned = { metres: BIN_METRES, classes, squares: squares.size };
  } else {
    overlay = inside
      .map(([easting, northing]) => {
        const [x, y] = frame.drawAt(easting, northing);
        return `<circle class="map-point" cx="${x}" cy="${y}" r="4" fill="${POINT_COLOUR}"/>`;
      })
      .join('');
    legendTitle = 'Each dot is one row';
    legend = [{ colour: POINT_COLOUR, text: plural(inside.length, 'point', 'points'), shape: 'circle' }];
  }
  return {
    kind: 'points',
    title,
    drawn: inside.length,
    outside: points.length - inside.length,
    missing,
    binned,
    boroughCounts,
    markup: { title, areas, overlay, legendTitle, legend },
  };
};

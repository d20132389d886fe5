import type * as D3Geo from 'd3-geo';
import type { FeatureCollection, Polygon } from 'geojson';
import { londonBoroughs } from '../boundaries/london-boroughs';

/**
 * Where London sits in a map drawing: National Grid coordinates fitted into the drawing, north
 * up. The projection is planar (geoIdentity): the coordinates are already projected, so no
 * spherical clipping and no dependence on ring winding. The whole of London by default; a point
 * map zooms to where its points are, and the outlines beyond the drawing are clipped by the SVG.
 */
export const MAP_WIDTH = 640;
export const MAP_HEIGHT = 520;
/** A band above the map where the name and value of the area under the pointer or focus is shown. */
export const LABEL_BAND = 32;
const MARGIN = 8;

/** [minEasting, minNorthing, maxEasting, maxNorthing] in metres. */
export type Bounds = [number, number, number, number];

export interface MapFrame {
  /** The boroughs that show in the drawing, each with its SVG path. */
  boroughPaths: ReadonlyArray<{ code: string; name: string; d: string }>;
  /** Drawing coordinates of a National Grid point. */
  drawAt: (easting: number, northing: number) => [x: number, y: number];
  /** Whether a drawing point is inside the map (below the label band). */
  shows: (x: number, y: number) => boolean;
}

const boxPolygon = ([minE, minN, maxE, maxN]: Bounds): Polygon => ({
  type: 'Polygon',
  coordinates: [
    [
      [minE, minN],
      [maxE, minN],
      [maxE, maxN],
      [minE, maxN],
      [minE, minN],
    ],
  ],
});

const overlaps = (a: Bounds, b: Bounds): boolean => a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];

const makeFrame = (bounds?: Bounds): MapFrame => {
  const fitted: FeatureCollection = bounds
    ? { type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: boxPolygon(bounds) }] }
    : { type: 'FeatureCollection', features: londonBoroughs().map((b) => ({ type: 'Feature', properties: {}, geometry: b.geometry })) };
  // d3-geo is required when a frame is drawn, not imported: only maps need it.
  const { geoIdentity, geoPath } = require('d3-geo') as typeof D3Geo;
  const projection = geoIdentity()
    .reflectY(true)
    .fitExtent(
      [
        [MARGIN, LABEL_BAND + MARGIN],
        [MAP_WIDTH - MARGIN, MAP_HEIGHT - MARGIN],
      ],
      fitted,
    );
  const path = geoPath(projection).digits(1);
  const drawAt = (easting: number, northing: number): [number, number] => {
    const [x, y] = projection([easting, northing]) ?? [Number.NaN, Number.NaN];
    return [Math.round(x * 10) / 10, Math.round(y * 10) / 10];
  };
  // What the drawing shows, in metres: a borough wholly outside it is left out (not drawn, not a tab stop).
  const [left, top] = projection.invert!([0, LABEL_BAND]) as [number, number];
  const [right, bottom] = projection.invert!([MAP_WIDTH, MAP_HEIGHT]) as [number, number];
  const view: Bounds = [left, bottom, right, top];
  return {
    boroughPaths: londonBoroughs()
      .filter((b) => overlaps(b.box, view))
      .map((b) => ({ code: b.code, name: b.name, d: path(b.geometry) ?? '' })),
    drawAt,
    shows: (x, y) => x >= 0 && x <= MAP_WIDTH && y >= LABEL_BAND && y <= MAP_HEIGHT,
  };
};

let london: MapFrame | undefined;

/** All of London: choropleths, and point maps whose points spread across it. Drawn on first use and kept (only maps need it). */
export const londonFrame = (): MapFrame => {
  london ??= makeFrame();
  return london;
};

/** A frame around points: padded, never narrower than MIN_SPAN, and all of London when they spread over most of it. */
const MIN_SPAN = 4000;
const PADDING = 0.08;

export const frameAround = (points: ReadonlyArray<[number, number]>): MapFrame => {
  if (points.length === 0) return londonFrame();
  let [minE, minN, maxE, maxN] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [e, n] of points) {
    minE = Math.min(minE, e);
    minN = Math.min(minN, n);
    maxE = Math.max(maxE, e);
    maxN = Math.max(maxN, n);
  }
  const extent = londonBoroughs().reduce<Bounds>(
    (all, b) => [Math.min(all[0], b.box[0]), Math.min(all[1], b.box[1]), Math.max(all[2], b.box[2]), Math.max(all[3], b.box[3])],
    [Infinity, Infinity, -Infinity, -Infinity],
  );
  if ((maxE - minE) / (extent[2] - extent[0]) > 0.6 || (maxN - minN) / (extent[3] - extent[1]) > 0.6) return londonFrame();
  const padE = Math.max((maxE - minE) * PADDING, (MIN_SPAN - (maxE - minE)) / 2, 0);
  const padN = Math.max((maxN - minN) * PADDING, (MIN_SPAN - (maxN - minN)) / 2, 0);
  return makeFrame([minE - padE, minN - padN, maxE + padE, maxN + padN]);
};

/** Each borough's SVG path in the all-London frame (choropleths, and other modules' borough maps). */
export const boroughPaths = (): MapFrame['boroughPaths'] => londonFrame().boroughPaths;

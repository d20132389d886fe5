import { geoIdentity, geoPath } from 'd3-geo';
import type { FeatureCollection } from 'geojson';
import { LONDON_BOROUGHS } from '../boundaries/london-boroughs';

/**
 * Where London sits in a map drawing: the boroughs' National Grid outlines fitted into the
 * drawing, north up. The projection is planar (geoIdentity): the coordinates are already
 * projected, so no spherical clipping and no dependence on ring winding.
 */
export const MAP_WIDTH = 640;
export const MAP_HEIGHT = 520;
/** A band above the map where the name and value of the area under the pointer or focus is shown. */
export const LABEL_BAND = 32;
const MARGIN = 8;

const london: FeatureCollection = {
  type: 'FeatureCollection',
  features: LONDON_BOROUGHS.map((b) => ({ type: 'Feature', properties: {}, geometry: b.geometry })),
};

const projection = geoIdentity()
  .reflectY(true)
  .fitExtent(
    [
      [MARGIN, LABEL_BAND + MARGIN],
      [MAP_WIDTH - MARGIN, MAP_HEIGHT - MARGIN],
    ],
    london,
  );

const path = geoPath(projection).digits(1);

/** Each borough's SVG path, drawn once. */
export const BOROUGH_PATHS: ReadonlyArray<{ code: string; name: string; d: string }> = LONDON_BOROUGHS.map((b) => ({
  code: b.code,
  name: b.name,
  d: path(b.geometry) ?? '',
}));

/** Drawing coordinates of a National Grid point. */
export const drawAt = (easting: number, northing: number): [x: number, y: number] => {
  const [x, y] = projection([easting, northing]) ?? [Number.NaN, Number.NaN];
  return [Math.round(x * 10) / 10, Math.round(y * 10) / 10];
};

/** Metres per drawing unit, for bins of a size a reader can picture. */
export const metresPerUnit = 1 / projection.scale();

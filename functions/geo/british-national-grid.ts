import type Proj4 from 'proj4';
import type { Converter } from 'proj4';

/**
 * British National Grid (EPSG:27700): a transverse Mercator on the Airy 1830 ellipsoid (OSGB36).
 * The seven-parameter Helmert shift to WGS84 is the EPSG one (accurate to a few metres across
 * Great Britain, enough to draw a point on a map; OSTN15 would be needed for centimetres).
 */
const BNG =
  '+proj=tmerc +lat_0=49 +lon_0=-2 +k=0.9996012717 +x_0=400000 +y_0=-100000 +ellps=airy ' +
  '+towgs84=446.448,-125.157,542.06,0.15,0.247,0.842,-20.489 +units=m +no_defs';

let made: Converter | undefined;
// proj4 is required on first use, not imported: only maps and geography convert coordinates.
const converter = (): Converter => {
  made ??= (require('proj4') as typeof Proj4)(BNG, 'WGS84');
  return made;
};

/** [longitude, latitude] in WGS84 degrees of a National Grid easting and northing in metres. */
export const bngToWgs84 = (easting: number, northing: number): [longitude: number, latitude: number] => {
  const [longitude, latitude] = converter().forward([easting, northing]);
  return [longitude, latitude];
};

/** National Grid [easting, northing] in metres of a WGS84 longitude and latitude: the plane London's maps are drawn on. */
export const wgs84ToBng = (longitude: number, latitude: number): [easting: number, northing: number] => {
  const [easting, northing] = converter().inverse([longitude, latitude]);
  return [easting, northing];
};

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import { feature } from 'topojson-client';
import { topology } from 'topojson-server';
import { presimplify, quantile, simplify } from 'topojson-simplify';
import type { GeometryCollection, Topology } from 'topojson-specification';

/**
 * Makes the borough outlines the exchange draws maps with (functions/geo/boundaries/), from the
 * full-precision London boroughs seeded as data (functions/local/seed/london-data/, with their
 * source and licence). The simplification is topological (topojson-simplify, Visvalingam's
 * method on the shared arcs), so neighbouring boroughs keep one common border: no gaps or
 * overlaps between them on a choropleth. Run `npx tsx scripts/geo/simplify-boroughs.ts` after
 * changing the source or the settings; test/unit/geo/borough-boundaries.test.ts checks the
 * committed file is this script's output.
 */

const root = join(__dirname, '..', '..');
export const SOURCE = join(root, 'functions/local/seed/london-data/london_boroughs_LAD13_dissolved_from_martinjc_wards.geojson');
export const TARGET = join(root, 'functions/geo/boundaries/london-boroughs.generated.json');

/** Share of the points kept (quantile of Visvalingam weight, in topojson-simplify's sense): enough for a borough map a page wide. */
const KEEP = 0.25;
/** Decimal places kept: 5 is about a metre, far finer than a pixel of a London map. */
const DECIMALS = 5;

const ATTRIBUTION =
  'Contains OS, ONS, NRS and LPS data © Crown copyright and database right 2016 (Open Government Licence v3; OS data under the OS OpenData licence). GeoJSON conversion by Martin Chorley (martinjc/UK-GeoJSON), CC BY 4.0.';

type BoroughSource = FeatureCollection<Polygon | MultiPolygon, { LAD13CD: string; LAD13NM: string }>;

const round = (position: Position): Position => position.map((n) => Number(n.toFixed(DECIMALS)));

export const simplifiedBoroughs = (sourceText: string): string => {
  const source = JSON.parse(sourceText) as BoroughSource;
  // The typings disagree on the properties type parameter between the three packages; the data is one topology throughout.
  const topo = presimplify(topology({ boroughs: source }, 1e6) as unknown as Parameters<typeof presimplify>[0]);
  const simplified = simplify(topo, quantile(topo, KEEP)) as unknown as Topology<{ boroughs: GeometryCollection }>;
  const collection = feature(simplified, simplified.objects.boroughs) as unknown as BoroughSource;
  const features = collection.features
    .map((f) => ({
      type: 'Feature' as const,
      properties: { code: f.properties.LAD13CD, name: f.properties.LAD13NM },
      geometry:
        f.geometry.type === 'Polygon'
          ? { type: 'Polygon' as const, coordinates: f.geometry.coordinates.map((ring) => ring.map(round)) }
          : { type: 'MultiPolygon' as const, coordinates: f.geometry.coordinates.map((polygon) => polygon.map((ring) => ring.map(round))) },
    }))
    .sort((a, b) => a.properties.code.localeCompare(b.properties.code));
  const output = {
    type: 'FeatureCollection',
    attribution: ATTRIBUTION,
    generatedBy: 'scripts/geo/simplify-boroughs.ts',
    features,
  };
  return `${JSON.stringify(output)}\n`;
};

if (require.main === module) {
  const text = simplifiedBoroughs(readFileSync(SOURCE, 'utf8'));
  writeFileSync(TARGET, text);
  console.log(`wrote ${TARGET} (${text.length} bytes)`);
}

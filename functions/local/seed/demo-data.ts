import { boroughAt, londonBoroughs } from '../../geo/boundaries/london-boroughs';
import { bngToWgs84 } from '../../geo/british-national-grid';

/**
 * Data for the fictional partner and draft datasets that demonstrate sharing tiers. It is made
 * up, deterministically (the same rows on every fresh start), and every dataset carrying it says
 * so in its title and description. Nothing here describes a real charge point or street.
 */

/** mulberry32: a small deterministic generator of numbers in [0, 1). */
const seededRandom = (seed: number): (() => number) => {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

/** A made-up point inside a borough: drawn from the borough's box until it falls inside the borough. */
const pointIn = (random: () => number, code: string): [easting: number, northing: number] => {
  const borough = londonBoroughs().find((b) => b.code === code)!;
  const [minE, minN, maxE, maxN] = borough.box;
  for (;;) {
    const point: [number, number] = [minE + random() * (maxE - minE), minN + random() * (maxN - minN)];
    if (boroughAt(point)?.code === code) return point;
  }
};

/** Fictional on-street charge points (demo-mobility): a week of daily use, three charge points in each of eleven boroughs. */
export const demoChargePointUse = (): string => {
  const random = seededRandom(2026);
  const boroughs = londonBoroughs().filter((_, i) => i % 3 === 0);
  const lines = ['charge_point_id,borough_gss_code,borough,latitude,longitude,date,sessions,energy_kwh,utilisation_percent'];
  let id = 0;
  for (const borough of boroughs) {
    for (let n = 0; n < 3; n++) {
      id += 1;
      const [longitude, latitude] = bngToWgs84(...pointIn(random, borough.code));
      const busy = 0.3 + random() * 0.6;
      for (let day = 0; day < 7; day++) {
        const sessions = Math.round(busy * (6 + random() * 6));
        const energy = Math.round(sessions * (8 + random() * 14) * 10) / 10;
        const utilisation = Math.min(100, Math.round(busy * 70 + random() * 20));
        const date = `2026-03-${String(2 + day).padStart(2, '0')}`;
        lines.push(
          [
            `DEMO-CP-${String(id).padStart(3, '0')}`,
            borough.code,
            borough.name,
            latitude.toFixed(6),
            longitude.toFixed(6),
            date,
            sessions,
            energy,
            utilisation,
          ].join(','),
        );
      }
    }
  }
  return `${lines.join('\n')}\n`;
};

/** A fictional draft kerbside survey for Camden's private dataset: bays counted on made-up street segments. */
export const demoKerbsideSurvey = (): string => {
  const random = seededRandom(7);
  const uses = ['resident permit', 'pay and display', 'disabled', 'loading', 'car club', 'cycle hangar', 'electric vehicle'];
  const lines = ['segment_id,street_segment,bay_use,bays,length_m,surveyed_on'];
  for (let i = 1; i <= 40; i++) {
    const use = uses[Math.floor(random() * uses.length)];
    const bays = 1 + Math.floor(random() * 12);
    lines.push(
      [
        `DEMO-SEG-${String(i).padStart(3, '0')}`,
        `Demo segment ${i}`,
        use,
        bays,
        Math.round(bays * (5 + random())),
        `2026-02-${String(1 + (i % 27)).padStart(2, '0')}`,
      ].join(','),
    );
  }
  return `${lines.join('\n')}\n`;
};

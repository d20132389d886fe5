/**
 * Classes for a choropleth: up to five, at quantiles of the values, so each colour holds about
 * as many areas (a few very large boroughs do not wash the rest into one colour).
 */

/**
 * ColorBrewer's 5-class YlGnBu, a sequential scheme ColorBrewer marks safe for colour-blind
 * readers and for print: light for low values, dark for high.
 */
export const SEQUENTIAL_PALETTE = ['#ffffcc', '#a1dab4', '#41b6c4', '#2c7fb8', '#253494'] as const;

/** The colour of an area with no value. */
export const NO_DATA_COLOUR = '#d9d9d9';

export interface MapClass {
  /** Inclusive bounds. */
  low: number;
  high: number;
  colour: string;
  /** How many areas fall in it. */
  count: number;
}

/** The value at quantile q of sorted values (linear between neighbours, as R's type 7). */
const quantile = (sorted: readonly number[], q: number): number => {
  const position = (sorted.length - 1) * q;
  const below = Math.floor(position);
  const above = Math.min(below + 1, sorted.length - 1);
  return sorted[below] + (sorted[above] - sorted[below]) * (position - below);
};

/** Breaks rounded to three significant figures, so the legend reads 12,300 rather than 12,287.4. */
const tidy = (n: number): number => (n === 0 ? 0 : Number(n.toPrecision(3)));

/** Classes covering every value; fewer than five when there are few distinct values. */
export const classBreaks = (values: readonly number[]): MapClass[] => {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return [];
  const distinct = [...new Set(sorted)];
  const classCount = Math.min(SEQUENTIAL_PALETTE.length, distinct.length);
  const inner = [...new Set(Array.from({ length: classCount - 1 }, (_, i) => tidy(quantile(sorted, (i + 1) / classCount))))].filter(
    (b) => b > sorted[0] && b < sorted[sorted.length - 1],
  );
  const bounds = [sorted[0], ...inner, sorted[sorted.length - 1]];
  // Spread the palette over the classes there are, so two classes are light and dark, not the two lightest.
  const colours = bounds.length === 2 ? [SEQUENTIAL_PALETTE[2]] : paletteOf(bounds.length - 1);
  return colours.map((colour, i) => {
    const low = bounds[i];
    const high = bounds[i + 1];
    const isLast = i === colours.length - 1;
    return { low, high, colour, count: sorted.filter((v) => v >= low && (isLast ? v <= high : v < high)).length };
  });
};

const paletteOf = (n: number): string[] =>
  Array.from({ length: n }, (_, i) => SEQUENTIAL_PALETTE[Math.round((i * (SEQUENTIAL_PALETTE.length - 1)) / Math.max(1, n - 1))]);

/** The class a value falls in: a value on a break goes to the class above it, as the counts do. */
export const classOf = (classes: readonly MapClass[], value: number): MapClass | undefined => {
  for (let i = classes.length - 1; i >= 0; i--) if (value >= classes[i].low) return classes[i];
  return undefined;
};

import { classBreaks, classOf, SEQUENTIAL_PALETTE } from '../../../functions/geo/svg/class-breaks';

describe('choropleth classes', () => {
  it('splits values at quantiles into five classes of about as many areas, light to dark', () => {
    const values = Array.from({ length: 33 }, (_, i) => (i + 1) * 1000);
    const classes = classBreaks(values);
    expect(classes.map((c) => c.colour)).toEqual([...SEQUENTIAL_PALETTE]);
    expect(classes.map((c) => c.count)).toEqual([7, 6, 7, 6, 7]);
    expect(classes[0].low).toBe(1000);
    expect(classes[4].high).toBe(33000);
    // Breaks are rounded to three significant figures, and the classes meet.
    for (let i = 1; i < classes.length; i++) expect(classes[i].low).toBe(classes[i - 1].high);
    expect(classes[1].low).toBe(7400);
  });

  it('puts a value on a break in the class above, as the counts do', () => {
    const classes = classBreaks(Array.from({ length: 33 }, (_, i) => (i + 1) * 1000));
    expect(classOf(classes, classes[1].low)).toBe(classes[1]);
    expect(classOf(classes, 33000)).toBe(classes[4]);
    expect(classOf(classes, 999)).toBeUndefined();
  });

  it('uses fewer classes for few distinct values, spread over the palette', () => {
    expect(classBreaks([5, 5, 5])).toEqual([{ low: 5, high: 5, colour: SEQUENTIAL_PALETTE[2], count: 3 }]);
    const two = classBreaks([1, 1, 2, 2]);
    expect(two.map((c) => [c.colour, c.count])).toEqual([
      [SEQUENTIAL_PALETTE[0], 2],
      [SEQUENTIAL_PALETTE[4], 2],
    ]);
    expect(classBreaks([])).toEqual([]);
  });

  it('copes with a skewed column: one huge borough does not wash the rest into one colour', () => {
    const classes = classBreaks([...Array.from({ length: 32 }, (_, i) => i), 1_000_000]);
    expect(classes).toHaveLength(5);
    expect(Math.max(...classes.map((c) => c.count))).toBeLessThanOrEqual(8);
  });
});

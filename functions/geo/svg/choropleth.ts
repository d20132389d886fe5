import { classBreaks, classOf, type MapClass, NO_DATA_COLOUR } from './class-breaks';
import { boroughPaths } from './london-frame';
import { classLegend, type MapMarkup } from './map-drawing';
import { formatNumber } from './svg-text';

/** A borough choropleth: the drawing, and the same numbers for the table beside it. */
export interface ChoroplethMap {
  kind: 'choropleth';
  column: string;
  title: string;
  classes: MapClass[];
  /** Every borough, by name, with its value when it has one. */
  rows: Array<{ code: string; name: string; value?: number; colour: string }>;
  markup: MapMarkup;
}

const BOROUGHS = { one: 'borough', many: 'boroughs' };

/** Colours each borough by the class of its value; boroughs without one are grey and say so. */
export const drawChoropleth = (column: string, values: ReadonlyMap<string, number>): ChoroplethMap => {
  const classes = classBreaks(boroughPaths().flatMap((b) => (values.has(b.code) ? [values.get(b.code)!] : [])));
  const colourOf = (value: number | undefined): string => (value === undefined ? NO_DATA_COLOUR : (classOf(classes, value)?.colour ?? NO_DATA_COLOUR));
  const title = `${column} by London borough`;
  const drawn = boroughPaths().map((b) => {
    const value = values.get(b.code);
    return { ...b, value, fill: colourOf(value), label: `${b.name}: ${value === undefined ? 'no value' : formatNumber(value)}` };
  });
  return {
    kind: 'choropleth',
    column,
    title,
    classes,
    rows: [...drawn].sort((a, b) => a.name.localeCompare(b.name, 'en-GB')).map(({ code, name, value, fill }) => ({ code, name, value, colour: fill })),
    markup: {
      title,
      areas: drawn.map(({ code, name, d, fill, label }) => ({ code, name, d, fill, label })),
      legendTitle: column,
      legend: classLegend(classes, BOROUGHS, drawn.filter((b) => b.value === undefined).length),
    },
  };
};

/** The conformance view drawn as a borough map: one colour per borough for where it stands with the standard. */
import { boroughPaths } from '../geo/svg/london-frame';
import type { LegendEntry, MapMarkup } from '../geo/svg/map-drawing';
import type { ConformanceView, OrganisationConformance } from './conformance';

export type BoroughStanding = 'conforming' | 'overdue' | 'unverified' | 'declared' | 'not-publishing';

/** Darker means further along; distinct in lightness so that it reads without colour vision (ColorBrewer YlGnBu and grey). */
const COLOURS: ReadonlyMap<BoroughStanding, { colour: string; text: string }> = new Map([
  ['conforming', { colour: '#253494', text: 'Publishes conforming data, up to date' }],
  ['overdue', { colour: '#41b6c4', text: 'Publishes conforming data, overdue' }],
  ['unverified', { colour: '#a1dab4', text: 'Harvested from elsewhere, not checked' }],
  ['declared', { colour: '#ffffcc', text: 'Declared, no data yet' }],
  ['not-publishing', { colour: '#d9d9d9', text: 'Not publishing to this standard' }],
]);

export const boroughStanding = (entry: OrganisationConformance | undefined): BoroughStanding => {
  if (!entry || entry.datasets.length === 0) return 'not-publishing';
  if (entry.conforms) return entry.overdue ? 'overdue' : 'conforming';
  if (entry.publishes) return 'unverified';
  return 'declared';
};

export const standingText = (standing: BoroughStanding): string => COLOURS.get(standing)?.text ?? standing;

export const conformanceMap = (view: ConformanceView): MapMarkup => {
  const byCode = new Map(view.organisations.filter((o) => o.gssCode).map((o) => [o.gssCode as string, o]));
  const counts = new Map<BoroughStanding, number>();
  const areas = boroughPaths().map((borough) => {
    const standing = boroughStanding(byCode.get(borough.code));
    counts.set(standing, (counts.get(standing) ?? 0) + 1);
    const style = COLOURS.get(standing)!;
    return { code: borough.code, name: borough.name, d: borough.d, fill: style.colour, label: `${borough.name}: ${style.text.toLowerCase()}` };
  });
  const legend: LegendEntry[] = [...COLOURS]
    .filter(([standing]) => counts.has(standing))
    .map(([standing, style]) => ({
      colour: style.colour,
      text: `${style.text} (${counts.get(standing)} ${counts.get(standing) === 1 ? 'borough' : 'boroughs'})`,
    }));
  return { title: `Who publishes ${view.title} across London`, areas, legendTitle: 'Where each borough stands', legend };
};

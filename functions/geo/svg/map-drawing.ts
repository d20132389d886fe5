import { BOUNDARY_ATTRIBUTION } from '../boundaries/london-boroughs';
import type { MapClass } from './class-breaks';
import { NO_DATA_COLOUR } from './class-breaks';
import { LABEL_BAND, MAP_HEIGHT, MAP_WIDTH } from './london-frame';
import { escapeXml, formatNumber } from './svg-text';

/**
 * The markup every map shares: focusable areas that show their name and value in the label band
 * on hover or focus, the legend of a stand-alone map, and the styles a stand-alone map carries
 * inside it (on a page the site's stylesheet holds the same rules: functions/web/maps/map-css.ts).
 */

export interface DrawnArea {
  code: string;
  name: string;
  d: string;
  fill: string;
  /** Read on hover and focus, and by screen readers: "Camden: 262,000". */
  label: string;
}

export interface LegendEntry {
  colour: string;
  text: string;
  /** A circle (a single point) rather than a square swatch. */
  shape?: 'circle';
}

/** The rules for map areas and labels; the page's stylesheet embeds the same text. */
export const MAP_AREA_CSS = [
  '.map-area path{stroke:#505a5f;stroke-width:0.75}',
  '.map-area:hover path,.map-area:focus path{stroke:#0b0c0c;stroke-width:3}',
  '.map-area:focus{outline:none}',
  '.map-label{visibility:hidden;font:bold 18px Arial,sans-serif;fill:#0b0c0c}',
  '.map-area:hover .map-label,.map-area:focus .map-label{visibility:visible}',
  '.map-hint{font:16px Arial,sans-serif;fill:#505a5f}',
  '.map-area:hover~.map-hint,.map-area:focus~.map-hint{visibility:hidden}',
  '.map-point{stroke:#ffffff;stroke-width:1}',
].join('');

/**
 * The map area below the label band: outlines of a zoomed map reach beyond it and are clipped
 * there, while the labels in the band are not.
 */
const clipDefinition = (clipId: string): string =>
  `<defs><clipPath id="${clipId}"><rect x="0" y="${LABEL_BAND}" width="${MAP_WIDTH}" height="${MAP_HEIGHT - LABEL_BAND}"/></clipPath></defs>`;

const area = (a: DrawnArea, clipId: string): string =>
  `<g class="map-area" tabindex="0" role="img" aria-label="${escapeXml(a.label)}">` +
  `<title>${escapeXml(a.label)}</title>` +
  `<path d="${a.d}" fill="${a.fill}" clip-path="url(#${clipId})"/>` +
  `<text class="map-label" x="8" y="${LABEL_BAND - 10}">${escapeXml(a.label)}</text></g>`;

export interface MapMarkup {
  /** The accessible name of the whole map. */
  title: string;
  areas: DrawnArea[];
  /** Drawn over the areas (points, bins); not focusable. */
  overlay?: string;
  legendTitle: string;
  legend: LegendEntry[];
}

const HINT = 'Point at or tab to an area for its name and value';

/** The map itself, for a page: the legend and the table beside it are HTML there. */
export const mapSvg = (m: MapMarkup, id: string): string =>
  `<svg class="map-svg" id="${escapeXml(id)}" viewBox="0 0 ${MAP_WIDTH} ${MAP_HEIGHT}" role="group" aria-label="${escapeXml(m.title)}" xmlns="http://www.w3.org/2000/svg">` +
  clipDefinition(`${id}-clip`) +
  m.areas.map((a) => area(a, `${id}-clip`)).join('') +
  `<text class="map-hint" x="8" y="${LABEL_BAND - 10}" aria-hidden="true">${HINT}</text>` +
  (m.overlay ? `<g aria-hidden="true" clip-path="url(#${id}-clip)">${m.overlay}</g>` : '') +
  '</svg>';

const LEGEND_WIDTH = 260;

/** Words wrapped into lines of at most `width` characters, for notes in the legend column. */
const wrap = (text: string, width: number): string[] => {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + word.length + 1 > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  return line ? [...lines, line] : lines;
};

/** A map as a document of its own (map.svg): legend, notes, attribution and styles inside, for reports. */
export const standaloneMapSvg = (m: MapMarkup, notes: readonly string[] = []): string => {
  const width = MAP_WIDTH + LEGEND_WIDTH;
  const height = MAP_HEIGHT + 40;
  const x = MAP_WIDTH + 8;
  const legendRows = m.legend
    .map((entry, i) => {
      const y = 70 + i * 28;
      const swatch =
        entry.shape === 'circle'
          ? `<circle cx="${x + 10}" cy="${y + 10}" r="5" fill="${entry.colour}"/>`
          : `<rect x="${x}" y="${y}" width="20" height="20" fill="${entry.colour}" stroke="#505a5f" stroke-width="0.75"/>`;
      return `${swatch}<text x="${x + 28}" y="${y + 15}" class="map-legend">${escapeXml(entry.text)}</text>`;
    })
    .join('');
  const noteLines = notes.flatMap((note) => wrap(note, 38));
  const notesTop = 70 + m.legend.length * 28 + 24;
  const noteText = noteLines.map((line, i) => `<text x="${x}" y="${notesTop + i * 17}" class="map-note">${escapeXml(line)}</text>`).join('');
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="map-title">` +
    `<title id="map-title">${escapeXml(m.title)}</title>` +
    `<style>${MAP_AREA_CSS}.map-legend{font:14px Arial,sans-serif;fill:#0b0c0c}.map-legend-title{font:bold 15px Arial,sans-serif;fill:#0b0c0c}.map-credit{font:10px Arial,sans-serif;fill:#505a5f}.map-note{font:13px Arial,sans-serif;fill:#505a5f}</style>` +
    `<rect width="${width}" height="${height}" fill="#ffffff"/>` +
    clipDefinition('map-clip') +
    m.areas.map((a) => area(a, 'map-clip')).join('') +
    `<text class="map-hint" x="8" y="${LABEL_BAND - 10}">${HINT}</text>` +
    (m.overlay ? `<g clip-path="url(#map-clip)">${m.overlay}</g>` : '') +
    `<text x="${x}" y="${LABEL_BAND - 10}" class="map-legend-title">${escapeXml(m.title)}</text>` +
    `<text x="${x}" y="56" class="map-legend-title">${escapeXml(m.legendTitle)}</text>` +
    legendRows +
    noteText +
    BOUNDARY_ATTRIBUTION.split(/(?<=\.) /)
      .map((line, i) => `<text x="8" y="${MAP_HEIGHT + 14 + i * 13}" class="map-credit">${escapeXml(line)}</text>`)
      .join('') +
    '</svg>'
  );
};

/** Legend entries for classes: "8,800 to 150,000 (7 boroughs)". */
export const classLegend = (classes: readonly MapClass[], unit: { one: string; many: string }, noData: number): LegendEntry[] => [
  ...classes.map((c) => ({
    colour: c.colour,
    text: `${c.low === c.high ? formatNumber(c.low) : `${formatNumber(c.low)} to ${formatNumber(c.high)}`} (${c.count} ${c.count === 1 ? unit.one : unit.many})`,
  })),
  ...(noData > 0 ? [{ colour: NO_DATA_COLOUR, text: `No value (${noData} ${noData === 1 ? unit.one : unit.many})` }] : []),
];

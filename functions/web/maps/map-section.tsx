import { raw } from 'hono/html';
import type { Dataset } from '../../domain/datasets';
import { BOUNDARY_ATTRIBUTION } from '../../geo/boundaries/london-boroughs';
import { type MapMarkup, mapSvg } from '../../geo/svg/map-drawing';
import { formatNumber } from '../../geo/svg/svg-text';
import { DataTable } from '../data-table';
import { FragmentCache } from '../html-fragment';
import { type PageContext, queryString, seg } from '../page-context';
import type { DatasetMap } from './dataset-map';

/** A colour swatch as a tiny SVG: the pages' CSP allows no inline style attributes. */
const Swatch = ({ colour, circle }: { colour: string; circle?: boolean }) => (
  <svg class="map-swatch" width="20" height="20" viewBox="0 0 20 20" aria-hidden="true">
    {circle ? <circle cx="10" cy="10" r="5" fill={colour} /> : <rect x="0.5" y="0.5" width="19" height="19" fill={colour} stroke="#505a5f" />}
  </svg>
);

const mapSvgUrl = (page: PageContext, dataset: Dataset, map: DatasetMap): string => {
  const { drawn } = map;
  const query = drawn.map.kind === 'choropleth' ? { column: drawn.map.column } : drawn.choices.choropleth ? { kind: 'points' } : {};
  return page.urls.api(`/datasets/${seg(dataset.name)}/resources/${seg(map.resource.name)}/map.svg${queryString(query)}`);
};

/** Picks the numeric column the boroughs are coloured by: a plain GET form, so it works without scripts. */
const ColumnPicker = ({ page, dataset, map }: { page: PageContext; dataset: Dataset; map: DatasetMap }) => {
  const choropleth = map.drawn.choices.choropleth;
  if (!choropleth || map.drawn.map.kind !== 'choropleth') return null;
  const current = map.drawn.map.column;
  return (
    <form class="map-form" method="get" action={`${page.urls.datasetPage(dataset.name)}#map`}>
      <input type="hidden" name="map" value={map.resource.name} />
      <div class="form-group">
        <label for="map-column">Colour the boroughs by</label>
        <select id="map-column" name="map-column">
          {choropleth.numericColumns.map((name) => (
            <option value={name} selected={name === current}>
              {name}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" class="button button--secondary">
        Show on the map
      </button>
    </form>
  );
};

/** A resource with both borough codes and coordinates can be seen either way. */
const OtherKind = ({ page, dataset, map }: { page: PageContext; dataset: Dataset; map: DatasetMap }) => {
  const { choices } = map.drawn;
  if (!choices.choropleth || !choices.points) return null;
  const showingPoints = map.drawn.map.kind === 'points';
  const query = queryString({ map: map.resource.name, 'map-kind': showingPoints ? undefined : 'points' });
  return (
    <p>
      <a href={`${page.urls.datasetPage(dataset.name)}${query}#map`}>
        {showingPoints ? 'Show the boroughs coloured by a column instead' : 'Show each row as a point instead'}
      </a>
    </p>
  );
};

const Legend = ({ map }: { map: DatasetMap }) => (
  <div class="map-key">
    <h3 id="map-legend">{map.drawn.map.markup.legendTitle}</h3>
    <ul aria-labelledby="map-legend">
      {map.drawn.map.markup.legend.map((entry) => (
        <li>
          <Swatch colour={entry.colour} circle={entry.shape === 'circle'} />
          <span>{entry.text}</span>
        </li>
      ))}
    </ul>
    {map.drawn.notes.length > 0 ? (
      <ul class="list list--bullet">
        {map.drawn.notes.map((note) => (
          <li>{note}</li>
        ))}
      </ul>
    ) : null}
  </div>
);

/** The same numbers as the map, for readers who cannot see it or want the figures. */
const MapTable = ({ map }: { map: DatasetMap }) => {
  const drawn = map.drawn.map;
  if (drawn.kind === 'choropleth') {
    return (
      <DataTable label={`Values on the map: ${drawn.column}`} id="map-table" columns={['Borough', 'GSS code', { label: drawn.column, numeric: true }]}>
        {drawn.rows.map((row) => (
          <tr>
            <td>{row.name}</td>
            <td>{row.code}</td>
            <td class="num">{row.value === undefined ? 'no value' : formatNumber(row.value)}</td>
          </tr>
        ))}
      </DataTable>
    );
  }
  return (
    <DataTable label="Points on the map, by borough" id="map-table" columns={['Borough', { label: 'Points', numeric: true }]}>
      {drawn.boroughCounts.map((row) => (
        <tr>
          <td>{row.name}</td>
          <td class="num">{formatNumber(row.count)}</td>
        </tr>
      ))}
    </DataTable>
  );
};

const introduction = (map: DatasetMap): string => {
  const drawn = map.drawn.map;
  const file = map.resource.title ?? map.resource.name;
  if (drawn.kind === 'choropleth')
    return `${file}: each London borough coloured by ${drawn.column}, in ${drawn.classes.length} classes of about as many boroughs each.`;
  const how = drawn.binned ? `counted in ${drawn.binned.metres / 1000} km squares` : 'one dot per row';
  return `${file}: ${formatNumber(drawn.drawn)} rows placed by their coordinates over the borough outlines, ${how}.`;
};

/**
 * The SVG of a drawn map, written once per drawing: a drawn map is kept per version, kind and
 * column (geo/resource-map.ts) and never changes, so every view of it would otherwise write the
 * same few hundred paths again.
 */
const written = new WeakMap<MapMarkup, string>();
const inlineSvg = (markup: MapMarkup): string => {
  let svg = written.get(markup);
  if (svg === undefined) written.set(markup, (svg = mapSvg(markup, 'map-drawing')));
  return svg;
};

/** The dataset page's map section: drawn by the exchange on the server, nothing fetched from elsewhere. */
const MapSectionHtml = ({ page, dataset, map }: { page: PageContext; dataset: Dataset; map: DatasetMap }) => (
  <section aria-labelledby="map" class="map-section">
    <h2 id="map">Map</h2>
    <p>{introduction(map)}</p>
    <ColumnPicker page={page} dataset={dataset} map={map} />
    <OtherKind page={page} dataset={dataset} map={map} />
    <p>
      <a href="#map-table">Skip the map to its table of values</a>
    </p>
    <div class="map-layout">
      <figure class="map-figure">
        {raw(inlineSvg(map.drawn.map.markup))}
        <figcaption class="map-credit">{BOUNDARY_ATTRIBUTION}</figcaption>
      </figure>
      <Legend map={map} />
    </div>
    <p>
      <a href={mapSvgUrl(page, dataset, map)}>This map as an SVG file</a> (for reports: legend and attribution included).
    </p>
    <MapTable map={map} />
  </section>
);

/**
 * The section drawn once per drawn map (kept per version, kind and column, and never changed) and
 * what else it shows: the dataset's name and the resource's name and title (read on this request),
 * and the page's links, whose base is the exchange's (one per app, but part of the key all the same).
 */
const sections = new FragmentCache<DatasetMap['drawn']>();

export const MapSection = ({ page, dataset, map }: { page: PageContext; dataset: Dataset; map: DatasetMap }) =>
  sections.embed(
    map.drawn,
    [page.urls.datasetPage(dataset.name), mapSvgUrl(page, dataset, map), map.resource.name, map.resource.title ?? ''].join('\n'),
    () => <MapSectionHtml page={page} dataset={dataset} map={map} />,
  );

import { raw } from 'hono/html';
import { BOUNDARY_ATTRIBUTION } from '../../geo/boundaries/london-boroughs';
import { mapSvg } from '../../geo/svg/map-drawing';
import type { ConformanceView, OrganisationConformance } from '../../standards/conformance';
import { boroughStanding, conformanceMap, standingText } from '../../standards/conformance-map';
import type { SchemaVersionEntry } from '../../standards/schema-versions';
import { DataTable } from '../data-table';
import { Layout } from '../layout';
import { type PageContext, seg } from '../page-context';

export interface StandardView {
  description: string;
  conformance: ConformanceView;
  versions: SchemaVersionEntry[];
  stewards: string[];
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** "21 of 33 boroughs publish conforming data; 6 are overdue." */
const headline = ({ summary }: ConformanceView): string => {
  const overdue = summary.boroughsOverdue > 0 ? ` ${plural(summary.boroughsOverdue, 'is', 'are')} overdue.` : '';
  return `${summary.boroughsConforming} of ${summary.boroughs} boroughs publish conforming data.${overdue}`;
};

const Swatch = ({ colour }: { colour: string }) => (
  <svg class="map-swatch" width="20" height="20" viewBox="0 0 20 20" aria-hidden="true">
    <rect x="0.5" y="0.5" width="19" height="19" fill={colour} stroke="#505a5f" />
  </svg>
);

const DatasetsCell = ({ page, entry }: { page: PageContext; entry: OrganisationConformance }) =>
  entry.datasets.length === 0 ? (
    <td>None</td>
  ) : (
    <td>
      <ul class="list">
        {entry.datasets.map((d) => (
          <li>
            <a href={page.urls.datasetPage(d.name)}>{d.title}</a>
            {` (${d.status === 'conforms' ? 'conforms' : d.status === 'unverified' ? 'harvested, not checked' : 'no data yet'}${d.overdue ? ', overdue' : ''}${d.lastUpdated ? `, updated ${d.lastUpdated.slice(0, 10)}` : ''})`}
          </li>
        ))}
      </ul>
    </td>
  );

const History = ({ versions }: { versions: SchemaVersionEntry[] }) => (
  <DataTable label="Versions of this standard" columns={['Version', 'Status', 'Change', 'Why', 'Published']}>
    {[...versions].reverse().map((v) => (
      <tr>
        <td>{v.version}</td>
        <td>{v.status}</td>
        <td>{v.shipped ? 'first version' : v.change}</td>
        <td>{v.reason}</td>
        <td>{v.publishedAt ? v.publishedAt.slice(0, 10) : v.shipped ? 'shipped with the exchange' : 'not yet'}</td>
      </tr>
    ))}
  </DataTable>
);

/** A standard's public page: where London's boroughs stand with it, as a map and a table, and its history. */
export const StandardPage = ({ page, view }: { page: PageContext; view: StandardView }) => {
  const { conformance } = view;
  const map = conformanceMap(conformance);
  return (
    <Layout page={page} title={conformance.title}>
      <p>
        <a href={page.urls.page('/schemas')}>Common data schemas</a>
      </p>
      <h1>{conformance.title}</h1>
      <p class="lead">{view.description}</p>
      <p class="lead">
        <strong>{headline(conformance)}</strong>
      </p>
      <p class="secondary small">
        {conformance.expectedFrequency ? `Expected update: ${conformance.expectedFrequency.rule}. ` : ''}
        {view.stewards.length ? `Looked after by ${view.stewards.join(', ')}. ` : ''}
        Counted from the datasets you may see. <a href={page.urls.api(`/schemas/${seg(conformance.schema)}/conformance`)}>The same as JSON</a>
      </p>
      <section aria-labelledby="conformance-map" class="map-section">
        <h2 id="conformance-map">Across London</h2>
        <p>
          <a href="#conformance-table">Skip the map to the table of boroughs</a>
        </p>
        <div class="map-layout">
          <figure class="map-figure">
            {raw(mapSvg(map, 'conformance-drawing'))}
            <figcaption class="map-credit">{BOUNDARY_ATTRIBUTION}</figcaption>
          </figure>
          <div class="map-key">
            <h3 id="conformance-legend">{map.legendTitle}</h3>
            <ul aria-labelledby="conformance-legend">
              {map.legend.map((entry) => (
                <li>
                  <Swatch colour={entry.colour} />
                  <span>{entry.text}</span>
                </li>
              ))}
            </ul>
          </div>
        </div>
      </section>
      <section aria-labelledby="conformance-table-title">
        <h2 id="conformance-table-title">Boroughs and other publishers</h2>
        <DataTable label="Where each organisation stands" id="conformance-table" columns={['Organisation', 'Standing', 'Datasets declaring the standard']}>
          {conformance.organisations.map((entry) => (
            <tr>
              <td>
                <a href={page.urls.organisationPage(entry.organisation)}>{entry.name}</a>
              </td>
              <td>{standingText(boroughStanding(entry))}</td>
              <DatasetsCell page={page} entry={entry} />
            </tr>
          ))}
        </DataTable>
      </section>
      <section aria-labelledby="history">
        <h2 id="history">History</h2>
        {view.versions.length ? (
          <History versions={view.versions} />
        ) : (
          <p>This standard’s versions are published by its own body; the exchange validates against the version named above.</p>
        )}
      </section>
    </Layout>
  );
};

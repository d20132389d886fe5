import type { Organisation } from '../../domain/organisations';
import type { CatalogueResults } from '../catalogue-search';
import { formatCount, formatDate, SummaryList, TierBadge } from '../components';
import { Layout } from '../layout';
import type { PageContext } from '../page-context';
import { searchHref } from './search';

const isWebLink = (url: string | undefined): url is string => url !== undefined && /^https?:\/\//i.test(url);

export const OrganisationsPage = ({ page, organisations, counts }: { page: PageContext; organisations: Organisation[]; counts: Map<string, number> }) => (
  <Layout page={page} title="Organisations">
    <h1>Organisations</h1>
    <p>Everyone who publishes on the exchange. The count is of the datasets you can see.</p>
    <ul class="list">
      {organisations.map((o) => (
        <li>
          <a href={page.urls.organisationPage(o.id)}>{o.name}</a> <span class="secondary">({formatCount(counts.get(o.id) ?? 0)} datasets)</span>
        </li>
      ))}
    </ul>
  </Layout>
);

export const OrganisationPage = ({ page, organisation, datasets }: { page: PageContext; organisation: Organisation; datasets: CatalogueResults }) => (
  <Layout page={page} title={organisation.name}>
    <h1>{organisation.name}</h1>
    {organisation.description ? <p class="lead">{organisation.description}</p> : null}
    <SummaryList
      rows={[
        ['Type', organisation.type],
        ...(organisation.area ? ([['Area', organisation.area]] as Array<[string, string]>) : []),
        ...(organisation.gssCode ? ([['GSS code', organisation.gssCode]] as Array<[string, string]>) : []),
        ['Datasets', formatCount(datasets.count)],
      ]}
    />
    {isWebLink(organisation.homepage) ? (
      <p>
        <a href={organisation.homepage} rel="external noopener">{`${organisation.name} website`}</a>
      </p>
    ) : null}
    <h2>{datasets.count > datasets.results.length ? 'Recently updated datasets' : 'Datasets'}</h2>
    {datasets.count === 0 ? <p>No datasets that you can see.</p> : null}
    <ul class="list">
      {datasets.results.map((d) => (
        <li class="result">
          <a href={page.urls.datasetPage(d.name)}>{d.title}</a> <TierBadge tier={d.tier} />{' '}
          <span class="secondary small">updated {formatDate(d.modified)}</span>
        </li>
      ))}
    </ul>
    {datasets.count > datasets.results.length ? (
      <p>
        <a href={searchHref(page, { organisation: organisation.id })}>{`All ${formatCount(datasets.count)} datasets from ${organisation.name}`}</a>
      </p>
    ) : null}
  </Layout>
);

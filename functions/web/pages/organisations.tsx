import type { Organisation } from '../../domain/organisations';
import type { CatalogueResults } from '../catalogue-search';
import { formatCount, formatDate, plural, SummaryList, TierBadge } from '../components';
import { Layout } from '../layout';
import type { PageContext } from '../page-context';
import { searchHref } from './search';

const isWebLink = (url: string | undefined): url is string => url !== undefined && /^https?:\/\//i.test(url);

/** The groups of the organisations page, in the order shown; each organisation type belongs to one. */
const GROUPS: Array<{ id: string; title: string; types: string[]; intro: string }> = [
  { id: 'boroughs', title: 'Boroughs', types: ['borough'], intro: "London's 32 boroughs and the City of London." },
  { id: 'gla-family', title: 'The GLA family', types: ['gla', 'public-body'], intro: 'The Greater London Authority and the public bodies around it.' },
  { id: 'transport', title: 'Transport', types: ['tfl'], intro: 'Transport for London.' },
  { id: 'health', title: 'Health', types: ['nhs'], intro: 'NHS bodies in London.' },
  { id: 'partners', title: 'Partners', types: ['private', 'charity'], intro: 'Companies and charities that share data with the public sector.' },
];
const OTHER = { id: 'other', title: 'Other organisations', types: [] as string[], intro: '' };

const groupOf = (type: string) => GROUPS.find((g) => g.types.includes(type)) ?? OTHER;

const TYPE_LABELS = new Map([
  ['borough', 'London borough'],
  ['gla', 'Greater London Authority'],
  ['tfl', 'Transport authority'],
  ['public-body', 'Public body'],
  ['nhs', 'NHS body'],
  ['private', 'Company (partner)'],
  ['charity', 'Charity (partner)'],
]);
const typeLabel = (type: string): string => TYPE_LABELS.get(type) ?? type;

/** Case-insensitive match on the name, id or area, so "outer" or "camden" both find something. */
export const matchesFilter = (o: Organisation, filter: string | undefined): boolean => {
  const wanted = filter?.trim().toLocaleLowerCase('en-GB');
  if (!wanted) return true;
  return [o.name, o.id, o.area ?? ''].some((text) => text.toLocaleLowerCase('en-GB').includes(wanted));
};

export const OrganisationsPage = ({
  page,
  organisations,
  counts,
  filter,
}: {
  page: PageContext;
  organisations: Organisation[];
  counts: Map<string, number>;
  filter?: string;
}) => {
  const shown = organisations.filter((o) => matchesFilter(o, filter));
  const grouped = [...GROUPS, OTHER]
    .map((group) => ({ group, members: shown.filter((o) => groupOf(o.type) === group) }))
    .filter(({ members }) => members.length > 0);
  return (
    <Layout page={page} title={filter ? `Organisations matching “${filter}”` : 'Organisations'}>
      <h1>Organisations</h1>
      <p>Everyone who publishes on the exchange, by kind of organisation. The counts are of the datasets you can see.</p>
      <form method="get" action={page.urls.page('/organisations')} role="search" aria-label="Organisations">
        <label for="organisation-filter">Filter organisations by name</label>
        <div class="search-bar">
          <input type="search" id="organisation-filter" name="q" value={filter ?? ''} />
          <button type="submit" class="button">
            Filter
          </button>
        </div>
      </form>
      <p id="organisation-count" role="status">
        {filter ? (
          <>
            {plural(shown.length, 'organisation')} matching <strong>“{filter}”</strong> (<a href={page.urls.page('/organisations')}>show all</a>)
          </>
        ) : (
          plural(shown.length, 'organisation')
        )}
      </p>
      {grouped.length > 0 ? (
        <nav aria-label="Kinds of organisation">
          <ul class="jump-links">
            {grouped.map(({ group, members }) => (
              <li>
                <a href={`#${group.id}`}>{`${group.title} (${members.length})`}</a>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      {grouped.map(({ group, members }) => (
        <section aria-labelledby={group.id} class="organisation-group">
          <h2 id={group.id}>{group.title}</h2>
          {group.intro ? <p class="secondary">{group.intro}</p> : null}
          <ul class="list organisation-list">
            {members.map((o) => (
              <li>
                <a href={page.urls.organisationPage(o.id)}>{o.name}</a> <span class="secondary">({plural(counts.get(o.id) ?? 0, 'dataset')})</span>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </Layout>
  );
};

export const OrganisationPage = ({ page, organisation, datasets }: { page: PageContext; organisation: Organisation; datasets: CatalogueResults }) => (
  <Layout page={page} title={organisation.name}>
    <h1>{organisation.name}</h1>
    {organisation.description ? <p class="lead">{organisation.description}</p> : null}
    <SummaryList
      rows={[
        ['Type', typeLabel(organisation.type)],
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

import type { CatalogueQuery, CatalogueResults, FacetCount } from '../catalogue-search';
import { formatCount, formatDate, TierBadge } from '../components';
import { Layout } from '../layout';
import { themeLabel } from '../labels';
import { nameOf } from '../organisation-names';
import { type PageContext, queryString } from '../page-context';
import { SearchForm } from './home';

type FilterName = 'organisation' | 'tier' | 'theme' | 'keyword';

const FILTERS: Array<[FilterName, string]> = [
  ['tier', 'Sharing tier'],
  ['organisation', 'Publisher'],
  ['theme', 'Theme'],
  ['keyword', 'Keyword'],
];

/** The search page's URL for a query: every filter lives in the query string. */
export const searchHref = (page: PageContext, query: Partial<CatalogueQuery>): string =>
  page.urls.page(
    `/datasets${queryString({ q: query.q, organisation: query.organisation, tier: query.tier, theme: query.theme, keyword: query.keyword, cursor: query.cursor })}`,
  );

const valueLabel = (filter: FilterName, value: string, names: Map<string, string>) =>
  filter === 'organisation' ? nameOf(names, value) : filter === 'theme' ? themeLabel(value) : value;

const FACET_SHOWN = 10;

const FacetList = (props: {
  page: PageContext;
  query: CatalogueQuery;
  filter: FilterName;
  values: FacetCount[];
  names: Map<string, string>;
  chosen: string | undefined;
}) => (
  <ul>
    {props.values.map((v) => {
      const selected = props.chosen === v.value;
      const href = searchHref(props.page, { ...props.query, [props.filter]: selected ? undefined : v.value, cursor: undefined });
      return (
        <li>
          <a href={href} aria-current={selected ? 'true' : undefined}>
            {selected ? `Remove filter: ${valueLabel(props.filter, v.value, props.names)}` : valueLabel(props.filter, v.value, props.names)}
          </a>{' '}
          <span class="secondary">({formatCount(v.count)})</span>
        </li>
      );
    })}
  </ul>
);

const Facet = (props: { page: PageContext; query: CatalogueQuery; filter: FilterName; title: string; values: FacetCount[]; names: Map<string, string> }) => {
  const { query, filter, values } = props;
  if (values.length === 0) return null;
  const chosen = query[filter];
  return (
    <nav class="facet" aria-labelledby={`facet-${filter}`}>
      <h3 id={`facet-${filter}`} class="label">
        {props.title}
      </h3>
      <FacetList {...props} values={values.slice(0, FACET_SHOWN)} chosen={chosen} />
      {values.length > FACET_SHOWN ? (
        <details>
          <summary>{`${values.length - FACET_SHOWN} more`}</summary>
          <FacetList {...props} values={values.slice(FACET_SHOWN)} chosen={chosen} />
        </details>
      ) : null}
    </nav>
  );
};

const excerpt = (text: string | undefined, max = 220): string => (!text ? '' : text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text);

export const SearchPage = ({
  page,
  query,
  results,
  names,
}: {
  page: PageContext;
  query: CatalogueQuery;
  results: CatalogueResults;
  names: Map<string, string>;
}) => {
  const active = FILTERS.filter(([f]) => query[f]);
  const heading = query.q ? `Datasets matching “${query.q}”` : 'Datasets';
  return (
    <Layout page={page} title={query.q ? `Search: ${query.q}` : 'Datasets'}>
      <h1>{heading}</h1>
      <SearchForm page={page} q={query.q} />
      <div class="grid grid--sidebar">
        <div>
          <h2 class="visually-hidden">Filters</h2>
          {FILTERS.map(([filter, title]) => (
            <Facet page={page} query={query} filter={filter} title={title} values={results.facets[filter]} names={names} />
          ))}
        </div>
        <div>
          <h2 class="visually-hidden">Results</h2>
          <p id="result-count">
            <strong>{formatCount(results.count)}</strong> {results.count === 1 ? 'dataset' : 'datasets'}
            {active.length > 0 ? ` filtered by ${active.map(([f, t]) => `${t.toLowerCase()}: ${valueLabel(f, query[f] as string, names)}`).join(', ')}` : ''}
            {active.length > 0 ? (
              <span>
                {' '}
                (<a href={searchHref(page, { q: query.q })}>clear filters</a>)
              </span>
            ) : null}
          </p>
          {results.count === 0 ? <p>No datasets match. Try fewer words or remove a filter.</p> : null}
          <ol class="list" aria-labelledby="result-count">
            {results.results.map((d) => (
              <li class="result">
                <h3>
                  <a href={page.urls.datasetPage(d.name)}>{d.title}</a>
                </h3>
                <ul class="meta">
                  <li>
                    <TierBadge tier={d.tier} />
                  </li>
                  <li>{nameOf(names, d.organisation)}</li>
                  <li>Updated {formatDate(d.modified)}</li>
                  {(d.themes ?? []).length > 0 ? <li>{(d.themes ?? []).map(themeLabel).join(', ')}</li> : null}
                </ul>
                <p>{excerpt(d.description)}</p>
              </li>
            ))}
          </ol>
          {query.cursor || results.next ? (
            <nav aria-label="Pages of results">
              <ul class="pagination">
                <li>{query.cursor ? <a href={searchHref(page, { ...query, cursor: undefined })}>First page</a> : null}</li>
                <li>
                  {results.next ? (
                    <a href={searchHref(page, { ...query, cursor: results.next })} rel="next">
                      Next page
                    </a>
                  ) : null}
                </li>
              </ul>
            </nav>
          ) : null}
        </div>
      </div>
    </Layout>
  );
};

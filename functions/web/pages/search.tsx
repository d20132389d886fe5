import type { CatalogueQuery, CatalogueResults, CatalogueSort, FacetCount } from '../catalogue-search';
import { formatCount, formatDate, plural, TierBadge } from '../components';
import { type DataSummary, formatLabel } from '../data-summaries';
import { Layout } from '../layout';
import { themeLabel } from '../labels';
import { nameOf } from '../organisation-names';
import { type PageContext, queryString } from '../page-context';
import type { Suggestion } from '../search-suggestions';
import { SearchForm } from './home';

type FilterName = 'organisation' | 'tier' | 'theme' | 'keyword';

const FILTERS: Array<[FilterName, string]> = [
  ['tier', 'Sharing tier'],
  ['organisation', 'Publisher'],
  ['theme', 'Theme'],
  ['keyword', 'Keyword'],
];

/** The order a listing has when the URL names none: by relevance when words are given, else by title. */
export const defaultSort = (query: Pick<CatalogueQuery, 'q'>): CatalogueSort => (query.q ? 'relevance' : 'title');

/** The search page's URL for a query: every filter lives in the query string (the default order is left out). */
export const searchHref = (page: PageContext, query: Partial<CatalogueQuery>): string =>
  page.urls.page(
    `/datasets${queryString({
      q: query.q,
      organisation: query.organisation,
      tier: query.tier,
      theme: query.theme,
      keyword: query.keyword,
      sort: query.sort && query.sort !== defaultSort(query) ? query.sort : undefined,
      cursor: query.cursor,
    })}`,
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

const SORTS: Array<[CatalogueSort, string]> = [
  ['relevance', 'Relevance'],
  ['modified', 'Newest'],
  ['title', 'Title'],
];

/** Sort controls as links (they work without script and keep the filters); relevance only when there are words to rank by. */
const SortLinks = ({ page, query, sort }: { page: PageContext; query: CatalogueQuery; sort: CatalogueSort }) => (
  <nav class="sort" aria-labelledby="sort-label">
    <span id="sort-label" class="sort__label">
      Sort by
    </span>
    <ul>
      {SORTS.filter(([value]) => value !== 'relevance' || query.q).map(([value, label]) => (
        <li>
          {value === sort ? (
            <a href={searchHref(page, { ...query, sort: value, cursor: undefined })} aria-current="true" class="sort__current">
              {label}
            </a>
          ) : (
            <a href={searchHref(page, { ...query, sort: value, cursor: undefined })}>{label}</a>
          )}
        </li>
      ))}
    </ul>
  </nav>
);

/** Whether a listed dataset has data yet, and in which formats. */
const DataNote = ({ summary }: { summary: DataSummary | undefined }) =>
  !summary || summary.publishedFiles === 0 ? (
    <li class="data-note data-note--none">No data yet</li>
  ) : (
    <li class="data-note">
      <span class="visually-hidden">Data: </span>
      {summary.formats.map((f) => (
        <span class="format">{formatLabel(f)}</span>
      ))}{' '}
      {plural(summary.publishedFiles, 'file')}
    </li>
  );

const SUGGESTION_TEXT = new Map<Suggestion['reason'], string>([
  ['spelling', 'spelt as in the catalogue'],
  ['one-word', 'this word on its own'],
  ['no-filters', 'without the filters'],
]);

const NoResults = ({ page, query, active, suggestions }: { page: PageContext; query: CatalogueQuery; active: boolean; suggestions: Suggestion[] }) => (
  <div class="no-results" id="no-results">
    <p>
      {query.q ? (
        <>
          No datasets match <strong>“{query.q}”</strong>
          {active ? ' with the filters chosen' : ''}.
        </>
      ) : active ? (
        'No datasets match the filters chosen.'
      ) : (
        'There are no datasets you can see yet.'
      )}
    </p>
    {suggestions.length > 0 ? (
      <>
        <h3>Close matches</h3>
        <ul class="list" id="suggestions">
          {suggestions.map((s) => (
            <li>
              <a href={searchHref(page, s.query)}>{s.query.q ? `“${s.query.q}”` : 'All datasets'}</a>{' '}
              <span class="secondary">
                ({SUGGESTION_TEXT.get(s.reason)}: {plural(s.count, 'dataset')})
              </span>
            </li>
          ))}
        </ul>
      </>
    ) : null}
    {query.q ? <p>{active ? 'Check the spelling, use fewer words or remove a filter.' : 'Check the spelling or use fewer or more general words.'}</p> : null}
  </div>
);

export interface SearchPageProps {
  page: PageContext;
  query: CatalogueQuery;
  results: CatalogueResults;
  names: Map<string, string>;
  summaries: Map<string, DataSummary>;
  suggestions: Suggestion[];
}

const excerpt = (text: string | undefined, max = 220): string => (!text ? '' : text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text);

/**
 * The listing. Results come first on a phone: the filters sit in a disclosure that the
 * stylesheet keeps open (its summary hidden) on wider screens, so no script decides the layout.
 */
export const SearchPage = ({ page, query, results, names, summaries, suggestions }: SearchPageProps) => {
  const active = FILTERS.filter(([f]) => query[f]);
  const heading = query.q ? `Datasets matching “${query.q}”` : 'Datasets';
  const sort = query.sort ?? defaultSort(query);
  const hasFacets = FILTERS.some(([filter]) => results.facets[filter].length > 0);
  return (
    <Layout page={page} title={query.q ? `Search: ${query.q}` : 'Datasets'}>
      <h1>{heading}</h1>
      <SearchForm page={page} q={query.q} />
      {/* With nothing to filter by (no results at all), the results take the whole width. */}
      <div class={hasFacets ? 'grid grid--sidebar' : undefined}>
        {hasFacets ? (
          <details class="filters" id="filters">
            <summary>{active.length > 0 ? `Filters (${active.length} chosen)` : 'Filters'}</summary>
            <div class="filters__body">
              <h2 class="visually-hidden">Filters</h2>
              {FILTERS.map(([filter, title]) => (
                <Facet page={page} query={query} filter={filter} title={title} values={results.facets[filter]} names={names} />
              ))}
            </div>
          </details>
        ) : null}
        <div class="results">
          <h2 class="visually-hidden">Results</h2>
          <div class="results__head">
            <p id="result-count">
              <strong>{formatCount(results.count)}</strong> {results.count === 1 ? 'dataset' : 'datasets'}
              {active.length > 0 ? ` filtered by ${active.map(([f, t]) => `${t.toLowerCase()}: ${valueLabel(f, query[f] as string, names)}`).join(', ')}` : ''}
              {active.length > 0 ? (
                <span>
                  {' '}
                  (<a href={searchHref(page, { q: query.q, sort: query.sort })}>clear filters</a>)
                </span>
              ) : null}
            </p>
            {results.count > 1 ? <SortLinks page={page} query={query} sort={sort} /> : null}
          </div>
          {results.count === 0 ? <NoResults page={page} query={query} active={active.length > 0} suggestions={suggestions} /> : null}
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
                  <DataNote summary={summaries.get(d.id)} />
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

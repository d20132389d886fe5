import type { CatalogueOverview } from '../catalogue-search';
import { formatCount, formatDate, TierBadge } from '../components';
import { Layout } from '../layout';
import { themeLabel } from '../labels';
import { nameOf } from '../organisation-names';
import { type PageContext, queryString } from '../page-context';

export const SearchForm = ({ page, q = '', label = 'Search datasets' }: { page: PageContext; q?: string; label?: string }) => (
  <form method="get" action={page.urls.page('/datasets')} role="search">
    <label for="search-q">{label}</label>
    <div class="search-bar">
      <input type="search" id="search-q" name="q" value={q} />
      <button type="submit" class="button">
        Search
      </button>
    </div>
  </form>
);

export const HomePage = ({ page, overview, names }: { page: PageContext; overview: CatalogueOverview; names: Map<string, string> }) => (
  <Layout page={page} title="Find and use London's data">
    <h1>Find and use London's data</h1>
    <p class="lead">
      Datasets from London's boroughs, Transport for London, the GLA and their partners: search them, preview them, download them or use them through an API.
    </p>
    <SearchForm page={page} label="Search for a dataset" />
    <div class="grid grid--three" aria-label="Headline figures" role="group">
      <p class="stat">
        <span class="stat__value">{formatCount(overview.datasetCount)}</span> datasets
      </p>
      <p class="stat">
        <span class="stat__value">{formatCount(overview.openCount)}</span> open to everyone
      </p>
      <p class="stat">
        <span class="stat__value">{formatCount(overview.publisherCount)}</span> publishers
      </p>
    </div>
    <div class="grid grid--two">
      <section aria-labelledby="themes">
        <h2 id="themes">Browse by theme</h2>
        <ul class="list">
          {overview.themes.map((t) => (
            <li>
              <a href={page.urls.page(`/datasets${queryString({ theme: t.value })}`)}>{themeLabel(t.value)}</a> <span class="secondary">({t.count})</span>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="publishers">
        <h2 id="publishers">Publishers</h2>
        <ul class="list">
          {overview.publishers.map((p) => (
            <li>
              <a href={page.urls.organisationPage(p.value)}>{nameOf(names, p.value)}</a> <span class="secondary">({p.count})</span>
            </li>
          ))}
        </ul>
        <p>
          <a href={page.urls.page('/organisations')}>All organisations</a>
        </p>
      </section>
    </div>
    <section aria-labelledby="recent">
      <h2 id="recent">Recently updated</h2>
      <ul class="list">
        {overview.recentlyUpdated.map((d) => (
          <li>
            <a href={page.urls.datasetPage(d.name)}>{d.title}</a> <TierBadge tier={d.tier} />{' '}
            <span class="secondary small">
              {nameOf(names, d.organisation)}, updated {formatDate(d.modified)}
            </span>
          </li>
        ))}
      </ul>
    </section>
    <section aria-labelledby="more">
      <h2 id="more">Trust and re-use</h2>
      <p>
        Some data is shared only with named organisations under an agreement. The <a href={page.urls.page('/sharing-register')}>sharing register</a> shows who
        may use which dataset, for what and until when. Developers can use the <a href={page.urls.page('/api/docs')}>API</a>, or point CKAN and DCAT tools at
        the exchange.
      </p>
    </section>
  </Layout>
);

import { Hono } from 'hono';
import { routeName } from '../api/http/route-name';
import { mayReadDataNow } from '../domain/data-access';
import { downloadLink, parseFormat } from '../domain/downloads';
import { getOrganisation, listOrganisations } from '../domain/organisations';
import { tiers, type Tier } from '../domain/policy';
import { getDatasetWithResources } from '../domain/resources';
import { sharingRegister } from '../domain/sharing-register';
import { findVersion, type ResourceVersion } from '../domain/versions';
import type { StoredRecord } from '../storage/catalogue-store';
import { listDataSchemas } from '../ingest/core/data-schemas';
import { catalogueOverview, type CatalogueQuery, type CatalogueSort, catalogueSorts, searchCatalogue } from './catalogue-search';
import { dataSummaries } from './data-summaries';
import { readVersionPreview } from './data/data-sample';
import { datasetMap } from './maps/dataset-map';
import { isOverdue } from './labels';
import { nameOf, organisationNames } from './organisation-names';
import { pageContext } from './page-context';
import { DatasetPage, type DatasetView } from './pages/dataset';
import { HomePage } from './pages/home';
import { OrganisationPage, OrganisationsPage } from './pages/organisations';
import { SchemasPage } from './pages/schemas';
import { StandardPage } from './pages/standard';
import { standardView } from './standard-view';
import { defaultSort, SearchPage } from './pages/search';
import { SharingRegisterPage } from './pages/sharing-register';
import { render } from './render';
import { suggestSearches } from './search-suggestions';
import type { WebEnv } from './web-env';

export const SEARCH_PAGE_SIZE = 20;

const text = (raw: string | undefined, max: number): string | undefined => {
  const trimmed = raw?.trim();
  return trimmed ? trimmed.slice(0, max) : undefined;
};

/** Query-string filters: anything unknown or malformed is ignored rather than refused. */
const readQuery = (query: (name: string) => string | undefined): CatalogueQuery => {
  const tier = query('tier');
  const sort = query('sort');
  const q = text(query('q'), 200);
  return {
    q,
    sort: catalogueSorts.includes(sort as CatalogueSort) && (sort !== 'relevance' || q) ? (sort as CatalogueSort) : defaultSort({ q }),
    organisation: text(query('organisation'), 100),
    tier: tiers.includes(tier as Tier) ? (tier as Tier) : undefined,
    theme: text(query('theme'), 100),
    keyword: text(query('keyword'), 60),
    cursor: text(query('cursor'), 2000),
    pageSize: SEARCH_PAGE_SIZE,
  };
};

/** Pages anyone may open; each shows exactly what the policy lets this visitor see. */
export const publicRoutes = new Hono<WebEnv>()
  .get('/', async (c) => {
    const [overview, names] = await Promise.all([catalogueOverview(c.var.domain, c.var.caller), organisationNames(c.var.domain)]);
    return render(c, <HomePage page={pageContext(c)} overview={overview} names={names} />);
  })
  .get('/datasets', async (c) => {
    const query = readQuery((name) => c.req.query(name));
    const [results, names] = await Promise.all([searchCatalogue(c.var.domain, c.var.caller, query), organisationNames(c.var.domain)]);
    const [summaries, suggestions] = await Promise.all([
      dataSummaries(c.var.domain, results.results, results.resourceNames),
      results.count === 0 ? suggestSearches(c.var.domain, c.var.caller, query, names) : [],
    ]);
    return render(c, <SearchPage page={pageContext(c)} query={query} results={results} names={names} summaries={summaries} suggestions={suggestions} />);
  })
  .get('/datasets/:dataset', async (c) => {
    const ctx = c.var.domain;
    // The dataset and its files in one batch (the policy decides on the dataset as read there).
    // Nothing else is read before that decision, so a hidden name reads what a missing one does.
    const read = await getDatasetWithResources(ctx, c.var.caller, c.req.param('dataset'));
    const dataset = read.dataset.value;
    const resources = read.resources.map((r) => r.value);
    const [names, canReadData] = await Promise.all([organisationNames(ctx), mayReadDataNow(c.var.domain, c.var.caller, dataset)]);
    const published = resources.filter((r) => r.current);
    // Versions are read only once the caller's permit to read data was granted above.
    const versions = new Map<string, StoredRecord<ResourceVersion>>();
    if (canReadData) {
      const found = await Promise.all(published.map((r) => findVersion(ctx, r, r.current!.version)));
      found.forEach((v, i) => v && versions.set(published[i].name, v));
    }
    const wanted = c.req.query('preview');
    const previewResource = published.find((r) => r.name === wanted) ?? published[0];
    const previewVersion = previewResource && versions.get(previewResource.name);
    const preview = previewVersion
      ? await readVersionPreview(ctx, c.var.caller, { dataset, resourceName: previewResource.name, version: previewVersion }, routeName(c))
      : undefined;
    const map = canReadData
      ? await datasetMap(
          ctx,
          c.var.caller,
          dataset,
          published,
          { resource: c.req.query('map'), column: c.req.query('map-column'), kind: c.req.query('map-kind') },
          routeName(c),
        )
      : undefined;
    const lastUpdated = [dataset.modified, ...published.map((r) => r.current!.publishedAt)].sort().pop()!;
    const view: DatasetView = {
      dataset,
      publisherName: nameOf(names, dataset.organisation),
      resources,
      versions: new Map([...versions].map(([name, v]) => [name, v.value])),
      canReadData,
      lastUpdated,
      overdue: isOverdue(dataset.updateFrequency, lastUpdated, ctx.now()),
      preview: preview && previewResource ? { resource: previewResource, preview } : undefined,
      map,
    };
    return render(c, <DatasetPage page={pageContext(c)} view={view} />);
  })
  .get('/datasets/:dataset/resources/:resource/download', async (c) => {
    const link = await downloadLink(c.var.domain, c.var.caller, c.req.param('dataset'), c.req.param('resource'), {
      format: parseFormat(c.req.query('format')),
      route: routeName(c),
    });
    c.header('Cache-Control', 'no-store');
    return c.redirect(link.url, 302);
  })
  .get('/organisations', async (c) => {
    const [organisations, listing] = await Promise.all([listOrganisations(c.var.domain), searchCatalogue(c.var.domain, c.var.caller, { pageSize: 0 })]);
    const counts = new Map(listing.facets.organisation.map((f) => [f.value, f.count]));
    const sorted = organisations.map((o) => o.value).sort((a, b) => a.name.localeCompare(b.name));
    return render(c, <OrganisationsPage page={pageContext(c)} organisations={sorted} counts={counts} filter={text(c.req.query('q'), 100)} />);
  })
  .get('/organisations/:org', async (c) => {
    const { value: organisation } = await getOrganisation(c.var.domain, c.req.param('org'));
    const datasets = await searchCatalogue(c.var.domain, c.var.caller, { organisation: organisation.id, pageSize: 20, sort: 'modified' });
    return render(c, <OrganisationPage page={pageContext(c)} organisation={organisation} datasets={datasets} />);
  })
  .get('/schemas', (c) => render(c, <SchemasPage page={pageContext(c)} schemas={listDataSchemas()} />))
  .get('/schemas/:schema', async (c) =>
    render(c, <StandardPage page={pageContext(c)} view={await standardView(c.var.domain, c.var.caller, c.req.param('schema'))} />),
  )
  .get('/sharing-register', async (c) => render(c, <SharingRegisterPage page={pageContext(c)} register={await sharingRegister(c.var.domain)} />));

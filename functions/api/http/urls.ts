/**
 * The one URL builder: every link the exchange emits is made here, relative to the public base
 * URL when one is configured (behind CloudFront / API Gateway) or to the request's own origin.
 */
export interface Urls {
  api: (path: string) => string;
  organisation: (id: string) => string;
  dataset: (name: string) => string;
  resource: (datasetName: string, resourceName: string) => string;
  /** Datasets are addressable by id too; used where only the id is at hand. */
  resourceById: (datasetId: string, resourceName: string) => string;
  datasetPage: (name: string) => string;
  organisationPage: (id: string) => string;
  /** Any other web page or asset, by its path (segments already encoded), e.g. `/schemas`. */
  page: (path: string) => string;
  /** A browser download of a resource: same policy as the API's, with the caller's session. */
  resourceDownloadPage: (datasetName: string, resourceName: string, format: string) => string;
  /** The API's download of one format of a resource (a redirect to a short-lived link). */
  download: (datasetName: string, resourceName: string, format: string) => string;
  datapackage: (datasetName: string) => string;
  /** DCAT-US data.json. */
  dcatUsCatalog: () => string;
  /** DCAT-AP JSON-LD catalogue; `query` (e.g. `?page=2&limit=100`) selects a page. */
  dcatApCatalog: (query?: string) => string;
  datasetJsonLd: (name: string) => string;
  /** The interactive API reference, or one of its assets (e.g. `/assets/swagger-ui.css`). */
  apiDocs: (path?: string) => string;
  /** A CKAN Action API action, e.g. `package_search`; `query` (e.g. `?name=x`) is appended as given. */
  ckanAction: (name: string, query?: string) => string;
}

const seg = encodeURIComponent;

export const urlsFor = (base: string): Urls => {
  const root = base.replace(/\/+$/, '');
  return {
    api: (path) => `${root}/api/v1${path}`,
    organisation: (id) => `${root}/api/v1/organisations/${seg(id)}`,
    dataset: (name) => `${root}/api/v1/datasets/${seg(name)}`,
    resource: (datasetName, resourceName) => `${root}/api/v1/datasets/${seg(datasetName)}/resources/${seg(resourceName)}`,
    resourceById: (datasetId, resourceName) => `${root}/api/v1/datasets/${seg(datasetId)}/resources/${seg(resourceName)}`,
    datasetPage: (name) => `${root}/datasets/${seg(name)}`,
    organisationPage: (id) => `${root}/organisations/${seg(id)}`,
    page: (path) => `${root}${path}`,
    resourceDownloadPage: (datasetName, resourceName, format) =>
      `${root}/datasets/${seg(datasetName)}/resources/${seg(resourceName)}/download?format=${seg(format)}`,
    download: (datasetName, resourceName, format) =>
      `${root}/api/v1/datasets/${seg(datasetName)}/resources/${seg(resourceName)}/download?format=${seg(format)}`,
    datapackage: (datasetName) => `${root}/api/v1/datasets/${seg(datasetName)}/datapackage.json`,
    dcatUsCatalog: () => `${root}/catalog/data.json`,
    dcatApCatalog: (query = '') => `${root}/catalog.jsonld${query}`,
    datasetJsonLd: (name) => `${root}/dataset/${seg(name)}.jsonld`,
    apiDocs: (path = '') => `${root}/api/docs${path}`,
    ckanAction: (name, query = '') => `${root}/api/3/action/${seg(name)}${query}`,
  };
};

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
  };
};

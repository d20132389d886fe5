import type { Dataset } from '../domain/datasets';
import type { Organisation } from '../domain/organisations';
import type { Resource } from '../domain/resources';
import type { Upload } from '../domain/uploads';
import { downloadFormats, type ResourceVersion } from '../domain/versions';
import type { StoredRecord } from '../storage/catalogue-store';
import type { Urls } from './http/urls';

/** How records look on the wire: the stored fields, their version, and where to find them. */
export const presentDataset = ({ value, version }: StoredRecord<Dataset>, urls: Urls) => {
  const { deletedAt: _deleted, ...fields } = value;
  return {
    ...fields,
    version,
    links: {
      self: urls.dataset(value.name),
      html: urls.datasetPage(value.name),
      organisation: urls.organisation(value.organisation),
      resources: `${urls.dataset(value.name)}/resources`,
    },
  };
};

export const presentOrganisation = ({ value, version }: StoredRecord<Organisation>, urls: Urls) => ({
  ...value,
  version,
  links: {
    self: urls.organisation(value.id),
    html: urls.organisationPage(value.id),
    datasets: urls.api(`/datasets?organisation=${encodeURIComponent(value.id)}`),
  },
});

export const presentResource = (dataset: Dataset, { value, version }: StoredRecord<Resource>, urls: Urls) => {
  const self = urls.resource(dataset.name, value.name);
  return {
    ...value,
    dataset: dataset.name,
    version,
    links: {
      self,
      upload: `${self}/data`,
      uploads: `${self}/uploads`,
      versions: `${self}/versions`,
      ...(value.current ? { downloads: Object.fromEntries(downloadFormats.map((format) => [format, `${self}/download?format=${format}`])) } : {}),
    },
  };
};

export const presentVersion = (dataset: Dataset, resource: Resource, version: ResourceVersion, urls: Urls) => {
  const self = urls.resource(dataset.name, resource.name);
  const { objects, reportKey: _reportKey, uploadId: _uploadId, ...fields } = version;
  return {
    ...fields,
    files: Object.fromEntries(Object.entries(objects ?? {}).map(([format, file]) => [format, { bytes: file.bytes, mediaType: file.mediaType }])),
    links: {
      report: `${self}/versions/${version.version}/report`,
      ...(version.state === 'published'
        ? {
            downloads: Object.fromEntries(Object.keys(objects ?? {}).map((format) => [format, `${self}/download?format=${format}&version=${version.version}`])),
          }
        : {}),
    },
  };
};

export const presentUpload = (upload: Upload, urls: Urls) => {
  const { objectKey: _key, leaseUntil: _lease, datasetId: _datasetId, attempts: _attempts, deadline: _deadline, multipart: _multipart, ...fields } = upload;
  return { ...fields, links: { self: `${urls.resourceById(upload.datasetId, upload.resourceName)}/uploads/${upload.uploadId}` } };
};

import type { Dataset } from '../domain/datasets';
import type { Organisation } from '../domain/organisations';
import type { StoredRecord } from '../storage/catalogue-store';
import type { Urls } from './http/urls';

/** How records look on the wire: the stored fields, their version, and where to find them. */
export const presentDataset = ({ value, version }: StoredRecord<Dataset>, urls: Urls) => {
  const { deletedAt: _deleted, ...fields } = value;
  return { ...fields, version, links: { self: urls.dataset(value.name), html: urls.datasetPage(value.name), organisation: urls.organisation(value.organisation) } };
};

export const presentOrganisation = ({ value, version }: StoredRecord<Organisation>, urls: Urls) => ({
  ...value,
  version,
  links: { self: urls.organisation(value.id), html: urls.organisationPage(value.id), datasets: urls.api(`/datasets?organisation=${encodeURIComponent(value.id)}`) },
});

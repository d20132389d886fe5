import { getDataset } from '../../domain/datasets';
import { ExchangeError } from '../../domain/errors';
import { refusal } from '../../domain/policy';
import { loadCatalogEntries } from '../../interop/catalog-entry';
import { dataPackage } from '../../interop/datapackage';
import { errors, jsonResponse, ref } from '../openapi/builders';
import { route } from './declare';

/**
 * A Frictionless Data Package whose resources are the dataset's published files. A package
 * exists to load data, and every resource must carry a working path (the profile requires one),
 * so it is served only to callers who may read the data: others who may see the dataset are
 * told to request access (401/403, as for any refusal of a visible dataset); a dataset the caller
 * may not see is a 404.
 */
export const datapackageRoutes = [
  route({
    method: 'GET',
    path: '/api/v1/datasets/:dataset/datapackage.json',
    operationId: 'dataPackage',
    summary: 'Frictionless Data Package of a dataset',
    tags: ['Interoperability'],
    auth: 'optional',
    description:
      'Each published resource with its Table Schema (describing the normalised CSV) and the CSV download URL as its path. Only for callers who may read the data: others who may see the dataset get 401/403 and are pointed at its access request page.',
    parameters: ['dataset'],
    responses: { 200: jsonResponse('The data package.', ref('DataPackage')), ...errors(401, 403, 404) },
    handler: async (c, { params }) => {
      const dataset = await getDataset(c.var.domain, c.var.caller, params.dataset);
      const [entry] = await loadCatalogEntries(c.var.domain, c.var.caller, [dataset]);
      if (!entry.dataReadable) {
        throw refusal(
          c.var.caller,
          true,
          'dataset',
          `read this shared dataset's data: ask its publisher for access at ${c.var.urls.datasetPage(dataset.value.name)}`,
        );
      }
      if (entry.published.length === 0) throw new ExchangeError('not_found', 'This dataset has no published data yet, so there is no data package.');
      c.header('Vary', 'Authorization');
      return c.json(dataPackage(entry, c.var.urls));
    },
  }),
];

import { checkTableReferences } from '../../standards/table-references';
import { routeName } from '../http/route-name';
import { errors, jsonResponse, ref } from '../openapi/builders';
import { route } from './declare';

/** The references between the tables of a multi-table standard (Open Referral UK) that one dataset holds. */
export const schemaReferenceRoutes = [
  route({
    method: 'GET',
    path: '/api/v1/datasets/:dataset/table-references',
    operationId: 'checkTableReferences',
    summary: 'Check the references between the standard tables a dataset holds (e.g. each Open Referral UK service’s organization_id)',
    description:
      'Each resource declaring a table of a multi-table standard is one table; every reference its standard declares (a service’s organization_id to an organisation’s id, a service_at_location’s service_id and location_id) is looked up in the current data of the dataset’s resources declaring the referenced table. Broken references are named by the standard’s fields, with their row. The problems quote cells: this reads the data, under the same policy and audit as a validation report.',
    tags: ['Schemas'],
    auth: 'optional',
    parameters: ['dataset'],
    responses: { 200: jsonResponse('The checks made and the broken references.', ref('TableReferenceReport')), ...errors(404) },
    handler: async (c, { params }) => c.json(await checkTableReferences(c.var.domain, c.var.caller, params.dataset, routeName(c))),
  }),
];

import type { Urls } from '../http/urls';
import type { RouteDeclaration } from '../routes/declare';
import { type Json, optionalAuth } from './builders';
import { components } from './components';
import { pathsOf } from './paths';

/**
 * The OpenAPI 3.1 description of the exchange: its paths generated from the route declarations,
 * written in full (`/api/v1/...`) against the exchange's origin, so the DCAT feeds outside
 * /api/v1 fit in the same document.
 */
const generated = new WeakMap<RouteDeclaration[], Record<string, Json>>();
const pathsFor = (declarations: RouteDeclaration[]): Record<string, Json> => {
  let paths = generated.get(declarations);
  if (!paths) generated.set(declarations, (paths = pathsOf(declarations)));
  return paths;
};

export const openApiDocument = (urls: Urls, declarations: RouteDeclaration[]): Json => ({
  openapi: '3.1.0',
  info: {
    title: 'London Data Exchange API',
    version: '1.0.0',
    summary: "Open, shared and partner data from London's boroughs, TfL, the GLA and their partners.",
    description: [
      'Native REST API of the London Data Exchange. Every read goes through one tier policy: `open` data is public; `shared` datasets are listed publicly but their data is for the publisher and organisations holding an unexpired grant; `private` datasets are visible to their publisher only. Anything the caller may not see answers 404, exactly as if it did not exist.',
      'Errors always have the shape `{"error": {"code", "message", "details?"}}`. Records carry a `version`, sent as an ETag; updates honour If-Match.',
      'The same catalogue is also available as the CKAN Action API (`/api/3/action/…`), DCAT feeds (`/catalog/data.json`, `/catalog.jsonld`) and Frictionless data packages.',
    ].join('\n\n'),
    license: { name: 'MIT', identifier: 'MIT' },
  },
  jsonSchemaDialect: 'https://spec.openapis.org/oas/3.1/dialect/base',
  servers: [{ url: urls.page(''), description: 'This exchange' }],
  security: optionalAuth,
  tags: [
    { name: 'Datasets', description: 'The catalogue: search, read, publish and govern datasets.' },
    { name: 'Publishing', description: 'Resources, uploads and immutable versions.' },
    { name: 'Data', description: 'Downloads, row queries and validation reports: gated by the tier policy and audited for shared and private data.' },
    { name: 'Sharing', description: 'Grants, access requests, the audit log and the public sharing register.' },
    { name: 'Organisations', description: 'Publishers and consumers, and their API tokens.' },
    { name: 'People', description: 'Who you are, your personal tokens, and an organisation’s members and invitations.' },
    { name: 'Harvesting', description: 'Catalogues an organisation harvests metadata from (CKAN, DCAT-US, DCAT-AP, Socrata, OpenDataSoft), and their runs.' },
    { name: 'Schemas', description: 'Common data schemas and the metadata schemas (JSON Schema 2020-12).' },
    { name: 'Interoperability', description: 'DCAT-US, DCAT-AP and Frictionless descriptions of the catalogue.' },
    { name: 'Service', description: 'Health and this document.' },
  ],
  paths: pathsFor(declarations),
  components,
});

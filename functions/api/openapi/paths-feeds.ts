import { MAX_PAGE_SIZE } from '../../domain/dataset-listing';
import { errors, type Json, optionalAuth, ref } from './builders';

/** The DCAT feeds, outside /api/v1 where harvesters expect them. */
const paging = (defaultLimit: number): Json[] => [
  { name: 'page', in: 'query', description: '1-based page number.', schema: { type: 'integer', minimum: 1, default: 1 } },
  { name: 'limit', in: 'query', description: `Datasets per page, 1 to ${MAX_PAGE_SIZE}.`, schema: { type: 'integer', minimum: 1, maximum: MAX_PAGE_SIZE, default: defaultLimit } },
  { name: 'cursor', in: 'query', description: 'Set by `next` links so reading on never re-counts earlier pages.', schema: { type: 'string' } },
];
const jsonLd = (description: string): Json => ({ description, content: { 'application/ld+json': { schema: ref('JsonLdDocument') } } });
const linkHeader = { Link: { description: 'first, prev, next and last pages (RFC 8288).', schema: { type: 'string' } } };

export const feedPaths: Record<string, Json> = {
  '/catalog/data.json': {
    get: {
      tags: ['Interoperability'], operationId: 'dcatUsCatalog', summary: 'DCAT-US 1.1 catalogue (data.json)', security: optionalAuth,
      description: 'Every dataset the caller may see. accessLevel follows the tier (open: public, shared: restricted public, private: non-public). downloadURL appears only for data the caller may read; shared data offers an accessURL to its page instead.',
      parameters: paging(MAX_PAGE_SIZE),
      responses: { 200: { description: 'The catalogue page.', headers: linkHeader, content: { 'application/json': { schema: ref('DcatUsCatalog') } } }, ...errors(400) },
    },
  },
  '/catalog.jsonld': {
    get: {
      tags: ['Interoperability'], operationId: 'dcatApCatalog', summary: 'DCAT-AP catalogue as JSON-LD, paged with Hydra', security: optionalAuth,
      parameters: paging(100),
      responses: { 200: { ...jsonLd('A dcat:Catalog page with a hydra:PartialCollectionView (first, previous, next, last).'), headers: linkHeader }, ...errors(400) },
    },
  },
  '/dataset/{name}.jsonld': {
    get: {
      tags: ['Interoperability'], operationId: 'dcatApDataset', summary: 'One dataset as DCAT-AP JSON-LD', security: optionalAuth,
      parameters: [{ name: 'name', in: 'path', required: true, description: 'The dataset’s name or id.', schema: { type: 'string' }, example: 'london-borough-profiles' }],
      responses: { 200: jsonLd('The dcat:Dataset.'), ...errors(404) },
    },
  },
};

/**
 * Every API path and the methods it answers. The app answers any other method on these paths
 * with 405 and an Allow header; the OpenAPI document and its route-walk test read this table too.
 */
export const allowedMethods: Array<[path: string, methods: string[]]> = [
  ['/api/v1/health', ['GET']],
  ['/api/v1/organisations', ['GET', 'POST']],
  ['/api/v1/organisations/:org', ['GET']],
  ['/api/v1/organisations/:org/tokens', ['GET', 'POST']],
  ['/api/v1/organisations/:org/tokens/:tokenId', ['DELETE']],
  ['/api/v1/datasets', ['GET', 'POST']],
  ['/api/v1/datasets/:dataset', ['GET', 'PATCH', 'DELETE']],
  ['/api/v1/datasets/:dataset/resources', ['POST']],
  ['/api/v1/datasets/:dataset/resources/:resource', ['GET']],
  ['/api/v1/datasets/:dataset/resources/:resource/data', ['PUT']],
  ['/api/v1/datasets/:dataset/resources/:resource/uploads', ['POST']],
  ['/api/v1/datasets/:dataset/resources/:resource/uploads/:upload', ['GET']],
  ['/api/v1/datasets/:dataset/resources/:resource/versions', ['GET']],
  ['/api/v1/datasets/:dataset/resources/:resource/versions/:version/report', ['GET']],
  ['/api/v1/datasets/:dataset/resources/:resource/download', ['GET']],
  ['/api/v1/datasets/:dataset/resources/:resource/rows', ['GET']],
  ['/api/v1/datasets/:dataset/grants', ['GET', 'POST']],
  ['/api/v1/datasets/:dataset/grants/:org', ['DELETE']],
  ['/api/v1/datasets/:dataset/access-requests', ['GET', 'POST']],
  ['/api/v1/datasets/:dataset/access-requests/:request/approve', ['POST']],
  ['/api/v1/datasets/:dataset/access-requests/:request/decline', ['POST']],
  ['/api/v1/datasets/:dataset/audit', ['GET']],
  ['/api/v1/datasets/:dataset/datapackage.json', ['GET']],
  ['/api/v1/sharing-register', ['GET']],
  ['/api/v1/schemas', ['GET']],
  ['/api/v1/schemas/:schema', ['GET']],
  ['/api/v1/openapi.json', ['GET']],
];

import { openApiRoute } from './routes/api-docs';
import { datapackageRoutes } from './routes/datapackage';
import { datasetRoutes } from './routes/datasets';
import { dcatRoutes } from './routes/dcat';
import type { RouteDeclaration } from './routes/declare';
import { harvestSourceRoutes } from './routes/harvest-sources';
import { healthRoutes } from './routes/health';
import { multipartUploadRoutes } from './routes/multipart-uploads';
import { organisationRoutes } from './routes/organisations';
import { peopleRoutes } from './routes/people';
import { resourceRoutes } from './routes/resources';
import { mapRoutes } from './routes/maps';
import { rowRoutes } from './routes/rows';
import { schemaRoutes } from './routes/schemas';
import { schemaEventRoutes } from './routes/schema-events';
import { schemaReferenceRoutes } from './routes/schema-references';
import { schemaVersionRoutes } from './routes/schema-versions';
import { sharingRoutes } from './routes/sharing';
import { sharingRegisterRoutes } from './routes/sharing-register';
import { sqlRoutes } from './routes/sql';

/**
 * Every declared route (routes/declare.ts): the REST API and the DCAT feeds. The app registers
 * these, the OpenAPI document describes them and the 405 table lists their methods. Not here:
 * the CKAN Action API (CKAN's own envelope and actions) and the /api/docs pages.
 */
export const declaredRoutes: RouteDeclaration[] = [
  ...healthRoutes,
  ...organisationRoutes,
  ...peopleRoutes,
  ...harvestSourceRoutes,
  ...datasetRoutes,
  ...resourceRoutes,
  ...multipartUploadRoutes,
  ...rowRoutes,
  ...mapRoutes,
  ...sqlRoutes,
  ...sharingRoutes,
  ...sharingRegisterRoutes,
  ...schemaRoutes,
  ...schemaVersionRoutes,
  ...schemaEventRoutes,
  ...schemaReferenceRoutes,
  ...datapackageRoutes,
  openApiRoute(() => declaredRoutes),
  ...dcatRoutes,
];

import '../../observability/lambda-tracing'; // before the SDK clients are made: X-Ray captures them
import { urlsFor } from '../../api/http/urls';
import { readDeployedConfig } from '../../config';
import { log } from '../../observability/telemetry';
import { envNames } from '../../storage/layout';
import { createDeployedDomainContext } from '../../wiring';
import { type RelayOutcome, relaySchemaEvents } from './delivery';

/** The schema-event relay Lambda, on a schedule: writes any event a request did not, and sends every pending one. */
const config = readDeployedConfig();
if (!config.publicBaseUrl) throw new Error(`Missing environment variable ${envNames.publicBaseUrl}: the events' links are built from it`);
const domain = createDeployedDomainContext(config);
const urls = urlsFor(config.publicBaseUrl);

export const handler = async (): Promise<RelayOutcome> => {
  const outcome = await relaySchemaEvents(domain, urls);
  log().info('schema event relay', { ...outcome });
  return outcome;
};

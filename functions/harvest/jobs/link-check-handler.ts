import { readDeployedConfig } from '../../config';
import { log } from '../../observability/telemetry';
import { createDeployedDomainContext } from '../../wiring';
import { checkHarvestedLinks } from '../link-checker';

/** The link-checker Lambda, invoked by EventBridge Scheduler: one budgeted pass over the stalest links. */
const domain = createDeployedDomainContext(readDeployedConfig());

export const handler = async () => {
  // Stops starting visits well inside the function's 15-minute timeout, leaving time to write.
  const report = await checkHarvestedLinks(domain, { budgetMs: 11 * 60_000 });
  log().info('link check', { ...report });
  return report;
};

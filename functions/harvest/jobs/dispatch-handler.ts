import { SQSClient } from '@aws-sdk/client-sqs';
import { readDeployedConfig } from '../../config';
import { traced } from '../../observability/client-tracing';
import { log } from '../../observability/telemetry';
import { createDeployedDomainContext } from '../../wiring';
import { dispatchDueHarvests } from '../dispatch';
import { HARVEST_QUEUE_URL_ENV, sqsSendWork } from './harvest-queue';

/** The dispatch Lambda, invoked by EventBridge Scheduler: starts every due source's run (its first page queued). */
const config = readDeployedConfig();
const domain = createDeployedDomainContext(config);
const queueUrl = process.env[HARVEST_QUEUE_URL_ENV];
if (!queueUrl) throw new Error(`Missing environment variable ${HARVEST_QUEUE_URL_ENV}`);
const send = sqsSendWork(traced(new SQSClient({ region: config.region })), queueUrl);

export const handler = async (): Promise<{ started: number }> => {
  const { started } = await dispatchDueHarvests(domain, send);
  log().info('harvest dispatch', { started: started.length, runs: started });
  return { started: started.length };
};

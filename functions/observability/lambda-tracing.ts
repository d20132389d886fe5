import { Tracer } from '@aws-lambda-powertools/tracer';
import { installClientTracing } from './client-tracing';

/**
 * X-Ray for a Lambda function: imported by the handlers only, before they make their SDK clients.
 * Powertools turns tracing off outside Lambda and with POWERTOOLS_TRACE_ENABLED=false.
 */
export const tracer = new Tracer({ serviceName: process.env.POWERTOOLS_SERVICE_NAME });

installClientTracing((client) => tracer.captureAWSv3Client(client as never) as typeof client);

/** Runs `work` in a subsegment named `name` (a main span of the function); passes its result or error through. */
export const span = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
  const parent = tracer.getSegment();
  if (!tracer.isTracingEnabled() || !parent) return work();
  const sub = parent.addNewSubsegment(name);
  tracer.setSegment(sub);
  try {
    return await work();
  } catch (error) {
    tracer.addErrorAsMetadata(error as Error);
    throw error;
  } finally {
    sub.close();
    tracer.setSegment(parent);
  }
};

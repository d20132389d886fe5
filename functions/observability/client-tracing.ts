/**
 * Where SDK clients are made (storage/aws-clients.ts), they pass through this hook. It does
 * nothing until a Lambda handler installs X-Ray capture (lambda-tracing.ts), so local mode and
 * tests never load the tracer.
 */
type Instrument = <T>(client: T) => T;

let instrument: Instrument = (client) => client;

export const installClientTracing = (capture: Instrument): void => {
  instrument = capture;
};

export const traced = <T>(client: T): T => instrument(client);

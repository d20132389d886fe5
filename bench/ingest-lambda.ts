/**
 * The ingest Lambda's process in `npm run bench:ingest`'s `handler` mode, bundled by esbuild as
 * CDK bundles functions/ingest/handler.ts (bench/ingest-handler.ts builds and starts it):
 * evaluating the handler's module is the Lambda's init (config, SDK clients, DuckDB loaded), then
 * one S3 event (argv[2], JSON) is handled. Prints, as JSON on stdout, the handler's time, this
 * process's peak RSS (the kernel's high-water mark, init included: what Lambda reports as
 * "Max Memory Used"), RSS after init, and process.memoryUsage() at the highest sampled RSS.
 */
import type * as Handler from '../functions/ingest/handler';

let atPeak = process.memoryUsage();
const sample = () => {
  const now = process.memoryUsage();
  if (now.rss > atPeak.rss) atPeak = now;
};
const sampler = setInterval(sample, 20);

const main = async (): Promise<void> => {
  const initStarted = process.hrtime.bigint();
  // Here, not as an import: the bundle evaluates the handler's module at this line, as Lambda's init would.
  const { handler } = require('../functions/ingest/handler') as typeof Handler;
  const initMs = Number(process.hrtime.bigint() - initStarted) / 1e6;
  const afterInit = process.memoryUsage();
  const event = JSON.parse(process.argv[2]) as Parameters<typeof handler>[0];
  const cpuBefore = process.cpuUsage();
  const started = process.hrtime.bigint();
  const { outcomes } = (await handler(event)) as { outcomes: string[] };
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const cpu = process.cpuUsage(cpuBefore);
  clearInterval(sampler);
  sample();
  const mb = (bytes: number) => Math.round(bytes / 2 ** 20);
  process.stdout.write(
    JSON.stringify({
      outcomes,
      ms,
      initMs,
      cpuMs: (cpu.user + cpu.system) / 1000,
      // resourceUsage().maxRSS is in KiB (getrusage's ru_maxrss).
      peakRssMb: process.resourceUsage().maxRSS / 1024,
      afterInitRssMb: afterInit.rss / 2 ** 20,
      atPeakMb: { heapUsed: mb(atPeak.heapUsed), heapTotal: mb(atPeak.heapTotal), external: mb(atPeak.external), arrayBuffers: mb(atPeak.arrayBuffers) },
    }),
  );
  // The SDK's keep-alive sockets would hold the process open; a Lambda's process is frozen instead.
  process.exit(0);
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

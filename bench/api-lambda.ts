/**
 * The API Lambda's process in `npm run bench:coldstart` (bench/coldstart.ts builds and starts it):
 * argv[2] is functions/api/handler.ts bundled as CDK bundles it, in a file of its own as the
 * Lambda ships it; loading it (reading, compiling and evaluating the bundle) is the Lambda's init.
 * Then each request in argv[3] (JSON: [{ label, path }]) is handled in turn as an API Gateway HTTP
 * API event. Prints, as JSON on stdout, the init time (from before the require until the handler
 * is exported, the CPU time it took, and process.uptime() then, which includes node's own start),
 * RSS after init, and each request's status, time and CPU time, on the last line (the function's own log lines come before it).
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type * as Handler from '../functions/api/handler';
import { httpApiEvent } from '../test/support/api-gateway-event';

// LDX_BENCH_CPU_PROFILE=<folder>: writes a CPU profile of init and the requests there (node refuses --cpu-prof in
// NODE_OPTIONS, and the bench starts this process itself). Profiling slows what it measures: not for figures.
const profileFolder = process.env.LDX_BENCH_CPU_PROFILE;
const profiler = profileFolder ? new Session() : undefined;
if (profiler) {
  profiler.connect();
  profiler.post('Profiler.enable');
  profiler.post('Profiler.setSamplingInterval', { interval: 250 });
  profiler.post('Profiler.start');
}
const profileWritten = (): Promise<void> =>
  new Promise((resolve, reject) => {
    if (!profiler || !profileFolder) return resolve();
    profiler.post('Profiler.stop', (error, result) => {
      if (error) return reject(error);
      writeFileSync(join(profileFolder, `api-${process.pid}.cpuprofile`), JSON.stringify(result.profile));
      resolve();
    });
  });

const initStarted = performance.now();
const initCpu = process.cpuUsage();
const { handler } = require(process.argv[2]) as typeof Handler;
const initMs = performance.now() - initStarted;
const cpuMs = (since: NodeJS.CpuUsage) => {
  const { user, system } = process.cpuUsage(since);
  return (user + system) / 1000;
};
const initCpuMs = cpuMs(initCpu);
const uptimeAfterInitMs = process.uptime() * 1000;
const afterInitRssMb = process.memoryUsage().rss / 2 ** 20;

interface Request {
  label: string;
  path: string;
}

const main = async (): Promise<void> => {
  const requests = JSON.parse(process.argv[3]) as Request[];
  const answers: Array<{ label: string; status: number; ms: number; cpuMs: number; bytes: number }> = [];
  for (const { label, path } of requests) {
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    const result = (await handler(httpApiEvent('GET', path, { headers: { accept: 'application/json' } }) as never, {} as never)) as {
      statusCode: number;
      body?: string;
    };
    const ms = performance.now() - started;
    const cpu = cpuMs(cpuBefore);
    if (result.statusCode !== 200) throw new Error(`${label} (${path}) answered ${result.statusCode}: ${result.body?.slice(0, 300)}`);
    answers.push({ label, status: result.statusCode, ms, cpuMs: cpu, bytes: result.body?.length ?? 0 });
  }
  process.stdout.write(
    `\n${JSON.stringify({ initMs, initCpuMs, uptimeAfterInitMs, afterInitRssMb, rssAtEndMb: process.memoryUsage().rss / 2 ** 20, answers })}\n`,
  );
  await profileWritten();
  // The SDK's keep-alive sockets would hold the process open; a Lambda's process is frozen instead.
  process.exit(0);
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

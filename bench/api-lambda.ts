/**
 * The API Lambda's process in `npm run bench:coldstart`, bundled by esbuild as CDK bundles
 * functions/api/handler.ts (bench/coldstart.ts builds and starts it): evaluating the handler's
 * module is the Lambda's init, then each request in argv[2] (JSON: [{ label, path }]) is handled
 * in turn as an API Gateway HTTP API event. Prints, as JSON on stdout, the init time (from this
 * module's first line until the handler's module is evaluated, and process.uptime() then, which
 * includes node's own start), RSS after init, and each request's status and time.
 */
import { performance } from 'node:perf_hooks';
import type * as Handler from '../functions/api/handler';
import { httpApiEvent } from '../test/support/api-gateway-event';

const initStarted = performance.now();
// Here, not as an import: the bundle evaluates the handler's module at this line, as Lambda's init would.
const { handler } = require('../functions/api/handler') as typeof Handler;
const initMs = performance.now() - initStarted;
const uptimeAfterInitMs = process.uptime() * 1000;
const afterInitRssMb = process.memoryUsage().rss / 2 ** 20;

interface Request {
  label: string;
  path: string;
}

const main = async (): Promise<void> => {
  const requests = JSON.parse(process.argv[2]) as Request[];
  const answers: Array<{ label: string; status: number; ms: number; bytes: number }> = [];
  for (const { label, path } of requests) {
    const started = performance.now();
    const result = (await handler(httpApiEvent('GET', path, { headers: { accept: 'application/json' } }) as never, {} as never)) as { statusCode: number; body?: string };
    const ms = performance.now() - started;
    if (result.statusCode !== 200) throw new Error(`${label} (${path}) answered ${result.statusCode}: ${result.body?.slice(0, 300)}`);
    answers.push({ label, status: result.statusCode, ms, bytes: result.body?.length ?? 0 });
  }
  process.stdout.write(JSON.stringify({ initMs, uptimeAfterInitMs, afterInitRssMb, rssAtEndMb: process.memoryUsage().rss / 2 ** 20, answers }));
  // The SDK's keep-alive sockets would hold the process open; a Lambda's process is frozen instead.
  process.exit(0);
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

import { PerformanceObserver } from 'node:perf_hooks';
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';

/** The young generation's cap (per semi-space) and the old generation's growth factor. */
const MAX_SEMI_SPACE_MB = 16;
const OLD_GROWTH_FACTOR = 2;

/**
 * Bounds the V8 heap of the ingest Lambda, whose peak RSS otherwise grows with the file's size
 * (bench:ingest, handler mode, which runs the handler with the runtime's flags). The flags
 * changed here are ones V8 reads at each resize, so setting them after start-up takes effect.
 *
 * - Young generation: Lambda's Node.js runtime starts node with `--max-semi-space-size` =
 *   memory / 20 on its own command line (150 MB at 3008 MB, which V8 rounds up to 256), after
 *   and so over any NODE_OPTIONS. V8 doubles the semi-spaces whenever enough has survived
 *   scavenges since the last doubling, so in a long streaming ingest they kept doubling with
 *   the file's size (2 x 128 MB by 1M rows: +72 MB of peak RSS against Node's usual 16 MB cap,
 *   for no gain in speed). After each GC, growth is turned off (`--semi-space-growth-factor=1`)
 *   once the new space reaches 2 x MAX_SEMI_SPACE_MB, and on again (V8's 2) if the memory
 *   reducer ever shrinks it below that, so scavenges never get stuck with a small new space.
 * - Old generation: V8 lets it grow to up to 4x what was live after the last full GC before
 *   collecting again, and the promoted garbage of a streaming pass fills it (heap up to 126 MB
 *   on 3M rows). A fixed factor of OLD_GROWTH_FACTOR keeps it near twice the live heap: -33 to
 *   -55 MB of peak RSS on 3M rows, CPU time within the noise (0-5%).
 *
 * Both together: 275 -> 217 MB on 1M rows, 363 -> 219 MB on 3M (handler mode).
 *
 * Best effort: the observer runs between event-loop turns, so a long stretch of synchronous
 * work could still double the young generation (the streaming ingest yields per chunk). The
 * figures are from Node 20 on this machine; the Lambda runs Node 24, where V8 may treat flags
 * changed after start-up differently. A sure alternative is an AWS_LAMBDA_EXEC_WRAPPER script
 * that puts the flags on node's command line after the runtime's own.
 */
export function boundLambdaHeap(): void {
  setFlagsFromString(`--heap-growing-percent=${Math.round((OLD_GROWTH_FACTOR - 1) * 100)}`);
  // The new space's size counts both semi-spaces.
  const cap = 2 * MAX_SEMI_SPACE_MB * 2 ** 20;
  let growing = true;
  const adjust = () => {
    const newSpace = getHeapSpaceStatistics().find((space) => space.space_name === 'new_space');
    if (!newSpace) return;
    const shouldGrow = newSpace.space_size < cap;
    if (shouldGrow === growing) return;
    setFlagsFromString(`--semi-space-growth-factor=${shouldGrow ? 2 : 1}`);
    growing = shouldGrow;
  };
  new PerformanceObserver(adjust).observe({ entryTypes: ['gc'] });
}

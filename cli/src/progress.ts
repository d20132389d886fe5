import { SingleBar } from 'cli-progress';
import { formatBytes, type Output } from './output';

/**
 * Upload progress. On a terminal: a bar redrawn in place (cli-progress, on stderr). Elsewhere
 * (a pipe, a CI log): a plain line at each quarter reached, so a log shows progress without control
 * characters. Nothing in --json mode, whose stdout is the result alone.
 */
export interface Progress {
  advance: (bytes: number) => void;
  /** Bytes already there before this run (parts stored by an earlier, interrupted run). */
  skip: (bytes: number) => void;
  stop: () => void;
}

const QUARTERS = [25, 50, 75, 100];

export const startProgress = (out: Output, label: string, total: number): Progress => {
  if (out.json) return { advance: () => {}, skip: () => {}, stop: () => {} };
  if (out.interactive) {
    const bar = new SingleBar({
      stream: process.stderr,
      format: `${label} [{bar}] {percentage}% | {done} of {size}`,
      barCompleteChar: '#',
      barIncompleteChar: '-',
      hideCursor: true,
      clearOnComplete: false,
      fps: 10,
    });
    let value = 0;
    bar.start(total, 0, { done: formatBytes(0), size: formatBytes(total) });
    const move = (bytes: number) => {
      value += bytes;
      bar.update(value, { done: formatBytes(value) });
    };
    return { advance: move, skip: move, stop: () => bar.stop() };
  }
  let value = 0;
  let next = 0;
  // One line per quarter reached; a jump past several (a small file read at once) prints only the last.
  const report = () => {
    const percent = total === 0 ? 100 : Math.floor((value / total) * 100);
    let reached = next;
    while (reached < QUARTERS.length && percent >= QUARTERS[reached]) reached++;
    if (reached === next) return;
    next = reached;
    out.note(`${label}: ${QUARTERS[reached - 1]}% (${formatBytes(value)} of ${formatBytes(total)})`);
  };
  return {
    advance: (bytes) => {
      value += bytes;
      report();
    },
    skip: (bytes) => {
      value += bytes;
      report();
    },
    stop: () => {},
  };
};

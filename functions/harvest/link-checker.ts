import type { DomainContext } from '../domain/context';
import { DATASETS, type Dataset } from '../domain/datasets';
import { listAll } from '../storage/catalogue-store';
import { writeLinkHealth } from './link-health-writes';
import { type LinkHealth, visitLink } from './link-check';

/**
 * The scheduled link checker: visits the harvested distribution URLs least recently checked, and
 * records each one's health on the datasets that link to it (with each dataset's overdue flag).
 * Politeness: at most `perHost` requests at once to one host (2), `concurrency` in all; a 429 or
 * 503 pauses that host for its Retry-After (30 s when it gives none) and the link is tried once
 * more, unless the pause would pass `maxWaitMs` or the run's budget: then the host is left for the
 * next run and its links keep their last health. A URL linked from several datasets is visited once.
 */

export interface LinkCheckOptions {
  /** A link checked more recently than this is not checked again. */
  recheckAfterMs?: number;
  /** Links visited in one run, stalest first. */
  maxLinks?: number;
  perHost?: number;
  concurrency?: number;
  /** The longest Retry-After the run waits out. */
  maxWaitMs?: number;
  /** No visit starts after this long. */
  budgetMs?: number;
  allowHosts?: readonly string[];
  timeoutMs?: number;
}

export interface LinkCheckReport {
  checked: number;
  dead: number;
  /** Hosts that answered 429/503 until the run left them. */
  hostsLeftBusy: string[];
  datasetsUpdated: number;
}

const DEFAULT_RETRY_AFTER_MS = 30_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const isChecked = (dataset: Dataset): boolean =>
  !!dataset.provenance &&
  !dataset.deletedAt &&
  !dataset.provenance.withdrawnAt &&
  !dataset.provenance.duplicateOf &&
  (dataset.linkedResources?.length ?? 0) > 0;

/** The URLs due for a check, stalest (never checked) first. */
const dueUrls = (datasets: Dataset[], now: Date, recheckAfterMs: number, maxLinks: number): string[] => {
  const lastChecked = new Map<string, string>();
  for (const dataset of datasets) {
    for (const resource of dataset.linkedResources ?? []) {
      const at = resource.check?.checkedAt ?? '';
      const known = lastChecked.get(resource.url);
      if (known === undefined || at < known) lastChecked.set(resource.url, at);
    }
  }
  return [...lastChecked]
    .filter(([, at]) => at === '' || now.getTime() - Date.parse(at) >= recheckAfterMs)
    .sort(([, a], [, b]) => (a < b ? -1 : a > b ? 1 : 0))
    .slice(0, maxLinks)
    .map(([url]) => url);
};

const hostOf = (url: string): string => {
  try {
    return new URL(url).host;
  } catch {
    return '';
  }
};

/** A counting semaphore: the run's overall cap. */
class Slots {
  private waiting: Array<() => void> = [];
  constructor(private free: number) {}
  async take(): Promise<void> {
    if (this.free > 0) {
      this.free--;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }
  give(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.free++;
  }
}

export const checkHarvestedLinks = async (ctx: DomainContext, options: LinkCheckOptions = {}): Promise<LinkCheckReport> => {
  const started = ctx.now().getTime();
  const deadline = started + (options.budgetMs ?? 12 * 60_000);
  const maxWaitMs = options.maxWaitMs ?? 60_000;
  const datasets = (await listAll<Dataset>(ctx.catalogue, DATASETS)).map((d) => d.value).filter(isChecked);
  const urls = dueUrls(datasets, ctx.now(), options.recheckAfterMs ?? 24 * 3_600_000, options.maxLinks ?? 5_000);

  const byHost = new Map<string, string[]>();
  for (const url of urls) {
    const host = hostOf(url);
    const list = byHost.get(host);
    if (list) list.push(url);
    else byHost.set(host, [url]);
  }

  const results = new Map<string, LinkHealth>();
  const hostsLeftBusy: string[] = [];
  const slots = new Slots(options.concurrency ?? 8);
  const visit = (url: string) => visitLink(url, { allowHosts: options.allowHosts, timeoutMs: options.timeoutMs, now: ctx.now });

  const workHost = async (host: string, queue: string[]): Promise<void> => {
    let resumeAt = 0;
    let leftBusy = false;
    const lane = async (): Promise<void> => {
      for (let url = queue.shift(); url !== undefined && !leftBusy; url = queue.shift()) {
        for (let attempt = 1; ; attempt++) {
          const wait = resumeAt - Date.now();
          if (wait > 0) await sleep(wait);
          if (leftBusy || Date.now() >= deadline) return;
          await slots.take();
          let outcome: Awaited<ReturnType<typeof visit>>;
          try {
            outcome = await visit(url);
          } finally {
            slots.give();
          }
          if (outcome.kind === 'checked') {
            results.set(url, outcome.health);
            break;
          }
          const pause = outcome.retryAfterMs ?? DEFAULT_RETRY_AFTER_MS;
          if (attempt >= 2 || pause > maxWaitMs || Date.now() + pause >= deadline) {
            leftBusy = true;
            return;
          }
          resumeAt = Math.max(resumeAt, Date.now() + pause);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, options.perHost ?? 2) }, lane));
    if (leftBusy) hostsLeftBusy.push(host);
  };
  await Promise.all([...byHost].map(([host, queue]) => workHost(host, queue)));

  let datasetsUpdated = 0;
  for (const dataset of datasets) {
    if (await writeLinkHealth(ctx, dataset, results)) datasetsUpdated++;
  }
  return {
    checked: results.size,
    dead: [...results.values()].filter((h) => !h.ok).length,
    hostsLeftBusy: hostsLeftBusy.sort(),
    datasetsUpdated,
  };
};

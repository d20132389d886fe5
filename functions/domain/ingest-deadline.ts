/**
 * How long one ingest attempt may keep a version `validating`. The ingest Lambda is stopped
 * after 15 minutes (infra/constructs/ingest.ts), so an attempt still unfinished after that
 * is dead: the default gives it five minutes more. Past the deadline the version is failed
 * ("did not finish in time"), on read and by the sweep.
 * `LDX_INGEST_DEADLINE_SECONDS` overrides it (tests use a few seconds).
 */
export const DEFAULT_INGEST_DEADLINE_SECONDS = 20 * 60;

export const ingestDeadlineMs = (env: NodeJS.ProcessEnv = process.env): number => {
  const raw = env.LDX_INGEST_DEADLINE_SECONDS;
  if (raw === undefined || raw === '') return DEFAULT_INGEST_DEADLINE_SECONDS * 1000;
  const seconds = Number(raw);
  if (!Number.isFinite(seconds) || seconds <= 0) throw new Error(`LDX_INGEST_DEADLINE_SECONDS must be a positive number of seconds, not '${raw}'`);
  return seconds * 1000;
};

/** The deadline of an attempt starting at `now`. */
export const ingestDeadline = (now: Date): string => new Date(now.getTime() + ingestDeadlineMs()).toISOString();

/** The words a publisher reads when an attempt ran past its deadline. */
export const overdueMessage = (): string => {
  const minutes = Math.max(1, Math.round(ingestDeadlineMs() / 60_000));
  return (
    `Processing did not finish in time: the exchange stopped working on this file before it was done (it allows ${minutes} minute${minutes === 1 ? '' : 's'}). ` +
    'Nothing was published from it. Upload it again; if it fails again, the file may be too large to process in one piece.'
  );
};

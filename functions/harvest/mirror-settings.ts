/**
 * Mirror mode's settings on a harvest source. Files are read whole into memory by the outbound
 * fetcher (functions/outbound/fetch.ts) before they go to the uploads bucket, so the per-file cap
 * is also the harvester's memory bound: the hard maximum stays well inside its 1 GiB.
 */

export const DEFAULT_MIRROR_MAX_FILE_BYTES = 25 * 1024 * 1024;
export const MIRROR_HARD_MAX_FILE_BYTES = 100 * 1024 * 1024;

export interface MirrorSettings {
  /** The largest file copied; a larger one stays a link and is an error in the run report. */
  maxFileBytes: number;
}

/**
 * The settings of a source in mirror mode, defaults filled in; undefined in link mode (settings
 * sent with link mode are dropped: they would do nothing). The request schema has checked the shape.
 */
export const mirrorSettingsOf = (mode: unknown, input: unknown): MirrorSettings | undefined => {
  if (mode !== 'mirror') return undefined;
  const given = (input as { maxFileBytes?: number } | undefined)?.maxFileBytes;
  return { maxFileBytes: Math.min(given ?? DEFAULT_MIRROR_MAX_FILE_BYTES, MIRROR_HARD_MAX_FILE_BYTES) };
};

/**
 * Fault injection for the fault tests (test/faults/): when LDX_FAULT_POINT names a point, the
 * process kills itself there with SIGKILL, as a crash or a Lambda stopped mid-invocation
 * would, so the tests can prove that a restart ends the upload. Unset (always, outside those
 * tests), a fault point does nothing.
 */
export type FaultPoint =
  /** The version's files and report are stored; its record still says validating. */
  | 'after-version-files'
  /** The version's record is final; the resource's pointer has not moved yet. */
  | 'after-version-record';

export const faultPoint = (point: FaultPoint): void => {
  if (process.env.LDX_FAULT_POINT !== point) return;
  console.error(`fault point ${point}: killing this process`);
  process.kill(process.pid, 'SIGKILL');
};

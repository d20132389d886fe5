/**
 * Runs jobs one at a time in arrival order, like the single-writer queues used in AWS. Failures
 * are reported and do not stop later jobs. `idle()` resolves when nothing is queued or running.
 */
export class SerialQueue {
  private tail: Promise<void> = Promise.resolve();
  private pending = 0;
  private waiters: Array<() => void> = [];

  constructor(private readonly onError: (error: unknown) => void) {}

  push(job: () => Promise<unknown>): void {
    this.pending++;
    this.tail = this.tail
      .then(job)
      .then(
        () => undefined,
        (error: unknown) => this.onError(error),
      )
      .finally(() => {
        this.pending--;
        if (this.pending === 0) this.waiters.splice(0).forEach((resolve) => resolve());
      });
  }

  idle(): Promise<void> {
    return this.pending === 0 ? Promise.resolve() : new Promise((resolve) => this.waiters.push(resolve));
  }
}

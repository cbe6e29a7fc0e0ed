import { backoffDelayMs } from '../core/vault/unlock-backoff-delay';

export { backoffDelayMs };

/** The app's back-off, in memory: the window process lives as long as the attempts it counts. */
export class UnlockBackoff {
  private failures = 0;
  private lastFailureAt = 0;

  constructor(private readonly now: () => number) {}

  /** Milliseconds until the next attempt is accepted (0 = now). */
  remainingMs(): number {
    if (this.failures === 0) return 0;
    return Math.max(0, this.lastFailureAt + backoffDelayMs(this.failures) - this.now());
  }

  recordFailure(): void {
    this.failures++;
    this.lastFailureAt = this.now();
  }

  reset(): void {
    this.failures = 0;
    this.lastFailureAt = 0;
  }
}

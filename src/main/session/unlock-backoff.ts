/** Failed unlock attempts wait 1 s, 2 s, 4 s, ... up to 30 s before the next attempt is accepted. */
export const BACKOFF_CAP_MS = 30_000;

export function backoffDelayMs(failures: number): number {
  if (failures <= 0) return 0;
  return Math.min(BACKOFF_CAP_MS, 1000 * 2 ** (failures - 1));
}

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

import { existsSync, rmSync } from 'node:fs';
import { readBoundedFile } from '../fs/read-bounded';
import { join } from 'node:path';
import { VaultError } from '../../../shared/errors';
import { writeFileAtomic } from '../fs/atomic-write';
import { backoffDelayMs } from './unlock-backoff-delay';

export const UNLOCK_ATTEMPTS_FILE = 'unlock-attempts.json';

interface Attempts {
  failures: number;
  lastFailureAt: number;
}

/**
 * Back-off across separate CLI runs: the count of failed unlocks lives in the vault folder (not secret: a number and
 * a time), so a script guessing passwords in a loop waits 1 s, 2 s, 4 s ... 30 s between tries.
 */
export class UnlockAttempts {
  private readonly path: string;

  constructor(
    vaultDir: string,
    private readonly now: () => number = Date.now,
  ) {
    this.path = join(vaultDir, UNLOCK_ATTEMPTS_FILE);
  }

  private read(): Attempts {
    if (!existsSync(this.path)) return { failures: 0, lastFailureAt: 0 };
    try {
      const parsed = JSON.parse(
        readBoundedFile(this.path, { maxBytes: 4096, what: 'unlock-attempts.json' }).toString('utf8'),
      ) as Partial<Attempts>;
      const failures = Number.isInteger(parsed.failures) ? Math.max(0, parsed.failures!) : 0;
      const lastFailureAt = Number.isFinite(parsed.lastFailureAt) ? parsed.lastFailureAt! : 0;
      return { failures, lastFailureAt };
    } catch {
      return { failures: 1, lastFailureAt: this.now() };
    }
  }

  remainingMs(): number {
    const { failures, lastFailureAt } = this.read();
    return Math.max(0, lastFailureAt + backoffDelayMs(failures) - this.now());
  }

  /** Refuse at once (no sleeping) while the wait is not over. */
  assertMayTry(): void {
    const remaining = this.remainingMs();
    if (remaining > 0) {
      throw new VaultError(
        'WRONG_PASSWORD',
        `Too many wrong attempts: wait ${Math.ceil(remaining / 1000)} s before trying again.`,
      );
    }
  }

  recordFailure(): void {
    const { failures } = this.read();
    try {
      writeFileAtomic(this.path, JSON.stringify({ failures: failures + 1, lastFailureAt: this.now() }));
    } catch {
      // A read-only vault folder cannot count attempts; the KDF's cost still slows guessing.
    }
  }

  reset(): void {
    if (existsSync(this.path)) rmSync(this.path, { force: true });
  }
}

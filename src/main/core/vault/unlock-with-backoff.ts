import { VaultError } from '../../../shared/errors';
import { UnlockAttempts } from './unlock-attempts';

/**
 * The one unlock back-off policy, for the app and the CLI alike: the count of failed attempts lives in the vault
 * folder (src/main/core/vault/unlock-attempts.ts), so neither an app restart nor a new CLI process resets it.
 * While a wait runs, an attempt is refused at once; a wrong password or recovery key is counted and says how long
 * to wait; a success clears the count.
 */
export async function withUnlockBackoff<T>(
  vaultDir: string,
  attempt: () => Promise<T>,
  now: () => number = Date.now,
): Promise<T> {
  const attempts = new UnlockAttempts(vaultDir, now);
  attempts.assertMayTry();
  try {
    const result = await attempt();
    attempts.reset();
    return result;
  } catch (error) {
    if (error instanceof VaultError && error.code === 'WRONG_PASSWORD') {
      attempts.recordFailure();
      const wait = Math.ceil(attempts.remainingMs() / 1000);
      throw new VaultError('WRONG_PASSWORD', `${error.message} Try again in ${wait} s.`);
    }
    throw error;
  }
}

/** Seconds before the next unlock of this vault is accepted (0: now). */
export function unlockRetryAfterSeconds(vaultDir: string, now: () => number = Date.now): number {
  return Math.ceil(new UnlockAttempts(vaultDir, now).remainingMs() / 1000);
}

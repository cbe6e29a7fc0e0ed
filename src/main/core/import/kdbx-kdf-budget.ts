import { VaultError } from '../../../shared/errors';
import { IMPORT_LIMITS } from './import-limits';

/** The key derivation a .kdbx header asks for, as read before anything is derived. */
export type KdbxKdfCost =
  | { kdf: 'argon2'; memoryKiB: number; iterations: number; parallelism: number }
  | { kdf: 'aes'; rounds: number };

/** How an admin lowers the cost where the database was made. */
const HOW_TO_LOWER =
  'lower it in KeePassXC (Database > Database Security > Encryption settings), save, and import again';

function describe(cost: KdbxKdfCost): string {
  return cost.kdf === 'aes'
    ? `${cost.rounds.toLocaleString('en-US')} AES-KDF rounds; at most ${IMPORT_LIMITS.maxAesKdfRounds.toLocaleString('en-US')} are accepted`
    : `Argon2 with ${Math.round(cost.memoryKiB / 1024)} MiB, ${cost.iterations} passes and parallelism ${cost.parallelism}; at most ${IMPORT_LIMITS.maxArgon2MemoryKiB / 1024} MiB, ${IMPORT_LIMITS.maxArgon2Iterations} passes, parallelism ${IMPORT_LIMITS.maxArgon2Parallelism} and ${IMPORT_LIMITS.maxArgon2MemoryTimesPassesKiB / 1024} MiB times passes are accepted`;
}

function withinBudget(cost: KdbxKdfCost): boolean {
  if (cost.kdf === 'aes') return cost.rounds <= IMPORT_LIMITS.maxAesKdfRounds;
  return (
    cost.memoryKiB <= IMPORT_LIMITS.maxArgon2MemoryKiB &&
    cost.iterations <= IMPORT_LIMITS.maxArgon2Iterations &&
    cost.parallelism <= IMPORT_LIMITS.maxArgon2Parallelism &&
    cost.memoryKiB * cost.iterations <= IMPORT_LIMITS.maxArgon2MemoryTimesPassesKiB
  );
}

/**
 * Refuses a key derivation costlier than IMPORT_LIMITS allows. It runs before the password can be checked, so a
 * hostile file would otherwise cost minutes and gigabytes whatever password is typed.
 */
export function assertKdfWithinBudget(cost: KdbxKdfCost, what: string): void {
  if (withinBudget(cost)) return;
  throw new VaultError(
    'INVALID_INPUT',
    `${what} asks for more key-derivation work than Token Vault accepts (${describe(cost)}): ${HOW_TO_LOWER}.`,
  );
}

/** The sentence for a derivation the computer had no memory for: not a damaged file, and not a wrong password. */
export function kdfOutOfMemoryError(memoryKiB: number, what: string, cause: unknown): VaultError {
  return new VaultError(
    'IO',
    `There was not enough free memory for the key derivation of ${what} (${Math.round(memoryKiB / 1024)} MiB): close other programs and try again, or ${HOW_TO_LOWER}.`,
    { cause },
  );
}

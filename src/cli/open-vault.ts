import { keychainUnlock } from '../main/core/keychain/keychain-unlock';
import { systemSecretStore } from '../main/core/keychain/secret-store';
import { withUnlockBackoff as withCoreBackoff } from '../main/core/vault/unlock-with-backoff';
import { Vault, type Unlock } from '../main/core/vault/vault';
import { readFirstLine, readSecret } from './password-input';
import { PASSWORD_FILE_ENV, type UnlockOptions } from './unlock-options';

export async function unlockFromOptions(path: string, options: UnlockOptions): Promise<Unlock> {
  if (options.keychain) return keychainUnlock(path, systemSecretStore());
  if (options.recoveryKeyFile) return { recoveryKey: readFirstLine(options.recoveryKeyFile, 'recovery key') };
  const password = await readSecret(
    { file: options.passwordFile, envVariable: PASSWORD_FILE_ENV, what: 'master password' },
    'Master password: ',
  );
  return { password };
}

/**
 * Run `use` with the unlock the options describe, under core's one back-off policy
 * (src/main/core/vault/unlock-with-backoff.ts): refused before any prompt while a wait runs.
 */
export function withUnlockBackoff<T>(
  path: string,
  options: UnlockOptions,
  use: (unlock: Unlock) => Promise<T>,
): Promise<T> {
  return withCoreBackoff(path, async () => use(await unlockFromOptions(path, options)));
}

export function openVault(path: string, options: UnlockOptions): Promise<Vault> {
  return withUnlockBackoff(path, options, (unlock) => Vault.open(path, unlock));
}

/** Unlock, run, and always lock again (closing the database and zeroing the key), also when `run` fails. */
export async function withVault<T>(
  path: string,
  options: UnlockOptions,
  run: (vault: Vault) => Promise<T> | T,
): Promise<T> {
  const vault = await openVault(path, options);
  // A demo vault says so on every command, on stderr so that output for scripts (stdout, --json) stays the same.
  if (vault.info().demo) process.stderr.write('DEMO vault: every token in it is fake.\n');
  try {
    return await run(vault);
  } finally {
    vault.lock();
  }
}

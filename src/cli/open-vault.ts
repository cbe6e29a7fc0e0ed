import { Vault, type Unlock } from '../main/core/vault/vault';
import { readFirstLine, readSecret } from './password-input';
import { PASSWORD_FILE_ENV, type UnlockOptions } from './unlock-options';

export async function unlockFromOptions(options: UnlockOptions): Promise<Unlock> {
  if (options.recoveryKeyFile) return { recoveryKey: readFirstLine(options.recoveryKeyFile, 'recovery key') };
  const password = await readSecret(
    { file: options.passwordFile, envVariable: PASSWORD_FILE_ENV, what: 'master password' },
    'Master password: ',
  );
  return { password };
}

/** Unlock, run, and always lock again (closing the database and zeroing the key), also when `run` fails. */
export async function withVault<T>(
  path: string,
  options: UnlockOptions,
  run: (vault: Vault) => Promise<T> | T,
): Promise<T> {
  const vault = await Vault.open(path, await unlockFromOptions(options));
  try {
    return await run(vault);
  } finally {
    vault.lock();
  }
}

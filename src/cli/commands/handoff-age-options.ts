import { readIdentityFile } from '../../main/core/age/identity-file';
import { readAgeBundle } from '../../main/core/handoff/age-bundle';
import type { HandoffDocument } from '../../shared/handoff-format';
import { withVault } from '../open-vault';
import type { UnlockOptions } from '../unlock-options';
import { UsageError } from '../usage-error';

export interface AgeOpenOptions extends UnlockOptions {
  identityVault?: string;
  identityFile?: string;
  bundlePasswordFile?: string;
}

/** `handoff open` of an age file: decrypted with one vault's age key or with an age-keygen identity file. */
export async function openAgeBundleWith(
  bytes: Uint8Array,
  options: AgeOpenOptions,
): Promise<HandoffDocument> {
  if (options.bundlePasswordFile)
    throw new UsageError(
      'This is an age-encrypted bundle, which has no password: leave out --bundle-password-file.',
    );
  if (Boolean(options.identityVault) === Boolean(options.identityFile))
    throw new UsageError(
      'This is an age-encrypted bundle: give --identity-vault VAULT (the vault whose key it was sent to) or --identity-file F, one of them.',
    );
  if (options.identityFile) return readAgeBundle(bytes, readIdentityFile(options.identityFile));
  return withVault(options.identityVault!, options, (vault) => vault.handoffs.openWithVaultKey(bytes));
}

/** Identity options on a password ZIP are a mistake worth a sentence, not silence. */
export function refuseIdentityOptionsForZip(options: AgeOpenOptions): void {
  if (options.identityVault || options.identityFile)
    throw new UsageError(
      '--identity-vault and --identity-file are for age bundles; this file is a password-protected ZIP.',
    );
}

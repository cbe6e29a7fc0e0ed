import type { BundleKey } from '../../main/core/handoff/open-bundle';
import { withVault } from '../open-vault';
import { readSecret } from '../password-input';
import type { UnlockOptions } from '../unlock-options';
import { UsageError } from '../usage-error';

export interface BundleKeyOptions extends UnlockOptions {
  identityVault?: string;
  identityFile?: string;
  bundlePasswordFile?: string;
}

/**
 * The key `handoff open` was given, for core's openBundleFile (src/main/core/handoff/open-bundle.ts), which says
 * what a key of the wrong kind for the file is. Each key is used only once the file is known to need it: the
 * password prompt and the unlock of --identity-vault come after the file was read and checked.
 */
export function bundleKeyFromOptions(options: BundleKeyOptions): BundleKey {
  const given = [options.bundlePasswordFile, options.identityVault, options.identityFile].filter(Boolean);
  if (given.length > 1)
    throw new UsageError(
      'Give one key: --bundle-password-file F (a password ZIP), or --identity-vault VAULT or --identity-file F (an age file).',
    );
  if (options.identityFile) return { kind: 'identity-file', path: options.identityFile };
  const identityVault = options.identityVault;
  if (identityVault)
    return {
      kind: 'vault-identity',
      identity: {
        secretKeyForDecryption: () =>
          withVault(identityVault, options, (vault) => vault.identity.secretKeyForDecryption()),
      },
    };
  return {
    kind: 'password',
    password: () =>
      readSecret({ file: options.bundlePasswordFile, what: 'bundle password' }, 'Bundle password: '),
  };
}

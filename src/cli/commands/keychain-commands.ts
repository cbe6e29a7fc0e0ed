import { keychainStatus } from '../../main/core/keychain/keychain-unlock';
import { setKeychainUnlock } from '../../main/core/keychain/set-keychain-unlock';
import { systemSecretStore } from '../../main/core/keychain/secret-store';
import { printJson, printLine } from '../output';
import { withVault } from '../open-vault';
import { addUnlockOptions, type UnlockOptions } from '../unlock-options';
import type { CliGroups } from './cli-groups';

const STATUS_SENTENCES = {
  enabled: 'Keychain unlock is on: --keychain opens this vault without the password.',
  disabled: 'Keychain unlock is off for this vault.',
  stale:
    'Keychain unlock is stale: the keychain entry was removed outside Token Vault. Run "tokenvault keychain disable" to remove the slot.',
  unavailable:
    'Keychain unlock is on, but no system keychain is reachable right now; the master password still works.',
} as const;

export function registerKeychainCommands(groups: CliGroups): void {
  addUnlockOptions(
    groups.keychain
      .command('enable')
      .description('unlock this vault through the OS keychain from now on')
      .argument('<vault>'),
  ).action(async (path: string, options: UnlockOptions) => {
    await withVault(path, options, (vault) => setKeychainUnlock(vault, systemSecretStore(), true));
    printLine('Keychain unlock is on.');
  });

  addUnlockOptions(
    groups.keychain
      .command('disable')
      .description('delete the keychain entry and its key slot')
      .argument('<vault>'),
  ).action(async (path: string, options: UnlockOptions) => {
    const removed = await withVault(path, options, (vault) =>
      setKeychainUnlock(vault, systemSecretStore(), false),
    );
    printLine(
      removed
        ? 'Keychain unlock is off; the keychain entry and its slot are deleted.'
        : 'Keychain unlock was already off.',
    );
  });

  groups.keychain
    .command('status')
    .description('enabled, disabled, stale or unavailable (no password needed)')
    .argument('<vault>')
    .option('--json', 'print JSON')
    .action(async (path: string, options: { json?: boolean }) => {
      const status = await keychainStatus(path, systemSecretStore());
      if (options.json) printJson({ status });
      else printLine(STATUS_SENTENCES[status]);
    });
}

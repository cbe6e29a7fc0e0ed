import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { VaultError } from '../../shared/errors';
import { listBackups } from '../../main/core/db/backups';
import { restoreFromBackup } from '../../main/core/vault/restore';
import { printJson, printLine, printTable } from '../output';
import { withUnlockBackoff, withVault } from '../open-vault';
import { addUnlockOptions, type UnlockOptions } from '../unlock-options';
import type { CliGroups } from './cli-groups';

/** backup, backups, restore: encrypted copies of vault.db in the vault's backups/ folder. */
export function registerBackupCommands(_groups: CliGroups, program: Command): void {
  addUnlockOptions(
    program
      .command('backup')
      .description('make an encrypted copy of vault.db in backups/')
      .argument('<vault>')
      .option('--json', 'print { file, sizeBytes, createdAt } as JSON'),
  ).action(async (path: string, options: UnlockOptions & { json?: boolean }) => {
    const backup = await withVault(path, options, (vault) => vault.backup('manual'));
    if (options.json)
      return printJson({ file: backup.file, sizeBytes: backup.sizeBytes, createdAt: backup.createdAt });
    printLine(backup.file);
  });

  program
    .command('backups')
    .description('list the backup copies (newest first; no password needed)')
    .argument('<vault>')
    .option('--json', 'print JSON')
    .action((path: string, options: { json?: boolean }) => {
      // Damaged files are no reason to refuse (this is where a restore starts); a folder that is no vault is.
      if (!existsSync(join(path, 'keyslots.json')) && !existsSync(join(path, 'vault.db')))
        throw new VaultError('NOT_FOUND', `There is no vault at ${resolve(path)}.`);
      const backups = listBackups(path).map(({ file, sizeBytes, createdAt }) => ({
        file,
        sizeBytes,
        createdAt,
      }));
      if (options.json) return printJson(backups);
      if (backups.length === 0) return printLine('No backups yet. Make one with: tokenvault backup VAULT');
      printTable(
        ['FILE', 'BYTES', 'CREATED'],
        backups.map((b) => [b.file, b.sizeBytes, b.createdAt]),
      );
    });

  addUnlockOptions(
    program
      .command('restore')
      .description('put a backup copy back as vault.db (the current one is kept aside)')
      .argument('<vault>')
      .option('--from <backup>', 'backup file name (default: the newest)')
      .option('--json', 'print what was restored as JSON'),
  ).action(async (path: string, options: UnlockOptions & { from?: string; json?: boolean }) => {
    const result = await withUnlockBackoff(path, options, (unlock) =>
      restoreFromBackup(path, unlock, options.from),
    );
    if (options.json) return printJson(result);
    if (result.keySlotsRestored) printLine('Restored keyslots.json from its copy in backups/.');
    if (result.damagedKeySlots) printLine(`The damaged keyslots.json was kept as ${result.damagedKeySlots}.`);
    if (result.restoredFrom) printLine(`Restored vault.db from backups/${result.restoredFrom}.`);
    else printLine('vault.db is healthy and was left as it is.');
    if (result.damagedCopy) printLine(`The previous vault.db was kept as ${result.damagedCopy}.`);
  });
}

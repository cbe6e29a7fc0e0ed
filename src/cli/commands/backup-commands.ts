import type { Command } from 'commander';
import { listBackups } from '../../main/core/db/backups';
import { restoreFromBackup } from '../../main/core/vault/restore';
import { printJson, printLine, printTable } from '../output';
import { unlockFromOptions, withVault } from '../open-vault';
import { addUnlockOptions, type UnlockOptions } from '../unlock-options';
import type { CliGroups } from './cli-groups';

/** backup, backups, restore: encrypted copies of vault.db in the vault's backups/ folder. */
export function registerBackupCommands(_groups: CliGroups, program: Command): void {
  addUnlockOptions(
    program
      .command('backup')
      .description('make an encrypted copy of vault.db in backups/')
      .argument('<vault>'),
  ).action(async (path: string, options: UnlockOptions) => {
    const backup = await withVault(path, options, (vault) => vault.backup('manual'));
    printLine(backup.file);
  });

  program
    .command('backups')
    .description('list the backup copies (newest first; no password needed)')
    .argument('<vault>')
    .option('--json', 'print JSON')
    .action((path: string, options: { json?: boolean }) => {
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
      .option('--from <backup>', 'backup file name (default: the newest)'),
  ).action(async (path: string, options: UnlockOptions & { from?: string }) => {
    const result = await restoreFromBackup(path, await unlockFromOptions(path, options), options.from);
    printLine(`Restored vault.db from backups/${result.restoredFrom}.`);
    if (result.damagedCopy) printLine(`The previous vault.db was kept as ${result.damagedCopy}.`);
  });
}

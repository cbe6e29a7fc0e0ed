import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { Vault } from '../../main/core/vault/vault';
import { readFirstLine, promptHidden } from '../password-input';
import { printJson, printLine } from '../output';
import { addUnlockOptions, PASSWORD_FILE_ENV, type UnlockOptions } from '../unlock-options';
import { withVault } from '../open-vault';
import { UsageError } from '../usage-error';
import { VaultError } from '../../shared/errors';
import type { CliGroups } from './cli-groups';

async function readNewPassword(file: string | undefined, envVariable: string | undefined): Promise<string> {
  if (file) return readFirstLine(file, 'new password');
  const fromEnv = envVariable ? process.env[envVariable] : undefined;
  if (fromEnv) return readFirstLine(fromEnv, 'new password');
  if (!process.stdin.isTTY) {
    throw new UsageError(
      `No password given: use a terminal or pass a file with --password-file (or set ${PASSWORD_FILE_ENV}).`,
    );
  }
  const first = await promptHidden('New master password: ');
  const second = await promptHidden('Repeat it: ');
  if (first !== second)
    throw new VaultError('INVALID_INPUT', 'The two passwords differ; nothing was created.');
  return first;
}

/** init, passwd, verify: commands about the vault itself. */
export function registerVaultCommands(_groups: CliGroups, program: Command): void {
  program
    .command('init')
    .description('create a new vault folder; prints its recovery key once')
    .argument('<vault>', 'folder to create, e.g. work.tokenvault')
    .option('--operator <name>', 'your name, recorded in the history of every change')
    .option(
      '--password-file <path>',
      `file whose first line is the new master password (or set ${PASSWORD_FILE_ENV})`,
    )
    .option('--json', 'print { path, recoveryKey } as JSON (the recovery key, once, as without --json)')
    .action(async (path: string, options: { operator?: string; passwordFile?: string; json?: boolean }) => {
      // Checked before asking, so nobody types a new password twice only to hear the folder is taken.
      if (existsSync(path)) {
        throw new VaultError(
          'ALREADY_EXISTS',
          `${resolve(path)} already exists; choose a new folder name for the vault.`,
        );
      }
      const password = await readNewPassword(options.passwordFile, PASSWORD_FILE_ENV);
      const { vault, recoveryKey } = await Vault.create(path, { password, operator: options.operator });
      const dir = vault.dir;
      vault.lock();
      if (options.json) return printJson({ path: dir, recoveryKey });
      process.stderr.write(
        `Created ${dir}.\nYour recovery key is below. It is shown once: write it down and keep it apart from the computer.\n`,
      );
      printLine(recoveryKey);
    });

  addUnlockOptions(
    program
      .command('passwd')
      .description('change the master password (the data key is rewrapped, nothing else changes)')
      .argument('<vault>')
      .requiredOption('--new-password-file <path>', 'file whose first line is the new master password')
      .option('--json', 'print { changed: true } as JSON'),
  ).action(async (path: string, options: UnlockOptions & { newPasswordFile: string; json?: boolean }) => {
    const next = readFirstLine(options.newPasswordFile, 'new password');
    await withVault(path, options, (vault) => vault.changePassword(next));
    if (options.json) return printJson({ changed: true });
    process.stderr.write('Master password changed.\n');
  });

  addUnlockOptions(
    program
      .command('verify')
      .description('check the history chain and the database integrity')
      .argument('<vault>')
      .option('--json', 'print the report as JSON'),
  ).action(async (path: string, options: UnlockOptions & { json?: boolean }) => {
    const report = await withVault(path, options, (vault) => vault.verify());
    if (options.json) printJson(report);
    else if (report.ok)
      printLine(`OK: ${report.eventCount} events verified, database integrity ${report.integrity}.`);
    if (!report.ok) {
      throw new VaultError(
        'VAULT_CORRUPT',
        `Verification failed: ${report.problems.slice(0, 3).join('; ')}.`,
      );
    }
  });
}

import type { Account } from '../../shared/model';
import { PROFILE_IDS } from '../../shared/profiles';
import { printJson, printLine, printTable } from '../output';
import { withVault } from '../open-vault';
import { addUnlockOptions, type UnlockOptions } from '../unlock-options';
import type { CliGroups } from './cli-groups';

export function accountJson(account: Account) {
  return {
    id: account.id,
    name: account.name,
    profile: account.profile,
    notes: account.notes,
    allowDelete: account.allowDelete,
    createdAt: account.createdAt,
    tokenCount: account.tokenCount,
  };
}

export function registerAccountCommands(groups: CliGroups): void {
  groups.account.description('platform accounts that hold tokens');

  addUnlockOptions(
    groups.account
      .command('add')
      .description('add a platform account; prints its id')
      .argument('<vault>')
      .requiredOption('--name <name>', 'account name, e.g. "Engaging Networks (main)"')
      .option('--profile <profile>', `platform rules: ${PROFILE_IDS.join(', ')}`, 'generic')
      .option('--notes <text>', 'free notes', '')
      .option('--allow-delete', 'the platform lets this account use DELETE endpoints'),
  ).action(
    async (
      path: string,
      options: UnlockOptions & { name: string; profile: string; notes: string; allowDelete?: boolean },
    ) => {
      const account = await withVault(path, options, (vault) =>
        vault.accounts.create({
          name: options.name,
          profile: options.profile,
          notes: options.notes,
          allowDelete: options.allowDelete === true,
        }),
      );
      printLine(String(account.id));
    },
  );

  addUnlockOptions(
    groups.account
      .command('list')
      .description('list accounts with token counts')
      .argument('<vault>')
      .option('--json', 'print JSON'),
  ).action(async (path: string, options: UnlockOptions & { json?: boolean }) => {
    const accounts = await withVault(path, options, (vault) => vault.accounts.list());
    if (options.json) return printJson(accounts.map(accountJson));
    if (accounts.length === 0)
      return printLine('No accounts yet. Add one with: tokenvault account add VAULT --name NAME');
    printTable(
      ['ID', 'NAME', 'PROFILE', 'TOKENS'],
      accounts.map((a) => [a.id, a.name, a.profile, a.tokenCount]),
    );
  });
}

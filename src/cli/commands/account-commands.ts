import type { Account } from '../../shared/model';
import { PROFILE_IDS } from '../../shared/profiles';
import { printJson, printLine, printTable } from '../output';
import { withVault } from '../open-vault';
import { addUnlockOptions, type UnlockOptions } from '../unlock-options';
import { UsageError } from '../usage-error';
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
      .option('--allow-delete', 'the platform lets this account use DELETE endpoints')
      .option('--json', 'print the account as JSON'),
  ).action(
    async (
      path: string,
      options: UnlockOptions & {
        name: string;
        profile: string;
        notes: string;
        allowDelete?: boolean;
        json?: boolean;
      },
    ) => {
      const { result: account } = await withVault(path, options, (vault) =>
        vault.useCases.createAccount({
          name: options.name,
          profile: options.profile,
          notes: options.notes,
          allowDelete: options.allowDelete === true,
        }),
      );
      if (options.json) return printJson(accountJson(account));
      printLine(String(account.id));
    },
  );

  addUnlockOptions(
    groups.account
      .command('edit')
      .description('rename an account, change its notes, or allow or forbid DELETE endpoints')
      .argument('<vault>')
      .argument('<account>', 'account name or id')
      .option('--name <name>', 'new name')
      .option('--notes <text>', 'new notes')
      .option('--allow-delete', 'the platform lets this account use DELETE endpoints')
      .option('--no-allow-delete', 'the account uses no DELETE endpoints (refused while a token serves one)')
      .option('--json', 'print the account as JSON'),
  ).action(
    async (
      path: string,
      name: string,
      options: UnlockOptions & { name?: string; notes?: string; allowDelete?: boolean; json?: boolean },
    ) => {
      const patch = {
        ...(options.name !== undefined ? { name: options.name } : {}),
        ...(options.notes !== undefined ? { notes: options.notes } : {}),
        ...(options.allowDelete !== undefined ? { allowDelete: options.allowDelete } : {}),
      };
      if (Object.keys(patch).length === 0)
        throw new UsageError('Nothing to change: give --name, --notes, --allow-delete or --no-allow-delete.');
      const { result: account, changed } = await withVault(path, options, (vault) =>
        vault.useCases.updateAccount({ id: vault.accounts.resolve(name).id, ...patch }),
      );
      if (options.json) return printJson(accountJson(account));
      printLine(
        changed
          ? `Saved account ${account.id} "${account.name}".`
          : `Account ${account.id} "${account.name}" was already so.`,
      );
    },
  );

  addUnlockOptions(
    groups.account
      .command('delete')
      .description('delete an account that holds no tokens')
      .argument('<vault>')
      .argument('<account>', 'account name or id')
      .option('--json', 'print { deleted, id, name } as JSON'),
  ).action(async (path: string, name: string, options: UnlockOptions & { json?: boolean }) => {
    const { id, result } = await withVault(path, options, (vault) => {
      const account = vault.accounts.resolve(name);
      return { id: account.id, result: vault.useCases.deleteAccount(account.id).result };
    });
    if (options.json) return printJson({ deleted: true, id, name: result.name });
    printLine(`Account ${id} "${result.name}" deleted.`);
  });

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

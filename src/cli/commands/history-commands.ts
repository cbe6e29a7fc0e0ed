import type { Command } from 'commander';
import { printJson, printLine, printTable } from '../output';
import { withVault } from '../open-vault';
import { addUnlockOptions, type UnlockOptions } from '../unlock-options';
import { eventJson, parseId } from './token-commands';

/** `history`: the whole vault's history (accounts, tokens, recipients, endpoints, the vault itself), oldest first. */
export function registerHistoryCommands(_groups: unknown, program: Command): void {
  addUnlockOptions(
    program
      .command('history')
      .description('the history of the whole vault, oldest first (names and field names, never a value)')
      .argument('<vault>')
      .option('--account <account>', 'only events of this account (name or id)')
      .option('--token <id>', 'only events of this token')
      .option('--json', 'print JSON'),
  ).action(
    async (path: string, options: UnlockOptions & { account?: string; token?: string; json?: boolean }) => {
      const tokenId = options.token !== undefined ? parseId(options.token) : undefined;
      const events = await withVault(path, options, (vault) =>
        vault.events.query({
          ...(options.account !== undefined ? { accountId: vault.accounts.resolve(options.account).id } : {}),
          ...(tokenId !== undefined ? { tokenId } : {}),
        }),
      );
      if (options.json) return printJson(events.map(eventJson));
      if (events.length === 0) return printLine('No events.');
      printTable(
        ['#', 'WHEN', 'WHO', 'WHAT', 'ACCOUNT', 'TOKEN', 'DETAILS'],
        events.map((e) => [e.seq, e.at, e.actor, e.kind, e.accountId, e.tokenId, JSON.stringify(e.details)]),
      );
    },
  );
}

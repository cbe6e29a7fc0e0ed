import { localDayOf } from '../../shared/dates';
import type { Command } from 'commander';
import type { TokenMeta } from '../../shared/model';
import type { Outcome } from '../../main/core/use-cases/outcome';
import type { Vault } from '../../main/core/vault/vault';
import { printJson, printLine } from '../output';
import { VALUE_INPUT_MAX_BYTES } from '../../main/core/input/input-limits';
import { readFirstLine } from '../password-input';
import { withVault } from '../open-vault';
import { addUnlockOptions, type UnlockOptions } from '../unlock-options';
import { UsageError } from '../usage-error';
import type { CliGroups } from './cli-groups';
import { parseDateOption, usageJson } from './lifecycle-state';
import { parseId, readStdin, tokenJson } from './token-commands';
import { guideFor, platformName } from '../../shared/platform-guides';

type JsonOption = { json?: boolean };

/** The platform's name as sentences say it ("Emplifi", "its platform"), for the token's account. */
function platformOf(vault: Vault, token: TokenMeta): string {
  return platformName(vault.accounts.get(token.accountId).profile);
}

/**
 * One line for people, or the token's JSON. The command records what the admin did on the platform (where: see
 * `tokenvault guide`), so the line says what is recorded, never that the platform changed.
 */
function report(after: TokenMeta, platform: string, changed: boolean, fact: string, json?: boolean): void {
  if (json) return printJson(tokenJson(after));
  printLine(
    changed
      ? `Recorded: token ${after.id} "${after.name}" is ${fact} on ${platform}.`
      : `Token ${after.id} "${after.name}" was already recorded as ${fact}.`,
  );
}

function tokenCommand(token: Command, name: string, description: string): Command {
  return addUnlockOptions(token.command(name).description(description).argument('<vault>').argument('<id>'));
}

/** regenerate, validate/invalidate, enable/disable, activity, expires, delete, map/unmap, usage, purge-previous. */
export function registerLifecycleCommands(groups: CliGroups): void {
  const token = groups.token;

  tokenCommand(
    token,
    'regenerate',
    'record the new value the platform issued (or one generated here, for a platform that takes a value we set); the old one is kept among the previous 5; refused while in use without --force',
  )
    .option('--force', 'go ahead although the token is in use (handed off, mapped or serving an endpoint)')
    .option('--value-file <path>', 'use the value the platform issued, from the first line of this file')
    .option('--value-stdin', 'read the value the platform issued from standard input')
    .option('--json', 'print the token as JSON')
    .action(
      async (
        path: string,
        id: string,
        options: UnlockOptions & JsonOption & { force?: boolean; valueFile?: string; valueStdin?: boolean },
      ) => {
        const tokenId = parseId(id);
        if (options.valueFile && options.valueStdin)
          throw new UsageError('Give --value-file or --value-stdin, not both.');
        const value = options.valueFile
          ? readFirstLine(options.valueFile, 'value', VALUE_INPUT_MAX_BYTES)
          : options.valueStdin
            ? await readStdin()
            : undefined;
        const { before, after, platform } = await withVault(path, options, (vault) => {
          const was = vault.tokens.get(tokenId);
          const { result } = vault.useCases.regenerate(tokenId, { force: options.force === true, value });
          return { before: was, after: result, platform: platformOf(vault, result) };
        });
        if (options.json) return printJson(tokenJson(after));
        const validAgain = before.status !== after.status ? ' and is valid again' : '';
        printLine(
          value !== undefined
            ? `Recorded: token ${after.id} "${after.name}" has the new value ${platform} issued${validAgain}; ${after.previousValueCount} previous value(s) kept.`
            : `Token ${after.id} "${after.name}" has a new value generated here: set it on ${platform} and in what uses it; ${after.previousValueCount} previous value(s) kept.`,
        );
      },
    );

  const simple: [string, string, (vault: Vault, id: number) => Outcome<TokenMeta>, string][] = [
    [
      'validate',
      'record that the token was validated on its platform (see "tokenvault guide VAULT ID --action validate")',
      (v, id) => v.useCases.setStatus(id, 'active'),
      'valid',
    ],
    [
      'invalidate',
      'record that the token was invalidated on its platform (see "tokenvault guide VAULT ID --action invalidate")',
      (v, id) => v.useCases.setStatus(id, 'inactive'),
      'invalidated',
    ],
  ];
  for (const [name, description, run, fact] of simple) {
    tokenCommand(token, name, description)
      .option('--json', 'print the token as JSON')
      .action(async (path: string, id: string, options: UnlockOptions & JsonOption) => {
        const tokenId = parseId(id);
        const { result, changed, platform } = await withVault(path, options, (vault) => {
          const outcome = run(vault, tokenId);
          return { ...outcome, platform: platformOf(vault, outcome.result) };
        });
        report(result, platform, changed, fact, options.json);
      });
  }

  for (const enabled of [true, false]) {
    const name = enabled ? 'enable' : 'disable';
    tokenCommand(
      token,
      name,
      enabled
        ? 'record that the token was enabled on its platform (under ON24 rules this also restarts the 60-day inactivity count)'
        : 'record that the token was disabled on its platform',
    )
      .option('--mapping <primaryId>', `${name} only the token's mapping to this primary token`)
      .option('--json', 'print the token (or the mapping) as JSON')
      .action(
        async (path: string, id: string, options: UnlockOptions & JsonOption & { mapping?: string }) => {
          const tokenId = parseId(id);
          const primaryId =
            options.mapping !== undefined ? parseId(options.mapping, 'primary token id') : undefined;
          if (primaryId !== undefined) {
            const { result: link, changed } = await withVault(path, options, (vault) =>
              vault.useCases.setMappingEnabled(tokenId, primaryId, enabled),
            );
            if (options.json) return printJson(link);
            return printLine(
              `Mapping of ${link.secondaryId} "${link.secondaryName}" to ${link.primaryId} "${link.primaryName}" ${changed ? 'is now' : 'was already'} ${enabled ? 'enabled' : 'disabled'}.`,
            );
          }
          const { result, changed, platform } = await withVault(path, options, (vault) => {
            const outcome = vault.useCases.setEnabled(tokenId, enabled);
            return { ...outcome, platform: platformOf(vault, outcome.result) };
          });
          report(result, platform, changed, enabled ? 'enabled' : 'disabled', options.json);
        },
      );
  }

  tokenCommand(
    token,
    'delete',
    'record that the token was deleted on its platform: it goes from the vault with its previous values, mappings and endpoint assignments; refused while in use without --force',
  )
    .option('--force', 'go ahead although the token is in use')
    .option('--json', 'print { deleted, id, name } as JSON')
    .action(async (path: string, id: string, options: UnlockOptions & JsonOption & { force?: boolean }) => {
      const tokenId = parseId(id);
      const { result, platform, step } = await withVault(path, options, (vault) => {
        const token = vault.tokens.get(tokenId);
        // The platform's own step for a delete: ON24 and Emplifi have none, their guide says what is done instead.
        const guide = guideFor(vault.accounts.get(token.accountId).profile, 'delete', token.role);
        return {
          ...vault.useCases.deleteToken(tokenId, { force: options.force === true }),
          platform: platformOf(vault, token),
          step: `${guide.doIt} (${guide.where})`,
        };
      });
      if (options.json) return printJson({ deleted: true, id: tokenId, name: result.name });
      printLine(
        `Recorded: token ${tokenId} "${result.name}" is removed from the vault; on ${platform} the step is: ${step}.`,
      );
    });

  tokenCommand(token, 'activity', 'record that the token was used (default: now)')
    .option('--at <date>', 'when it was used, e.g. 2026-03-01 or 2026-03-01T09:30:00Z')
    .option('--json', 'print the token as JSON')
    .action(async (path: string, id: string, options: UnlockOptions & JsonOption & { at?: string }) => {
      const tokenId = parseId(id);
      const at = options.at !== undefined ? parseDateOption(options.at, '--at') : undefined;
      const { result: after } = await withVault(path, options, (vault) =>
        vault.useCases.recordActivity(tokenId, at),
      );
      if (options.json) return printJson(tokenJson(after));
      printLine(
        `Token ${after.id} "${after.name}": activity recorded; last activity ${after.lastActivityAt}.`,
      );
    });

  addUnlockOptions(
    token
      .command('expires')
      .description('set the expiry date, or "never" to clear it')
      .argument('<vault>')
      .argument('<id>')
      .argument('<date>', 'e.g. 2026-12-31, or never')
      .option('--json', 'print the token as JSON'),
  ).action(async (path: string, id: string, date: string, options: UnlockOptions & JsonOption) => {
    const tokenId = parseId(id);
    const expiresAt = date.toLowerCase() === 'never' ? null : parseDateOption(date, 'The expiry date');
    const { result: after } = await withVault(path, options, (vault) =>
      vault.useCases.setExpiry(tokenId, expiresAt),
    );
    if (options.json) return printJson(tokenJson(after));
    printLine(
      `Token ${after.id} "${after.name}" ${after.expiresAt ? `expires ${localDayOf(after.expiresAt)}` : 'never expires'}.`,
    );
  });

  tokenCommand(token, 'purge-previous', 'forget the earlier values kept for rollback')
    .option('--json', 'print the token as JSON')
    .action(async (path: string, id: string, options: UnlockOptions & JsonOption) => {
      const tokenId = parseId(id);
      const { before, after } = await withVault(path, options, (vault) => ({
        before: vault.tokens.get(tokenId),
        after: vault.useCases.purgePreviousValues(tokenId).result,
      }));
      if (options.json) return printJson(tokenJson(after));
      printLine(
        `Token ${after.id} "${after.name}": ${before.previousValueCount - after.previousValueCount} previous value(s) purged.`,
      );
    });

  tokenCommand(token, 'usage', 'where the token is used: handoffs, mappings, endpoints')
    .option('--json', 'print JSON')
    .action(async (path: string, id: string, options: UnlockOptions & JsonOption) => {
      const tokenId = parseId(id);
      const usage = await withVault(path, options, (vault) => vault.lifecycle.usage(tokenId));
      if (options.json) return printJson(usageJson(usage));
      if (!usage.inUse) return printLine('Not in use: no handoff, mapping or endpoint.');
      for (const h of usage.handedTo) printLine(`handed to ${h.recipient} (last ${h.lastHandedAt})`);
      for (const m of usage.mappedTo)
        printLine(
          `mapped to primary ${m.primaryId} "${m.primaryName}"${m.enabled ? '' : ' (mapping disabled)'}`,
        );
      for (const m of usage.mappedFrom)
        printLine(
          `secondary ${m.secondaryId} "${m.secondaryName}" maps to it${m.enabled ? '' : ' (mapping disabled)'}`,
        );
      for (const e of usage.endpoints)
        printLine(`serves ${e.method} on "${e.endpoint}" (endpoint ${e.endpointId})`);
    });

  for (const mapped of [true, false]) {
    addUnlockOptions(
      token
        .command(mapped ? 'map' : 'unmap')
        .description(
          mapped
            ? 'map a secondary token to a primary token (endpoint and generic accounts)'
            : 'remove the mapping of a secondary token to a primary token',
        )
        .argument('<vault>')
        .argument('<secondaryId>')
        .argument('<primaryId>')
        .option('--json', 'print the mapping (map) or { unmapped: true } (unmap) as JSON'),
    ).action(
      async (path: string, secondary: string, primary: string, options: UnlockOptions & JsonOption) => {
        const secondaryId = parseId(secondary, 'secondary token id');
        const primaryId = parseId(primary, 'primary token id');
        const { result } = await withVault(path, options, (vault): Outcome<unknown> =>
          mapped ? vault.useCases.map(secondaryId, primaryId) : vault.useCases.unmap(secondaryId, primaryId),
        );
        if (options.json) return printJson(result);
        printLine(
          `Token ${secondaryId} ${mapped ? 'mapped to' : 'unmapped from'} primary token ${primaryId}.`,
        );
      },
    );
  }
}

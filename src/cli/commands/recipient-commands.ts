import { agree, plural } from '../../shared/plural';
import { VALIDITY_WORDS } from '../../shared/token-state-vocabulary';
import type { Holding } from '../../main/core/recipients/holdings';
import type { EngagementToken } from '../../main/core/handoff/engagement-end';
import { printJson, printLine, printTable } from '../output';
import { withVault } from '../open-vault';
import { addUnlockOptions, type UnlockOptions } from '../unlock-options';
import { UsageError } from '../usage-error';
import type { CliGroups } from './cli-groups';

interface DetailOptions {
  organisation?: string;
  email?: string;
  phone?: string;
  notes?: string;
}

/** "current value", "changed since", "key id etc. only", "deleted": what the recipient's copy is worth now. */
function holdingState(holding: Holding): string {
  if (!holding.stillInVault) return 'deleted from vault';
  if (!holding.valueGiven) return 'no value given';
  return holding.holdsCurrentValue ? 'holds current value' : 'value changed since';
}

export function registerRecipientCommands(groups: CliGroups): void {
  addUnlockOptions(
    groups.recipient
      .command('add')
      .description('add an agency or developer; prints its id')
      .argument('<vault>')
      .requiredOption('--name <name>', 'recipient name (unique)')
      .option('--organisation <text>', 'organisation', '')
      .option('--email <address>', 'email address (where the bundle goes)', '')
      .option('--phone <number>', 'phone number (where the bundle password goes)', '')
      .option('--notes <text>', 'notes', '')
      .option('--json', 'print the recipient as JSON'),
  ).action(
    async (path: string, options: UnlockOptions & DetailOptions & { name: string; json?: boolean }) => {
      const { result: recipient } = await withVault(path, options, (vault) =>
        vault.useCases.addRecipient({
          name: options.name,
          organisation: options.organisation,
          email: options.email,
          phone: options.phone,
          notes: options.notes,
        }),
      );
      if (options.json) return printJson(recipient);
      printLine(String(recipient.id));
    },
  );

  addUnlockOptions(
    groups.recipient
      .command('list')
      .description('list recipients (archived ones last)')
      .argument('<vault>')
      .option('--json', 'print JSON'),
  ).action(async (path: string, options: UnlockOptions & { json?: boolean }) => {
    const recipients = await withVault(path, options, (vault) => vault.recipients.list());
    if (options.json) return printJson(recipients);
    if (recipients.length === 0)
      return printLine('No recipients yet. Add one with: tokenvault recipient add VAULT --name NAME');
    printTable(
      ['ID', 'NAME', 'ORGANISATION', 'EMAIL', 'PHONE', 'HANDOFFS', 'ARCHIVED'],
      recipients.map((r) => [
        r.id,
        r.name,
        r.organisation,
        r.email,
        r.phone,
        r.handoffCount,
        r.archived ? 'yes' : '',
      ]),
    );
  });

  addUnlockOptions(
    groups.recipient
      .command('show')
      .description('one recipient, with how many tokens it holds')
      .argument('<vault>')
      .argument('<name>', 'recipient name or id')
      .option('--json', 'print JSON'),
  ).action(async (path: string, name: string, options: UnlockOptions & { json?: boolean }) => {
    const { recipient, holdings } = await withVault(path, options, (vault) => {
      const found = vault.recipients.resolve(name);
      return { recipient: found, holdings: vault.recipients.holdings(found.id) };
    });
    const current = holdings.filter((h) => h.holdsCurrentValue).length;
    if (options.json)
      return printJson({ ...recipient, tokensHeld: holdings.length, currentValuesHeld: current });
    const rows: [string, string | number][] = [
      ['id', recipient.id],
      ['name', recipient.name],
      ['organisation', recipient.organisation],
      ['email', recipient.email],
      ['phone', recipient.phone],
      ['notes', recipient.notes.replace(/\s*\n\s*/g, ' / ')],
      ['archived', recipient.archived ? 'yes' : 'no'],
      ['created', recipient.createdAt],
      ['handoffs', recipient.handoffCount],
      ['tokens held', `${holdings.length} (current value of ${current})`],
    ];
    for (const [label, value] of rows) printLine(`${label.padEnd(14)}${String(value) || '-'}`);
  });

  addUnlockOptions(
    groups.recipient
      .command('edit')
      .description('change a recipient, archive it or bring it back')
      .argument('<vault>')
      .argument('<name>', 'recipient name or id')
      .option('--name <name>', 'new name')
      .option('--organisation <text>')
      .option('--email <address>')
      .option('--phone <number>')
      .option('--notes <text>')
      .option('--archive', 'hide it from new handoffs; its handoffs stay on record')
      .option('--unarchive', 'make it available for handoffs again')
      .option('--json', 'print the recipient as JSON'),
  ).action(
    async (
      path: string,
      name: string,
      options: UnlockOptions &
        DetailOptions & { name?: string; archive?: boolean; unarchive?: boolean; json?: boolean },
    ) => {
      if (options.archive && options.unarchive)
        throw new UsageError('Give --archive or --unarchive, not both.');
      const { name: newName, organisation, email, phone, notes } = options;
      const patch = Object.fromEntries(
        Object.entries({ name: newName, organisation, email, phone, notes }).filter(
          ([, v]) => v !== undefined,
        ),
      );
      if (Object.keys(patch).length === 0 && !options.archive && !options.unarchive)
        throw new UsageError(
          'Nothing to change: give --name, --organisation, --email, --phone, --notes, --archive or --unarchive.',
        );
      const archived = options.archive ? true : options.unarchive ? false : undefined;
      const { result: updated } = await withVault(path, options, (vault) =>
        vault.useCases.editRecipient(name, patch, archived),
      );
      if (options.json) return printJson(updated);
      printLine(`Saved ${updated.name}${updated.archived ? ' (archived)' : ''}.`);
    },
  );

  addUnlockOptions(
    groups.recipient
      .command('delete')
      .description(
        'delete a recipient; one that received handoffs must be archived first, and its handoffs stay on record',
      )
      .argument('<vault>')
      .argument('<name>', 'recipient name or id')
      .option('--json', 'print { name, keptAs, handoffCount } as JSON'),
  ).action(async (path: string, name: string, options: UnlockOptions & { json?: boolean }) => {
    const { result: deletion } = await withVault(path, options, (vault) =>
      vault.useCases.deleteRecipient(name),
    );
    if (options.json) return printJson(deletion);
    printLine(
      deletion.keptAs
        ? `Deleted ${deletion.name}'s details; its ${plural(deletion.handoffCount, 'handoff')} ${agree(deletion.handoffCount, 'stays', 'stay')} on record as "${deletion.keptAs}".`
        : `Deleted ${deletion.name}.`,
    );
  });

  addUnlockOptions(
    groups.recipient
      .command('holdings')
      .description('the tokens a recipient was given, when, and whether it still holds their current value')
      .argument('<vault>')
      .argument('<name>', 'recipient name or id')
      .option('--json', 'print JSON'),
  ).action(async (path: string, name: string, options: UnlockOptions & { json?: boolean }) => {
    const holdings = await withVault(path, options, (vault) =>
      vault.recipients.holdings(vault.recipients.resolve(name).id),
    );
    if (options.json) return printJson(holdings);
    if (holdings.length === 0) return printLine('This recipient holds no tokens.');
    printTable(
      ['TOKEN', 'NAME', 'ACCOUNT', 'FIRST HANDED', 'LAST HANDED', 'TIMES', 'STATE'],
      holdings.map((h) => [
        h.tokenId,
        h.name,
        h.account ?? '',
        h.firstHandedAt,
        h.lastHandedAt,
        h.handoffCount,
        holdingState(h),
      ]),
    );
  });

  addUnlockOptions(
    groups.recipient
      .command('end')
      .description(
        'engagement ended: list the tokens to rotate, or record them all regenerated or invalidated in one pass (do it on each platform too; "rotation start --recipient" guides it step by step)',
      )
      .argument('<vault>')
      .argument('<name>', 'recipient name or id')
      .option(
        '--regenerate',
        'make each a new value here, to set on its platform (only where the platform takes a value we set; the old one is kept)',
      )
      .option('--invalidate', 'record each as invalidated (or disabled) on its platform')
      .option('--json', 'print JSON'),
  ).action(
    async (
      path: string,
      name: string,
      options: UnlockOptions & { regenerate?: boolean; invalidate?: boolean; json?: boolean },
    ) => {
      if (options.regenerate && options.invalidate)
        throw new UsageError('Give --regenerate or --invalidate, not both.');
      const action = options.regenerate ? 'regenerate' : options.invalidate ? 'invalidate' : undefined;
      if (!action) {
        const plan = await withVault(path, options, (vault) => vault.handoffs.engagementPlan(name));
        if (options.json) return printJson(plan);
        printEngagementPlan(plan.recipient, plan.toRotate, plan.others);
        for (const off of plan.alreadyOff)
          printLine(
            `Not to rotate: ${off.name} (${off.tokenId}) is already recorded as ${off.state}; while it stays switched off there, the value ${plan.recipient} holds does not work. Rotate it before you switch it back on.`,
          );
        return;
      }
      const { result } = await withVault(path, options, (vault) =>
        vault.useCases.endEngagement(name, action),
      );
      if (options.json) return printJson(result);
      printLine(
        `${action === 'regenerate' ? `New values made here for ${plural(result.tokens.length, 'token')}` : `Recorded: ${plural(result.tokens.length, 'token')} invalidated on ${agree(result.tokens.length, 'its platform', 'their platforms')},`} held by ${result.recipient}${result.tokens.length ? `: ${result.tokens.map((t) => t.name).join(', ')}` : ''}.`,
      );
      for (const skipped of result.skipped)
        printLine(`Skipped ${skipped.name} (${skipped.id}): ${skipped.reason}`);
      if (action === 'regenerate' && result.tokens.length)
        printLine(
          'Set the new values on each platform (tokenvault token reveal VAULT ID), then archive the recipient.',
        );
    },
  );
}

function printEngagementPlan(
  recipient: string,
  toRotate: EngagementToken[],
  others: EngagementToken[],
): void {
  if (toRotate.length === 0) printLine(`${recipient} holds no current token value: nothing to rotate.`);
  else {
    printLine(
      `${recipient} holds the current value of ${plural(toRotate.length, 'token')}; rotate ${agree(toRotate.length, 'it', 'them')}:`,
    );
    printTable(
      ['TOKEN', 'NAME', 'ACCOUNT', 'STATUS', 'LAST HANDED', 'NOTE'],
      toRotate.map((t) => [
        t.tokenId,
        t.name,
        t.account ?? '',
        `${t.status ? VALIDITY_WORDS[t.status] : ''}${t.enabled === false ? ', disabled' : ''}`,
        t.lastHandedAt,
        [
          t.blocked.regenerate && `regenerate: ${t.blocked.regenerate}`,
          t.blocked.invalidate && `invalidate: ${t.blocked.invalidate}`,
        ]
          .filter(Boolean)
          .join(' '),
      ]),
    );
    printLine(
      'Then: tokenvault rotation start VAULT --recipient NAME guides each token on its platform, one step at a time (or, once all are done there: recipient end VAULT NAME --regenerate or --invalidate).',
    );
  }
  if (others.length) {
    printLine('');
    printLine('Also given, nothing to do:');
    printTable(
      ['TOKEN', 'NAME', 'WHY'],
      others.map((t) => [
        t.tokenId,
        t.name,
        t.need === 'not-in-vault'
          ? 'deleted from the vault'
          : t.need === 'value-never-given'
            ? 'the value was never handed over'
            : 'its value changed after the handoff',
      ]),
    );
  }
}

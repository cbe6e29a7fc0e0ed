import type { Command } from 'commander';
import { VaultError } from '../../shared/errors';
import type { AgeKeyView } from '../../shared/age-views';
import { printJson, printLine, printTable } from '../output';
import { withVault } from '../open-vault';
import { addUnlockOptions, type UnlockOptions } from '../unlock-options';
import type { CliGroups } from './cli-groups';

const CONFIRM_BY_PHONE =
  'Confirm this fingerprint with the agency by phone before the first handoff: they read theirs aloud, you compare.';

function keyState(key: AgeKeyView): string {
  return key.retiredHow ?? 'current';
}

/** `recipient key add|list|remove`: a recipient's age public key, for bundles without a password. */
function registerRecipientKeyCommands(recipient: Command): void {
  const key = recipient
    .command('key')
    .description("a recipient's age public key (bundles encrypted to it need no password)");

  addUnlockOptions(
    key
      .command('add')
      .description('add the age public key (age1...) the recipient sent, or replace its current one')
      .argument('<vault>')
      .argument('<recipient>', 'recipient name or id')
      .requiredOption('--age <key>', 'the age public key, age1... (62 characters, as age-keygen prints it)')
      .option('--json', 'print JSON'),
  ).action(async (path: string, name: string, options: UnlockOptions & { age: string; json?: boolean }) => {
    const { result: change } = await withVault(path, options, (vault) =>
      vault.useCases.setRecipientKey(name, options.age),
    );
    if (options.json) return printJson(change);
    const verb = change.replaced ? 'Replaced' : 'Saved';
    printLine(`${verb} the age key of ${change.recipient}. Fingerprint: ${change.key.fingerprint}`);
    if (change.replaced)
      printLine(`The previous key (${change.replaced.fingerprint}) is kept on record, retired.`);
    process.stderr.write(`${CONFIRM_BY_PHONE}\n`);
  });

  addUnlockOptions(
    key
      .command('list')
      .description('every age key the recipient has given, newest first (at most one is current)')
      .argument('<vault>')
      .argument('<recipient>', 'recipient name or id')
      .option('--json', 'print JSON'),
  ).action(async (path: string, name: string, options: UnlockOptions & { json?: boolean }) => {
    const keys = await withVault(path, options, (vault) => vault.recipientKeys.history(name));
    if (options.json) return printJson(keys);
    if (keys.length === 0)
      return printLine(
        'No age key yet. Add one with: tokenvault recipient key add VAULT RECIPIENT --age AGE1...',
      );
    printTable(
      ['STATE', 'FINGERPRINT', 'ADDED', 'RETIRED', 'KEY'],
      keys.map((k) => [keyState(k), k.fingerprint, k.addedAt, k.retiredAt ?? '', k.publicKey]),
    );
  });

  addUnlockOptions(
    key
      .command('remove')
      .description('retire the current key (kept on record); later handoffs use a password ZIP')
      .argument('<vault>')
      .argument('<recipient>', 'recipient name or id')
      .option('--json', 'print JSON'),
  ).action(async (path: string, name: string, options: UnlockOptions & { json?: boolean }) => {
    const { removed, recipient } = await withVault(path, options, (vault) => ({
      removed: vault.useCases.removeRecipientKey(name).result,
      recipient: vault.recipients.resolve(name).name,
    }));
    if (options.json) return printJson({ removed });
    printLine(`Removed the age key of ${recipient} (${removed.fingerprint}); it stays on record, retired.`);
  });
}

/** `identity create|show`: this vault's own age key, for receiving bundles. */
function registerIdentityCommands(program: Command): void {
  const identity = program
    .command('identity')
    .description("this vault's age key for receiving bundles (the agency side)");

  addUnlockOptions(
    identity
      .command('create')
      .description('make the age key, kept in the vault; prints its public key (age1...) alone on stdout')
      .argument('<vault>')
      .option('--json', 'print JSON'),
  ).action(async (path: string, options: UnlockOptions & { json?: boolean }) => {
    const { result: created } = await withVault(path, options, (vault) =>
      vault.useCases.createVaultIdentity(),
    );
    if (options.json) return printJson(created);
    printLine(created.publicKey);
    process.stderr.write(
      `Send this public key to the client (fingerprint ${created.fingerprint}; read it to them by phone). The secret key stays in the vault.\n`,
    );
  });

  addUnlockOptions(
    identity
      .command('show')
      .description('print the public key (age1...) alone on stdout')
      .argument('<vault>')
      .option('--json', 'print JSON'),
  ).action(async (path: string, options: UnlockOptions & { json?: boolean }) => {
    const shown = await withVault(path, options, (vault) => vault.identity.show());
    if (!shown) {
      throw new VaultError(
        'NOT_FOUND',
        'This vault has no age key for receiving yet; make one with: tokenvault identity create VAULT',
      );
    }
    if (options.json) return printJson(shown);
    printLine(shown.publicKey);
  });
}

export function registerAgeKeyCommands(groups: CliGroups, program: Command): void {
  registerRecipientKeyCommands(groups.recipient);
  registerIdentityCommands(program);
}

import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { HANDOFF_FIELDS, type HandoffField } from '../../shared/handoff-format';
import { acceptTypedBundlePassword, generateBundlePassword } from '../../main/core/handoff/bundle-password';
import { readBundle } from '../../main/core/handoff/bundle-zip';
import { bundleTokensToImportRows } from '../../main/core/handoff/bundle-import';
import { endEngagement } from '../../main/core/handoff/engagement-end';
import {
  exportHandoff,
  listHandoffs,
  PASSWORD_CHANNELS,
  type PasswordChannel,
} from '../../main/core/handoff/handoff-service';
import { writeFileAtomic } from '../../main/core/fs/atomic-write';
import { RecipientStore } from '../../main/core/recipients/recipient-store';
import { printJson, printLine, printTable } from '../output';
import { readFirstLine, readSecret } from '../password-input';
import { withVault } from '../open-vault';
import { addUnlockOptions, type UnlockOptions } from '../unlock-options';
import { UsageError } from '../usage-error';
import type { CliGroups } from './cli-groups';
import { parseId } from './token-commands';

function parseFields(text: string): HandoffField[] {
  const fields = text
    .split(',')
    .map((field) => field.trim())
    .filter(Boolean);
  const unknown = fields.filter((field) => !(HANDOFF_FIELDS as readonly string[]).includes(field));
  if (unknown.length || fields.length === 0)
    throw new UsageError(`--fields takes a comma-separated list of: ${HANDOFF_FIELDS.join(', ')}.`);
  return fields as HandoffField[];
}

export function registerRecipientCommands(groups: CliGroups): void {
  registerRecipientDetailCommands(groups);
  addUnlockOptions(
    groups.recipient
      .command('add')
      .description('add an agency or developer; prints its id')
      .argument('<vault>')
      .requiredOption('--name <name>', 'recipient name')
      .option('--organisation <text>', 'organisation', '')
      .option('--email <address>', 'email address', '')
      .option('--phone <number>', 'phone number (where the bundle password is sent)', '')
      .option('--notes <text>', 'notes', ''),
  ).action(
    async (
      path: string,
      options: UnlockOptions & {
        name: string;
        organisation: string;
        email: string;
        phone: string;
        notes: string;
      },
    ) => {
      const recipient = await withVault(path, options, (vault) =>
        new RecipientStore(vault.db).create({
          name: options.name,
          organisation: options.organisation,
          email: options.email,
          phone: options.phone,
          notes: options.notes,
        }),
      );
      printLine(String(recipient.id));
    },
  );

  addUnlockOptions(
    groups.recipient
      .command('list')
      .description('list recipients')
      .argument('<vault>')
      .option('--json', 'print JSON'),
  ).action(async (path: string, options: UnlockOptions & { json?: boolean }) => {
    const recipients = await withVault(path, options, (vault) => new RecipientStore(vault.db).list());
    if (options.json) return printJson(recipients);
    if (recipients.length === 0)
      return printLine('No recipients yet. Add one with: tokenvault recipient add VAULT --name NAME');
    printTable(
      ['ID', 'NAME', 'ORGANISATION', 'HANDOFFS', 'ARCHIVED'],
      recipients.map((r) => [r.id, r.name, r.organisation, r.handoffCount, r.archived ? 'yes' : '']),
    );
  });
}

function registerRecipientDetailCommands(groups: CliGroups): void {
  addUnlockOptions(
    groups.recipient
      .command('show')
      .description('one recipient')
      .argument('<vault>')
      .argument('<name>')
      .option('--json', 'print JSON'),
  ).action(async (path: string, name: string, options: UnlockOptions & { json?: boolean }) => {
    const recipient = await withVault(path, options, (vault) => new RecipientStore(vault.db).resolve(name));
    if (options.json) return printJson(recipient);
    for (const [label, value] of Object.entries(recipient))
      printLine(`${label.padEnd(14)}${String(value) || '-'}`);
  });

  addUnlockOptions(
    groups.recipient
      .command('edit')
      .description('change a recipient')
      .argument('<vault>')
      .argument('<name>')
      .option('--name <name>', 'new name')
      .option('--organisation <text>')
      .option('--email <address>')
      .option('--phone <number>')
      .option('--notes <text>')
      .option('--archive', 'hide from lists; its handoffs stay on record')
      .option('--unarchive', 'show in lists again'),
  ).action(
    async (
      path: string,
      name: string,
      options: UnlockOptions & {
        name?: string;
        organisation?: string;
        email?: string;
        phone?: string;
        notes?: string;
        archive?: boolean;
        unarchive?: boolean;
      },
    ) => {
      const updated = await withVault(path, options, (vault) => {
        const store = new RecipientStore(vault.db);
        const recipient = store.resolve(name);
        const { name: newName, organisation, email, phone, notes } = options;
        const patch = Object.fromEntries(
          Object.entries({ name: newName, organisation, email, phone, notes }).filter(
            ([, v]) => v !== undefined,
          ),
        );
        let result = Object.keys(patch).length ? store.update(recipient.id, patch) : recipient;
        if (options.archive || options.unarchive)
          result = store.setArchived(recipient.id, options.archive === true);
        return result;
      });
      printLine(`Saved ${updated.name}.`);
    },
  );

  addUnlockOptions(
    groups.recipient
      .command('delete')
      .description('delete a recipient that never received a handoff')
      .argument('<vault>')
      .argument('<name>'),
  ).action(async (path: string, name: string, options: UnlockOptions) => {
    await withVault(path, options, (vault) => {
      const store = new RecipientStore(vault.db);
      store.delete(store.resolve(name).id);
    });
    printLine('Deleted.');
  });

  addUnlockOptions(
    groups.recipient
      .command('holdings')
      .description('the tokens a recipient was given, and when')
      .argument('<vault>')
      .argument('<name>')
      .option('--json', 'print JSON'),
  ).action(async (path: string, name: string, options: UnlockOptions & { json?: boolean }) => {
    const holdings = await withVault(path, options, (vault) => {
      const store = new RecipientStore(vault.db);
      return store.holdings(store.resolve(name).id);
    });
    if (options.json) return printJson(holdings);
    if (holdings.length === 0) return printLine('This recipient holds no tokens.');
    printTable(
      ['TOKEN', 'NAME', 'LAST HANDED OVER', 'IN VAULT'],
      holdings.map((h) => [h.tokenId, h.name, h.lastHandedAt, h.stillInVault ? 'yes' : 'deleted']),
    );
  });

  addUnlockOptions(
    groups.recipient
      .command('end')
      .description('engagement ended: regenerate or invalidate every token the recipient holds, in one pass')
      .argument('<vault>')
      .argument('<name>')
      .option('--regenerate', 'give each token a new value (the old one is kept among the previous values)')
      .option('--invalidate', 'mark each token inactive'),
  ).action(
    async (
      path: string,
      name: string,
      options: UnlockOptions & { regenerate?: boolean; invalidate?: boolean },
    ) => {
      if (options.regenerate === options.invalidate)
        throw new UsageError('Give exactly one of --regenerate or --invalidate.');
      const result = await withVault(path, options, (vault) =>
        endEngagement(
          vault,
          new RecipientStore(vault.db),
          name,
          options.regenerate ? 'regenerate' : 'invalidate',
        ),
      );
      printLine(
        `${result.action === 'regenerate' ? 'Regenerated' : 'Invalidated'} ${result.tokens.length} token(s) held by ${result.recipient}.`,
      );
    },
  );
}

export function registerHandoffCommands(groups: CliGroups, _program: Command): void {
  addUnlockOptions(
    groups.handoff
      .command('export')
      .description('write a password-protected bundle of tokens for a recipient')
      .argument('<vault>')
      .requiredOption('--recipient <name>', 'recipient name or id')
      .requiredOption(
        '--token <id>',
        'token id (repeat for several)',
        (value: string, previous: number[] = []) => [...previous, parseId(value)],
      )
      .requiredOption('--out <file>', 'bundle to create (.zip); never overwritten')
      .option('--fields <list>', `what to include: ${HANDOFF_FIELDS.join(',')}`, 'value,key-id,description')
      .option(
        '--bundle-password-file <path>',
        'use the password in this file (zxcvbn 4/4 and 20+ characters) instead of a generated one',
      )
      .option(
        '--password-out <path>',
        'write the generated password to this new file (mode 0600) instead of stderr',
      )
      .option('--channel <channel>', `how the password travels: ${PASSWORD_CHANNELS.join(', ')}`, 'sms'),
  ).action(
    async (
      path: string,
      options: UnlockOptions & {
        recipient: string;
        token: number[];
        out: string;
        fields: string;
        bundlePasswordFile?: string;
        passwordOut?: string;
        channel: string;
      },
    ) => {
      if (options.bundlePasswordFile && options.passwordOut)
        throw new UsageError('Use --bundle-password-file or --password-out, not both.');
      if (!(PASSWORD_CHANNELS as readonly string[]).includes(options.channel)) {
        throw new UsageError(`--channel is one of: ${PASSWORD_CHANNELS.join(', ')}.`);
      }
      const fields = parseFields(options.fields);
      const bundlePassword = options.bundlePasswordFile
        ? await acceptTypedBundlePassword(readFirstLine(options.bundlePasswordFile, 'bundle password'))
        : generateBundlePassword();
      const record = await withVault(path, options, (vault) =>
        exportHandoff(vault, new RecipientStore(vault.db), {
          recipient: options.recipient,
          tokenIds: options.token,
          fields,
          outPath: options.out,
          password: bundlePassword.password,
          channel: options.channel as PasswordChannel,
        }),
      );
      printLine(
        `Wrote ${record.fileName} for ${record.recipient}: ${record.tokens.length} token(s), SHA-256 ${record.sha256}.`,
      );
      if (bundlePassword.style !== 'typed') {
        if (options.passwordOut) {
          writeFileAtomic(options.passwordOut, `${bundlePassword.password}\n`, { exclusive: true });
          process.stderr.write(
            `The bundle password (${Math.floor(bundlePassword.entropyBits)} bits) is in ${options.passwordOut}.\n`,
          );
        } else {
          process.stderr.write(
            `Bundle password (${Math.floor(bundlePassword.entropyBits)} bits), shown once:\n${bundlePassword.password}\n` +
              'Send it by SMS, WhatsApp or phone, never in the same message as the file.\n',
          );
        }
      }
    },
  );

  addUnlockOptions(
    groups.handoff
      .command('open')
      .description('show (or import) the tokens of a bundle')
      .argument('<file>')
      .option('--bundle-password-file <path>', 'file whose first line is the bundle password')
      .option('--json', 'print JSON')
      .option('--reveal', 'include token values in the output')
      .option('--import-into <vault>', 'import the tokens into this vault (all or nothing)')
      .option('--account <account>', 'account to import into (with --import-into)'),
  ).action(
    async (
      file: string,
      options: UnlockOptions & {
        bundlePasswordFile?: string;
        json?: boolean;
        reveal?: boolean;
        importInto?: string;
        account?: string;
      },
    ) => {
      if (options.importInto && !options.account) throw new UsageError('--import-into needs --account.');
      let bytes: Buffer;
      try {
        bytes = readFileSync(file);
      } catch (error) {
        throw new UsageError(`Cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'}).`);
      }
      const password = await readSecret(
        { file: options.bundlePasswordFile, what: 'bundle password' },
        'Bundle password: ',
      );
      const doc = await readBundle(bytes, password);
      if (options.importInto) {
        const count = await withVault(options.importInto, options, (vault) =>
          vault.tokens.importMany(vault.accounts.resolve(options.account!).id, bundleTokensToImportRows(doc)),
        );
        printLine(String(count));
        return;
      }
      const shown = doc.tokens.map(({ value, ...rest }) => (options.reveal ? { ...rest, value } : rest));
      if (options.json) return printJson({ ...doc, tokens: shown });
      printLine(
        `Bundle for ${doc.recipient} from ${doc.from}, made ${doc.createdAt}: ${doc.tokens.length} token(s).`,
      );
      printTable(
        ['NAME', 'ACCOUNT', 'KIND', 'KEY ID', ...(options.reveal ? ['VALUE'] : [])],
        doc.tokens.map((t) => [
          t.name,
          t.account,
          t.kind,
          t.keyId ?? '',
          ...(options.reveal ? [t.value ?? ''] : []),
        ]),
      );
    },
  );

  addUnlockOptions(
    groups.handoff
      .command('list')
      .description('what was handed to whom')
      .argument('<vault>')
      .option('--json', 'print JSON'),
  ).action(async (path: string, options: UnlockOptions & { json?: boolean }) => {
    const records = await withVault(path, options, (vault) => listHandoffs(vault));
    if (options.json) return printJson(records);
    if (records.length === 0) return printLine('No handoffs yet.');
    printTable(
      ['ID', 'WHEN', 'RECIPIENT', 'TOKENS', 'FILE', 'PASSWORD BY'],
      records.map((r) => [
        r.id,
        r.createdAt,
        r.recipient,
        r.tokens.map((t) => t.name).join(', '),
        r.fileName,
        r.passwordChannel,
      ]),
    );
  });
}

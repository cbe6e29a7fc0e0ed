import { existsSync, rmSync } from 'node:fs';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { VaultError } from '../../shared/errors';
import { DEFAULT_HANDOFF_FIELDS } from '../../shared/handoff-defaults';
import { HANDOFF_FIELDS } from '../../shared/handoff-format';
import {
  acceptTypedBundlePassword,
  generateBundlePassword,
  type BundlePassword,
} from '../../main/core/handoff/bundle-password';
import { openBundleFile } from '../../main/core/handoff/open-bundle';
import { PASSWORD_CHANNELS, type PasswordChannel } from '../../main/core/handoff/handoff-service';
import { writeFileAtomic } from '../../main/core/fs/atomic-write';
import { printJson, printLine, printTable } from '../output';
import { readFirstLine } from '../password-input';
import { withVault } from '../open-vault';
import { addUnlockOptions, type UnlockOptions } from '../unlock-options';
import { UsageError } from '../usage-error';
import type { CliGroups } from './cli-groups';
import { bundleKeyFromOptions } from './handoff-bundle-key';
import { parseId } from './token-commands';

/** What the admin may choose in `--channel`; `unknown` is what is recorded when it is not given. */
const CHOSEN_CHANNELS = PASSWORD_CHANNELS.filter((channel) => channel !== 'unknown');

function parseFields(text: string) {
  const fields = text
    .split(',')
    .map((field) => field.trim())
    .filter(Boolean);
  const unknown = fields.filter((field) => !(HANDOFF_FIELDS as readonly string[]).includes(field));
  if (unknown.length || fields.length === 0)
    throw new UsageError(`--fields takes a comma-separated list of: ${HANDOFF_FIELDS.join(', ')}.`);
  return fields as (typeof HANDOFF_FIELDS)[number][];
}

interface ExportOptions extends UnlockOptions {
  recipient: string;
  token: number[];
  out: string;
  fields: string;
  bundlePasswordFile?: string;
  passwordOut?: string;
  passwordStyle: string;
  channel?: string;
  toKey?: boolean;
  armor?: boolean;
  zip?: boolean;
}

async function bundlePasswordFor(options: ExportOptions): Promise<BundlePassword> {
  if (options.bundlePasswordFile)
    return acceptTypedBundlePassword(readFirstLine(options.bundlePasswordFile, 'bundle password'));
  const style = options.passwordStyle;
  if (style !== 'passphrase' && style !== 'random')
    throw new UsageError('--password-style is passphrase or random.');
  return generateBundlePassword(style);
}

/** An age bundle when asked, or by default when the recipient has a key; password options then make no sense. */
function useAgeKey(options: ExportOptions, recipientHasKey: boolean): boolean {
  if (options.zip) return false;
  const wanted = options.toKey === true || options.armor === true || recipientHasKey;
  if (wanted && (options.bundlePasswordFile || options.passwordOut || options.channel !== undefined))
    throw new UsageError(
      recipientHasKey && !options.toKey && !options.armor
        ? 'This recipient has an age key, so the bundle is encrypted to it and needs no password; add --zip to send a password ZIP instead.'
        : 'A bundle encrypted to an age key has no password: leave out --bundle-password-file, --password-out and --channel.',
    );
  return wanted;
}

function registerExport(groups: CliGroups): void {
  addUnlockOptions(
    groups.handoff
      .command('export')
      .description(
        'write a bundle of tokens for a recipient: encrypted to their age key when they have one, else an AES-256 ZIP with a password',
      )
      .argument('<vault>')
      .requiredOption('--recipient <name>', 'recipient name or id')
      .requiredOption(
        '--token <id>',
        'token id (repeat for several)',
        (value: string, previous: number[] = []) => [...previous, parseId(value)],
      )
      .requiredOption(
        '--out <file>',
        'bundle to create (.age or .zip); an existing file is never overwritten',
      )
      .option('--to-key', "encrypt to the recipient's age key (the default when it has one); no password")
      .option('--armor', 'with an age key: write ASCII armor (text) instead of binary')
      .option('--zip', 'a password-protected AES-256 ZIP even though the recipient has an age key')
      .option(
        '--fields <list>',
        `what to include, comma-separated: ${HANDOFF_FIELDS.join(',')}`,
        DEFAULT_HANDOFF_FIELDS.join(','),
      )
      .option(
        '--bundle-password-file <path>',
        'use the password on the first line of this file (printable ASCII, 20+ characters, zxcvbn 4/4)',
      )
      .option(
        '--password-out <path>',
        'write the generated password to this new file (mode 0600) instead of stderr',
      )
      .option(
        '--password-style <style>',
        'generated password: passphrase (8 words) or random (24 characters)',
        'passphrase',
      )
      .option(
        '--channel <channel>',
        `how the password will travel: ${CHOSEN_CHANNELS.join(', ')} (recorded; default unknown)`,
      )
      .option('--json', 'print the handoff record as JSON (never the password)'),
  ).action(async (path: string, options: ExportOptions & { json?: boolean }) => {
    if (options.zip && (options.toKey || options.armor))
      throw new UsageError(
        '--zip makes a password ZIP; --to-key and --armor make an age bundle: choose one.',
      );
    if (options.bundlePasswordFile && options.passwordOut)
      throw new UsageError('Use --bundle-password-file or --password-out, not both.');
    if (options.channel !== undefined && !(CHOSEN_CHANNELS as string[]).includes(options.channel))
      throw new UsageError(`--channel is one of: ${CHOSEN_CHANNELS.join(', ')}.`);
    const fields = parseFields(options.fields);
    if (existsSync(options.out))
      throw new VaultError(
        'ALREADY_EXISTS',
        `${basename(options.out)} already exists; it was not overwritten.`,
      );
    const { record, bundlePassword } = await withVault(path, options, async (vault) => {
      if (useAgeKey(options, vault.recipientKeys.current(options.recipient) !== null)) {
        const toKey = { armor: options.armor === true };
        const { result: made } = await vault.useCases.exportHandoff({
          recipient: options.recipient,
          tokenIds: options.token,
          fields,
          outPath: options.out,
          toKey,
        });
        return { record: made, bundlePassword: null };
      }
      const password = await bundlePasswordFor(options);
      // The password file is written before the bundle: a path that cannot take it stops the export before any
      // bundle exists or any HandedOff event is recorded (otherwise a bundle would be out with its password lost).
      if (options.passwordOut)
        writeFileAtomic(options.passwordOut, `${password.password}\n`, { exclusive: true });
      const { result: made } = await vault.useCases
        .exportHandoff({
          recipient: options.recipient,
          tokenIds: options.token,
          fields,
          outPath: options.out,
          password: password.password,
          channel: (options.channel as PasswordChannel | undefined) ?? 'unknown',
        })
        .catch((error: unknown) => {
          if (options.passwordOut) rmSync(options.passwordOut, { force: true });
          throw error;
        });
      return { record: made, bundlePassword: password };
    });
    if (options.json) printJson(record);
    else
      printLine(
        `Wrote ${record.fileName} for ${record.recipient}: ${record.tokens.length} token(s), SHA-256 ${record.sha256}.`,
      );
    if (!bundlePassword) {
      process.stderr.write(
        `Encrypted to ${record.recipient}'s age key (fingerprint ${record.keyFingerprint}): there is no password to send.\n` +
          `They open it with: age -d -i key.txt ${record.fileName} > tokens.zip (or in Token Vault: Open bundle).\n`,
      );
      return;
    }
    if (bundlePassword.style === 'typed') return;
    const bits = Math.floor(bundlePassword.entropyBits);
    if (options.passwordOut) {
      process.stderr.write(
        `The bundle password (${bits} bits) is in ${options.passwordOut}; it is stored nowhere else.\n`,
      );
    } else {
      // stderr, once: stdout stays for scripts, and the password is stored nowhere.
      process.stderr.write(
        `Bundle password (${bits} bits), shown once and stored nowhere:\n${bundlePassword.password}\n`,
      );
    }
    process.stderr.write(
      'Send the file one way and the password another (SMS, WhatsApp or a phone call), never both in one message.\n',
    );
  });
}

function registerOpen(groups: CliGroups): void {
  addUnlockOptions(
    groups.handoff
      .command('open')
      .description('show the tokens of a bundle (values only with --reveal), or import them into a vault')
      .argument('<file>')
      .option('--bundle-password-file <path>', 'file whose first line is the bundle password (else a prompt)')
      .option(
        '--identity-vault <vault>',
        "an age bundle: decrypt with this vault's age key (tokenvault identity create)",
      )
      .option(
        '--identity-file <path>',
        'an age bundle: decrypt with the age secret key(s) in this file (age-keygen)',
      )
      .option('--json', 'print JSON')
      .option('--reveal', 'include token values in the output')
      .option('--import-into <vault>', 'import the tokens into this vault: all of them or none')
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
        identityVault?: string;
        identityFile?: string;
      },
    ) => {
      if (options.importInto && !options.account) throw new UsageError('--import-into needs --account.');
      if (options.account && !options.importInto) throw new UsageError('--account goes with --import-into.');
      const doc = await openBundleFile(file, bundleKeyFromOptions(options));
      if (options.importInto) {
        const { result: count } = await withVault(options.importInto, options, (vault) =>
          vault.useCases.importBundle(doc, options.account!),
        );
        if (options.json) return printJson({ imported: count });
        printLine(String(count));
        return;
      }
      const shown = doc.tokens.map(({ value, ...rest }) => (options.reveal ? { ...rest, value } : rest));
      if (options.json) return printJson({ ...doc, tokens: shown });
      printLine(
        `Bundle for ${doc.recipient} from ${doc.from}, made ${doc.createdAt}: ${doc.tokens.length} token(s).`,
      );
      printTable(
        ['NAME', 'ACCOUNT', 'PLATFORM', 'KIND', 'KEY ID', 'EXPIRES', ...(options.reveal ? ['VALUE'] : [])],
        doc.tokens.map((t) => [
          t.name,
          t.account,
          t.platform,
          t.kind,
          t.keyId ?? '',
          t.expiresAt ?? '',
          ...(options.reveal ? [t.value ?? '(not in bundle)'] : []),
        ]),
      );
    },
  );
}

function registerList(groups: CliGroups): void {
  addUnlockOptions(
    groups.handoff
      .command('list')
      .description('what was handed to whom, newest first')
      .argument('<vault>')
      .option('--recipient <name>', 'only this recipient')
      .option('--json', 'print JSON'),
  ).action(async (path: string, options: UnlockOptions & { json?: boolean; recipient?: string }) => {
    const records = await withVault(path, options, (vault) =>
      vault.handoffs.list(options.recipient === undefined ? {} : { recipient: options.recipient }),
    );
    if (options.json) return printJson(records);
    if (records.length === 0) return printLine('No handoffs yet.');
    printTable(
      ['ID', 'WHEN', 'RECIPIENT', 'TOKENS', 'FIELDS', 'FILE', 'PASSWORD BY', 'SHA-256', 'FORMAT'],
      records.map((r) => [
        r.id,
        r.createdAt,
        r.recipient,
        r.tokens.map((t) => t.name).join(', '),
        r.fields.join(','),
        r.fileName,
        r.passwordChannel,
        r.sha256.slice(0, 16),
        r.keyFingerprint ? `${r.format} (key ${r.keyFingerprint})` : r.format,
      ]),
    );
  });
}

export function registerHandoffCommands(groups: CliGroups, _program: Command): void {
  registerExport(groups);
  registerOpen(groups);
  registerList(groups);
}

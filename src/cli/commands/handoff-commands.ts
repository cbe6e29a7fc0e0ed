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
import { readFirstLine, readSecret } from '../password-input';
import { withVault } from '../open-vault';
import { addUnlockOptions, type UnlockOptions } from '../unlock-options';
import { UsageError } from '../usage-error';
import type { CliGroups } from './cli-groups';
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
}

async function bundlePasswordFor(options: ExportOptions): Promise<BundlePassword> {
  if (options.bundlePasswordFile)
    return acceptTypedBundlePassword(readFirstLine(options.bundlePasswordFile, 'bundle password'));
  const style = options.passwordStyle;
  if (style !== 'passphrase' && style !== 'random')
    throw new UsageError('--password-style is passphrase or random.');
  return generateBundlePassword(style);
}

function registerExport(groups: CliGroups): void {
  addUnlockOptions(
    groups.handoff
      .command('export')
      .description('write a password-protected bundle (AES-256 ZIP) of tokens for a recipient')
      .argument('<vault>')
      .requiredOption('--recipient <name>', 'recipient name or id')
      .requiredOption(
        '--token <id>',
        'token id (repeat for several)',
        (value: string, previous: number[] = []) => [...previous, parseId(value)],
      )
      .requiredOption('--out <file>', 'bundle to create (.zip); an existing file is never overwritten')
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
    const bundlePassword = await bundlePasswordFor(options);
    // The password file is written before the bundle: a path that cannot take it stops the export before any bundle
    // exists or any HandedOff event is recorded (otherwise a bundle would be out with its password lost).
    if (options.passwordOut)
      writeFileAtomic(options.passwordOut, `${bundlePassword.password}\n`, { exclusive: true });
    const { result: record } = await withVault(path, options, (vault) =>
      vault.useCases.exportHandoff({
        recipient: options.recipient,
        tokenIds: options.token,
        fields,
        outPath: options.out,
        password: bundlePassword.password,
        channel: (options.channel as PasswordChannel | undefined) ?? 'unknown',
      }),
    ).catch((error: unknown) => {
      if (options.passwordOut) rmSync(options.passwordOut, { force: true });
      throw error;
    });
    if (options.json) printJson(record);
    else
      printLine(
        `Wrote ${record.fileName} for ${record.recipient}: ${record.tokens.length} token(s), SHA-256 ${record.sha256}.`,
      );
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
      },
    ) => {
      if (options.importInto && !options.account) throw new UsageError('--import-into needs --account.');
      if (options.account && !options.importInto) throw new UsageError('--account goes with --import-into.');
      const password = await readSecret(
        { file: options.bundlePasswordFile, what: 'bundle password' },
        'Bundle password: ',
      );
      const doc = await openBundleFile(file, password);
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
      ['ID', 'WHEN', 'RECIPIENT', 'TOKENS', 'FIELDS', 'FILE', 'PASSWORD BY', 'SHA-256'],
      records.map((r) => [
        r.id,
        r.createdAt,
        r.recipient,
        r.tokens.map((t) => t.name).join(', '),
        r.fields.join(','),
        r.fileName,
        r.passwordChannel,
        r.sha256.slice(0, 16),
      ]),
    );
  });
}

export function registerHandoffCommands(groups: CliGroups, _program: Command): void {
  registerExport(groups);
  registerOpen(groups);
  registerList(groups);
}

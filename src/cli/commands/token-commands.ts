import { parseBoundedJson } from '../../main/core/import/bounded-json';
import { localDayOf } from '../../shared/dates';
import { VaultError } from '../../shared/errors';
import type { TokenUpdateInput } from '../../shared/inputs';
import type { TokenMeta, VaultEvent } from '../../shared/model';
import { csvToImportRows } from '../../main/core/import/csv-table';
import { IMPORT_FILE_MAX_BYTES, VALUE_INPUT_MAX_BYTES } from '../../main/core/input/input-limits';
import { readBoundedTextFile } from '../../main/core/input/read-text-input';
import { decodeUtf8Strictly } from '../../main/core/input/strict-utf8';
import { readBoundedStdin } from '../read-bounded-stdin';
import { printJson, printLine, printTable } from '../output';
import { readFirstLine } from '../password-input';
import { withVault } from '../open-vault';
import { addUnlockOptions, type UnlockOptions } from '../unlock-options';
import { UsageError } from '../usage-error';
import type { CliGroups } from './cli-groups';
import { parseNowOption, printStateDetail, stateCell, stateJson, usageJson } from './lifecycle-state';

/** The --json shape of a token: metadata only, never a value (docs/cli.md). */
export function tokenJson(token: TokenMeta) {
  return {
    id: token.id,
    accountId: token.accountId,
    account: token.accountName,
    name: token.name,
    kind: token.kind,
    role: token.role,
    description: token.description,
    keyId: token.keyId,
    status: token.status,
    enabled: token.enabled,
    assignedTo: token.assignedTo,
    application: token.application,
    createdAt: token.createdAt,
    updatedAt: token.updatedAt,
    generatedAt: token.generatedAt,
    lastActivityAt: token.lastActivityAt,
    expiresAt: token.expiresAt,
    previousValueCount: token.previousValueCount,
  };
}

export function eventJson(event: VaultEvent) {
  return {
    seq: event.seq,
    at: event.at,
    actor: event.actor,
    kind: event.kind,
    accountId: event.accountId,
    tokenId: event.tokenId,
    details: event.details,
  };
}

export function parseId(text: string, what = 'token id'): number {
  if (!/^\d{1,15}$/.test(text) || Number(text) < 1)
    throw new UsageError(`"${text.slice(0, 40)}" is not a ${what}: use the number shown by list.`);
  return Number(text);
}

function parseLength(text: string): number {
  if (!/^\d{1,5}$/.test(text)) throw new UsageError('--length takes a whole number, e.g. 64.');
  return Number(text);
}

/** A token value piped on stdin (one trailing newline dropped); never from a terminal, where it would echo. */
export async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) throw new UsageError('--value-stdin reads a piped value; nothing was piped.');
  const what = 'The value on standard input';
  const bytes = await readBoundedStdin(VALUE_INPUT_MAX_BYTES, what);
  return decodeUtf8Strictly(bytes, what).replace(/\r?\n$/, '');
}

function readImportFile(file: string, format: string | undefined): unknown[] {
  const kind = format ?? (file.toLowerCase().endsWith('.csv') ? 'csv' : 'json');
  if (kind !== 'csv' && kind !== 'json') throw new UsageError('--format is json or csv.');
  const text = readBoundedTextFile(file, { maxBytes: IMPORT_FILE_MAX_BYTES, what: 'The import file' });
  if (kind === 'csv') return csvToImportRows(text);
  // Core's JSON reader: bounded depth, and a key given twice in one row is refused rather than the last one kept.
  const parsed = parseBoundedJson(text, file);
  if (!Array.isArray(parsed))
    throw new VaultError('INVALID_INPUT', 'The JSON import must be an array of tokens.');
  return parsed;
}

function printTokenDetail(token: TokenMeta): void {
  const rows: [string, string | number | null][] = [
    ['id', token.id],
    ['account', token.accountName],
    ['name', token.name],
    ['kind', token.kind],
    ['role', token.role],
    ['description', token.description],
    ['key id', token.keyId],
    ['assigned to', token.assignedTo],
    ['application', token.application],
    ['created', token.createdAt],
    ['updated', token.updatedAt],
    ['generated', token.generatedAt],
    ['last activity', token.lastActivityAt],
    ['expires', token.expiresAt ? localDayOf(token.expiresAt) : null],
    ['value', `hidden (${token.valueLength} characters; use "token reveal")`],
  ];
  for (const [label, value] of rows) printLine(`${label.padEnd(14)}${value ?? '-'}`);
}

export function registerTokenCommands(groups: CliGroups): void {
  const token = groups.token.description('tokens: add, import, list, show, reveal, history');

  addUnlockOptions(
    token
      .command('add')
      .description('add a token; prints its id')
      .argument('<vault>')
      .requiredOption('--account <account>', 'account name or id')
      .requiredOption('--name <name>', 'what the token is for, e.g. "Salesforce sync"')
      .option('--kind <kind>', 'token kind, e.g. api-token')
      .option('--role <role>', 'primary, secondary or standalone')
      .option('--description <text>', 'description')
      .option('--assigned-to <user>', 'user the token is assigned to')
      .option('--key-id <id>', 'non-secret identifier (token key, client id)')
      .option('--application <name>', 'application that uses it')
      .option('--generate', 'generate a random value (64 alphanumerics by default)')
      .option('--length <n>', 'length of a generated value')
      .option('--value-file <path>', 'file whose first line is the value')
      .option('--value-stdin', 'read the value from standard input')
      .option('--json', 'print the token as JSON (metadata only)'),
  ).action(
    async (
      path: string,
      options: UnlockOptions & {
        json?: boolean;
        account: string;
        name: string;
        kind?: string;
        role?: string;
        description?: string;
        assignedTo?: string;
        keyId?: string;
        application?: string;
        generate?: boolean;
        length?: string;
        valueFile?: string;
        valueStdin?: boolean;
      },
    ) => {
      const sources = [options.generate, options.valueFile, options.valueStdin].filter(Boolean).length;
      if (sources !== 1)
        throw new UsageError('Give exactly one of --generate, --value-file or --value-stdin.');
      if (options.length !== undefined && !options.generate)
        throw new UsageError('--length only goes with --generate.');
      const value = options.valueFile
        ? readFirstLine(options.valueFile, 'value', VALUE_INPUT_MAX_BYTES)
        : options.valueStdin
          ? await readStdin()
          : undefined;
      const { result: created } = await withVault(path, options, (vault) => {
        const account = vault.accounts.resolve(options.account);
        return vault.useCases.createToken({
          accountId: account.id,
          name: options.name,
          kind: options.kind,
          role: options.role as 'primary' | 'secondary' | 'standalone' | undefined,
          description: options.description,
          assignedTo: options.assignedTo,
          keyId: options.keyId,
          application: options.application,
          ...(value !== undefined
            ? { value }
            : { generate: { length: options.length !== undefined ? parseLength(options.length) : 64 } }),
        });
      });
      if (options.json) return printJson(tokenJson(created));
      printLine(String(created.id));
    },
  );

  addUnlockOptions(
    token
      .command('edit')
      .description(
        'change a token\'s metadata (a new value is "token regenerate"\'s job); prints what changed',
      )
      .argument('<vault>')
      .argument('<id>')
      .option('--name <name>', 'new name')
      .option('--kind <kind>', 'new kind')
      .option('--role <role>', 'primary, secondary or standalone')
      .option('--description <text>', 'new description')
      .option('--assigned-to <user>', 'user the token is assigned to ("" to clear)')
      .option('--key-id <id>', 'non-secret identifier ("" to clear)')
      .option('--application <name>', 'application that uses it ("" to clear)')
      .option('--json', 'print the token as JSON (metadata only)'),
  ).action(
    async (
      path: string,
      id: string,
      options: UnlockOptions & {
        name?: string;
        kind?: string;
        role?: string;
        description?: string;
        assignedTo?: string;
        keyId?: string;
        application?: string;
        json?: boolean;
      },
    ) => {
      const tokenId = parseId(id);
      const clearable = (text: string | undefined) =>
        text === undefined ? undefined : text === '' ? null : text;
      const patch = Object.fromEntries(
        Object.entries({
          name: options.name,
          kind: options.kind,
          role: options.role,
          description: options.description,
          assignedTo: clearable(options.assignedTo),
          keyId: clearable(options.keyId),
          application: clearable(options.application),
        }).filter(([, value]) => value !== undefined),
      );
      if (Object.keys(patch).length === 0)
        throw new UsageError(
          'Nothing to change: give --name, --kind, --role, --description, --assigned-to, --key-id or --application.',
        );
      const { result, changed } = await withVault(path, options, (vault) =>
        vault.useCases.updateToken({ id: tokenId, ...patch } as TokenUpdateInput),
      );
      if (options.json) return printJson(tokenJson(result));
      printLine(
        changed
          ? `Token ${result.id} "${result.name}" saved.`
          : `Token ${result.id} "${result.name}" was already so.`,
      );
    },
  );

  addUnlockOptions(
    token
      .command('import')
      .description('import tokens from JSON or CSV, all or nothing; prints the count')
      .argument('<vault>')
      .requiredOption('--account <account>', 'account name or id')
      .requiredOption('--file <path>', 'JSON array or CSV with a header row')
      .option('--format <format>', 'json or csv (default: from the file name)')
      .option('--json', 'print { imported } as JSON'),
  ).action(
    async (
      path: string,
      options: UnlockOptions & { account: string; file: string; format?: string; json?: boolean },
    ) => {
      const rows = readImportFile(options.file, options.format);
      const { result: count } = await withVault(path, options, (vault) =>
        vault.useCases.importTokens(options.account, rows),
      );
      if (options.json) return printJson({ imported: count });
      printLine(String(count));
    },
  );

  addUnlockOptions(
    token
      .command('list')
      .description('list tokens (never their values)')
      .argument('<vault>')
      .option('--account <account>', 'only this account (name or id)')
      .option(
        '--search <text>',
        'only tokens whose name, description, user, application or key id contain this',
      )
      .option('--hide-unassigned', 'leave out secondary tokens that serve no endpoint')
      .option('--now <date>', 'show the state at another date, e.g. 2026-12-31 (nothing is written)')
      .option('--json', 'print JSON'),
  ).action(
    async (
      path: string,
      options: UnlockOptions & {
        account?: string;
        search?: string;
        json?: boolean;
        hideUnassigned?: boolean;
        now?: string;
      },
    ) => {
      const now = parseNowOption(options.now);
      const { tokens, states } = await withVault(path, options, (vault) => {
        const listed = vault.tokens.list({
          accountId: options.account !== undefined ? vault.accounts.resolve(options.account).id : undefined,
          search: options.search,
        });
        const shown = options.hideUnassigned ? vault.endpoints.hideUnassigned(listed) : listed;
        return { tokens: shown, states: vault.lifecycle.statesAt(shown, now) };
      });
      if (options.json)
        return printJson(tokens.map((t) => ({ ...tokenJson(t), state: stateJson(t, states.get(t.id)!) })));
      if (tokens.length === 0)
        return printLine(
          'No tokens. Add one with: tokenvault token add VAULT --account A --name N --generate',
        );
      printTable(
        ['ID', 'ACCOUNT', 'NAME', 'KIND', 'ROLE', 'STATE', 'ASSIGNED TO'],
        tokens.map((t) => [
          t.id,
          t.accountName,
          t.name,
          t.kind,
          t.role,
          stateCell(t, states.get(t.id)!),
          t.assignedTo,
        ]),
      );
    },
  );

  addUnlockOptions(
    token
      .command('show')
      .description('show one token (metadata only)')
      .argument('<vault>')
      .argument('<id>')
      .option('--now <date>', 'show the state at another date, e.g. 2026-12-31 (nothing is written)')
      .option('--json', 'print JSON'),
  ).action(async (path: string, id: string, options: UnlockOptions & { json?: boolean; now?: string }) => {
    const tokenId = parseId(id);
    const now = parseNowOption(options.now);
    const { meta, state, usage } = await withVault(path, options, (vault) => ({
      meta: vault.tokens.get(tokenId),
      state: vault.lifecycle.stateAt(tokenId, now),
      usage: vault.lifecycle.usage(tokenId),
    }));
    if (options.json)
      printJson({ ...tokenJson(meta), state: stateJson(meta, state), usage: usageJson(usage) });
    else {
      printTokenDetail(meta);
      printStateDetail(meta, state, usage, now);
    }
  });

  addUnlockOptions(
    token
      .command('reveal')
      .description('print the secret value alone; recorded in the history')
      .argument('<vault>')
      .argument('<id>'),
  ).action(async (path: string, id: string, options: UnlockOptions) => {
    const tokenId = parseId(id);
    const value = await withVault(path, options, (vault) =>
      vault.useCases.readSecretValue(tokenId, 'reveal'),
    );
    printLine(value);
  });

  addUnlockOptions(
    token
      .command('history')
      .description('the full history of a token')
      .argument('<vault>')
      .argument('<id>')
      .option('--json', 'print JSON'),
  ).action(async (path: string, id: string, options: UnlockOptions & { json?: boolean }) => {
    const tokenId = parseId(id);
    const events = await withVault(path, options, (vault) => vault.tokens.history(tokenId));
    if (options.json) return printJson(events.map(eventJson));
    printTable(
      ['#', 'WHEN', 'WHO', 'WHAT', 'DETAILS'],
      events.map((e) => [e.seq, e.at, e.actor, e.kind, JSON.stringify(e.details)]),
    );
  });
}

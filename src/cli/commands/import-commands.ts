import { localDayOf } from '../../shared/dates';
import type { Command } from 'commander';
import { IMPORT_FORMAT_LABELS, type ImportResult } from '../../shared/import-views';
import { parseMappingPairs } from '../../main/core/import/import-mapping';
import { previewImport, type ImportPlan, type ImportPreview } from '../../main/core/import/import-preview';
import { IMPORT_FORMATS } from '../../main/core/import/import-source';
import { parseImportFormat, readImportFile } from '../../main/core/import/read-import-source';
import { printJson, printLine, printTable } from '../output';
import { readFirstLine } from '../password-input';
import { withVault } from '../open-vault';
import { addUnlockOptions, type UnlockOptions } from '../unlock-options';
import { UsageError } from '../usage-error';
import type { CliGroups } from './cli-groups';

interface ImportOptions extends UnlockOptions {
  from: string;
  file: string;
  sourcePasswordFile?: string;
  keyFile?: string;
  account?: string;
  profile?: string;
  map?: string;
  rows?: string;
  skipRefused?: boolean;
  includeDuplicates?: boolean;
  dryRun?: boolean;
  json?: boolean;
}

function parseRows(text: string): number[] {
  const rows = text.split(',').map((part) => part.trim());
  if (rows.some((row) => !/^\d{1,7}$/.test(row) || Number(row) < 1))
    throw new UsageError('--rows takes row numbers separated by commas, e.g. --rows 1,2,5 (see --dry-run).');
  return rows.map(Number);
}

function printPreview(preview: ImportPreview): void {
  printTable(
    ['ROW', 'IMPORT', 'ACCOUNT', 'KIND', 'ROLE', 'NAME', 'KEY ID', 'VALUE', 'EXPIRES', 'PROBLEM'],
    preview.rows.map((row) => [
      row.row,
      row.selected ? 'yes' : 'no',
      `${row.account}${row.accountId === null ? ` (new, ${row.profile})` : ''}`,
      row.kind,
      row.role,
      row.name,
      row.keyId,
      `${row.valueMask || '(empty)'} ${row.valueLength}`,
      row.expiresAt ? localDayOf(row.expiresAt) : undefined,
      row.refusal ?? row.duplicate,
    ]),
  );
  const { counts } = preview;
  process.stderr.write(
    `${counts.rows} row(s) from the ${preview.formatLabel}: ${counts.selected} would be imported, ${counts.refused} refused, ${counts.duplicates} duplicate(s). Nothing was written.\n`,
  );
  for (const note of preview.notes) process.stderr.write(`${note}\n`);
}

function printResult(result: ImportResult, formatLabel: string): void {
  printLine(String(result.imported));
  process.stderr.write(
    `Imported ${result.imported} token(s) from the ${formatLabel}${result.accountsCreated.length ? `; new accounts: ${result.accountsCreated.join(', ')}` : ''}.\n`,
  );
  for (const skipped of result.skipped)
    process.stderr.write(`Skipped row ${skipped.row}: ${skipped.reason}\n`);
}

export function registerImportCommands(_groups: CliGroups, program: Command): void {
  addUnlockOptions(
    program
      .command('import')
      .description(
        'bring tokens in from KeePass, Bitwarden, 1Password, .env or CSV: preview, then write all or nothing',
      )
      .argument('<vault>')
      .requiredOption('--from <format>', IMPORT_FORMATS.join('|'))
      .requiredOption('--file <path>', 'the export or database to read')
      .option('--source-password-file <path>', "file whose first line is the source's own password (a .kdbx)")
      .option('--key-file <path>', 'the KeePass key file of a .kdbx')
      .option('--account <account>', 'put every row in this account (created when it does not exist)')
      .option('--profile <profile>', 'profile of the accounts the import creates (default generic)')
      .option(
        '--map <pairs>',
        'COLUMN=FIELD,... (fields: account, name, value, kind, role, description, keyId, assignedTo, application, expiresAt)',
      )
      .option('--rows <numbers>', 'import only these rows, e.g. 1,2,5 (numbers from --dry-run)')
      .option('--skip-refused', 'import the other rows when the profile refuses some')
      .option('--include-duplicates', 'also import values the vault or the file already holds')
      .option('--dry-run', 'show what would be imported; write nothing')
      .option('--json', 'print JSON'),
  ).action(async (path: string, options: ImportOptions) => {
    const format = parseImportFormat(options.from);
    const plan: ImportPlan = {
      ...(options.map !== undefined ? { mapping: parseMappingPairs(options.map) } : {}),
      ...(options.account !== undefined ? { account: options.account } : {}),
      ...(options.profile !== undefined ? { newAccountProfile: options.profile } : {}),
      ...(options.rows !== undefined ? { selection: parseRows(options.rows) } : {}),
      ...(options.includeDuplicates ? { includeDuplicates: true } : {}),
    };
    // The source is read (and its own password checked) before the vault is unlocked: a wrong source password
    // never counts toward the vault's back-off.
    const source = await readImportFile(options.file, {
      format,
      ...(options.sourcePasswordFile !== undefined
        ? { sourcePassword: readFirstLine(options.sourcePasswordFile, 'source password') }
        : {}),
      ...(options.keyFile !== undefined ? { keyFilePath: options.keyFile } : {}),
    });
    await withVault(path, options, (vault) => {
      if (options.dryRun) {
        const preview = previewImport(vault, source, plan);
        return options.json ? printJson(preview) : printPreview(preview);
      }
      // Which rows: core's one rule (src/main/core/import/import-selection.ts), the same the app's preview shows.
      const { result } = vault.useCases.importFromSource(source, plan, {
        refusedRows: options.skipRefused ? 'skip' : 'stop',
      });
      if (options.json) printJson(result);
      else printResult(result, IMPORT_FORMAT_LABELS[source.format]);
    });
  });
}

import { VaultError } from '../../../shared/errors';
import { addExtraColumn } from './extra-column';
import { readCsvTable } from './csv-table';
import { COLUMN, newRecord, structuredSource, type ImportSource } from './import-source';
import { SourceRows } from './source-rows';

const WHAT = 'The Bitwarden CSV export';

/**
 * Bitwarden's CSV export (personal: folder,favorite,type,name,notes,fields,reprompt,login_uri,login_username,
 * login_password,login_totp; organisation: collections instead of folder). Its "fields" cell lists custom fields as
 * "name: value" lines without saying which were hidden, so they become columns, never values.
 */
export function readBitwardenCsv(text: string): ImportSource {
  const { header, records } = readCsvTable(text, WHAT);
  const has = (name: string) => header.includes(name);
  if (!has('name') || !has('login_password') || !(has('folder') || has('collections'))) {
    throw new VaultError(
      'INVALID_INPUT',
      `${WHAT} should have Bitwarden's columns (folder or collections, name, login_password, ...); this one does not.`,
    );
  }
  const rows = new SourceRows(WHAT);
  let withoutSecret = 0;
  for (const record of records) {
    if ((record.login_password ?? '') === '') {
      withoutSecret++;
      continue;
    }
    const row = newRecord();
    row[COLUMN.group] = (record.folder ?? record.collections ?? '').split(',')[0]!.trim();
    row[COLUMN.title] = (record.name ?? '').trim();
    row[COLUMN.secretName] = 'login_password';
    row[COLUMN.secret] = record.login_password ?? '';
    row[COLUMN.username] = record.login_username ?? '';
    row[COLUMN.url] = record.login_uri ?? '';
    row[COLUMN.notes] = record.notes ?? '';
    row[COLUMN.expires] = '';
    row[COLUMN.type] = record.type ?? '';
    // Bitwarden writes one "name: value" line per field; a value with a line break goes on over the next lines,
    // which are kept in that value (they used to be dropped).
    let previous: string | null = null;
    for (const line of (record.fields ?? '').split(/\r?\n/)) {
      const at = line.indexOf(': ');
      if (at > 0) previous = addExtraColumn(row, line.slice(0, at), line.slice(at + 2), WHAT);
      else if (previous !== null) row[previous] += `\n${line}`;
    }
    rows.add(row);
  }
  const notes = withoutSecret > 0 ? [`${withoutSecret} row(s) without a login password were left out.`] : [];
  return structuredSource('bitwarden-csv', rows.records, notes);
}

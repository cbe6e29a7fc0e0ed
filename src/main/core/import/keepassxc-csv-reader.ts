import { VaultError } from '../../../shared/errors';
import { readCsvTable } from './csv-table';
import { accountFromGroupPath } from './keepass-entries';
import { COLUMN, newRecord, structuredSource, type ImportSource } from './import-source';

const WHAT = 'The KeePassXC CSV export';
const SIX_COLUMNS = ['Group', 'Title', 'Username', 'Password', 'URL', 'Notes'];
const TEN_COLUMNS = [...SIX_COLUMNS, 'TOTP', 'Icon', 'Last Modified', 'Created'];

/** KeePassXC's CSV export: the ten-column form of 2.6 and later, or the older six-column one. */
export function readKeepassxcCsv(text: string): ImportSource {
  const { header, records } = readCsvTable(text, WHAT);
  const same = (expected: string[]) =>
    header.length === expected.length &&
    header.every((name, i) => name.toLowerCase() === expected[i]!.toLowerCase());
  if (!same(TEN_COLUMNS) && !same(SIX_COLUMNS)) {
    throw new VaultError(
      'INVALID_INPUT',
      `${WHAT} should start with the header ${TEN_COLUMNS.map((c) => `"${c}"`).join(',')} (or its first six columns); this one does not. Use --from csv with --map for other spreadsheets.`,
    );
  }
  const get = (record: Record<string, string>, name: string) =>
    record[header.find((h) => h.toLowerCase() === name.toLowerCase()) ?? name] ?? '';
  return structuredSource(
    'keepassxc-csv',
    records.map((record) => {
      const row = newRecord();
      row[COLUMN.group] = accountFromGroupPath(get(record, 'Group'));
      row[COLUMN.title] = get(record, 'Title').trim();
      row[COLUMN.secretName] = 'Password';
      row[COLUMN.secret] = get(record, 'Password');
      row[COLUMN.username] = get(record, 'Username');
      row[COLUMN.url] = get(record, 'URL');
      row[COLUMN.notes] = get(record, 'Notes');
      row[COLUMN.expires] = '';
      row[COLUMN.type] = 'entry';
      if (header.length === TEN_COLUMNS.length) {
        row['Last Modified'] = get(record, 'Last Modified');
        row['Created'] = get(record, 'Created');
      }
      return row;
    }),
  );
}

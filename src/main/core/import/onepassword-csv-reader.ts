import { agree, plural } from '../../../shared/plural';
import { VaultError } from '../../../shared/errors';
import { readCsvTable } from './csv-table';
import { COLUMN, newRecord, structuredSource, type ImportSource } from './import-source';
import { SourceRows } from './source-rows';

const WHAT = 'The 1Password CSV export';

/** 1Password's CSV export (Title, Url, Username, Password, OTPAuth, Favorite, Archived, Tags, Notes; any case). */
export function readOnePasswordCsv(text: string): ImportSource {
  const { header, records } = readCsvTable(text, WHAT);
  const column = (...names: string[]) => header.find((h) => names.includes(h.toLowerCase()));
  const title = column('title');
  const password = column('password');
  if (!title || !password)
    throw new VaultError(
      'INVALID_INPUT',
      `${WHAT} should have at least the columns Title and Password; this one does not.`,
    );
  const url = column('url', 'website', 'login_uri');
  const username = column('username');
  const notes = column('notes', 'notesplain');
  const vault = column('vault');
  const tags = column('tags');
  const rows = new SourceRows(WHAT);
  let withoutSecret = 0;
  for (const record of records) {
    if ((record[password] ?? '') === '') {
      withoutSecret++;
      continue;
    }
    const row = newRecord();
    row[COLUMN.group] = vault
      ? (record[vault] ?? '')
      : tags
        ? (record[tags] ?? '').split(',')[0]!.trim()
        : '';
    row[COLUMN.title] = (record[title] ?? '').trim();
    row[COLUMN.secretName] = password;
    row[COLUMN.secret] = record[password] ?? '';
    row[COLUMN.username] = username ? (record[username] ?? '') : '';
    row[COLUMN.url] = url ? (record[url] ?? '') : '';
    row[COLUMN.notes] = notes ? (record[notes] ?? '') : '';
    row[COLUMN.expires] = '';
    row[COLUMN.type] = 'login';
    rows.add(row);
  }
  return structuredSource(
    '1password-csv',
    rows.records,
    withoutSecret > 0
      ? [
          `${plural(withoutSecret, 'row')} without a password ${agree(withoutSecret, 'was', 'were')} left out.`,
        ]
      : [],
    [],
  );
}

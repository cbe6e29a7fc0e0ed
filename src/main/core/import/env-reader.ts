import { parse } from 'dotenv';
import { VaultError } from '../../../shared/errors';
import { IMPORT_LIMITS } from './import-limits';
import { COLUMN, newRecord, structuredSource, type ImportSource } from './import-source';

/**
 * A .env file through dotenv's own parser (KEY=value, quoted values, `export` prefixes, comments): one token per
 * variable, named after it, in an account named after the file unless the admin picks one.
 */
export function readEnvFile(text: string, accountName: string): ImportSource {
  const parsed = parse(text);
  const names = Object.keys(parsed);
  if (names.length === 0)
    throw new VaultError(
      'INVALID_INPUT',
      'The .env file has no KEY=value lines: there is nothing to import.',
    );
  if (names.length > IMPORT_LIMITS.maxRows)
    throw new VaultError('INVALID_INPUT', `The .env file has more than ${IMPORT_LIMITS.maxRows} variables.`);
  const records = names.map((name) => {
    const row = newRecord();
    row[COLUMN.group] = accountName;
    row[COLUMN.title] = name;
    row[COLUMN.secretName] = name;
    row[COLUMN.secret] = parsed[name] ?? '';
    row[COLUMN.username] = '';
    row[COLUMN.url] = '';
    row[COLUMN.notes] = '';
    row[COLUMN.expires] = '';
    row[COLUMN.type] = 'variable';
    return row;
  });
  return structuredSource('env', records);
}

import { VaultError } from '../../../shared/errors';
import { IMPORT_LIMITS } from './import-limits';
import type { SourceRecord } from './import-source';

/**
 * Adds a custom field of an item (a KeePass plain attribute, a Bitwarden or 1Password text field) as a column of
 * its rows. A name already taken, by one of the fixed columns (`Group`, `Expires`, ...) or by an earlier field of
 * the same item, gets the next free `NAME (2)`, `NAME (3)`: the field used to overwrite the fixed column (a
 * KeePass attribute named "Group" moved the entry to another account) or was dropped without a word. Returns the
 * column used.
 */
export function addExtraColumn(record: SourceRecord, name: string, value: string, what: string): string {
  if (Object.keys(record).length >= IMPORT_LIMITS.maxColumns)
    throw new VaultError(
      'INVALID_INPUT',
      `${what} has an item with more than ${IMPORT_LIMITS.maxColumns} fields, more than one import accepts.`,
    );
  let column = name;
  for (let n = 2; column in record; n++) column = `${name} (${n})`;
  record[column] = value;
  return column;
}

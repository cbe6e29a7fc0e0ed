import * as kdbxweb from 'kdbxweb';
import { VaultError } from '../../../shared/errors';
import { IMPORT_LIMITS } from './import-limits';
import { COLUMN, newRecord, type SourceRecord } from './import-source';

const STANDARD_FIELDS = new Set(['Title', 'UserName', 'Password', 'URL', 'Notes']);

/**
 * The account a KeePass group path becomes: the path below the root group ("Passwords/Stripe" -> "Stripe"), or the
 * root's own name for entries kept at the top. KeePassXC's CSV export writes the same paths.
 */
export function accountFromGroupPath(path: string): string {
  const parts = path.split('/').filter((part) => part.trim() !== '');
  if (parts.length <= 1) return parts[0] ?? '';
  return parts.slice(1).join('/');
}

function text(field: kdbxweb.KdbxEntryField | undefined): string {
  if (field === undefined) return '';
  return field instanceof kdbxweb.ProtectedValue ? field.getText() : field;
}

/**
 * Every entry of a KeePass database (from a .kdbx or a KeePass 2 XML export) as candidate tokens: the password is
 * one; each protected custom attribute is another, named "TITLE (ATTRIBUTE)"; plain custom attributes become
 * columns of the entry's rows (e.g. a "key id" attribute can be mapped to the key id). The recycle bin is skipped.
 */
export function keepassRecords(db: kdbxweb.Kdbx): { records: SourceRecord[]; notes: string[] } {
  const records: SourceRecord[] = [];
  const recycleBin = db.meta.recycleBinEnabled ? db.meta.recycleBinUuid?.id : undefined;
  let skippedInBin = 0;
  const walk = (group: kdbxweb.KdbxGroup, path: string[], depth: number): void => {
    if (depth > IMPORT_LIMITS.maxJsonDepth)
      throw new VaultError('INVALID_INPUT', 'The database nests its groups too deeply to be read.');
    if (recycleBin && group.uuid.id === recycleBin) {
      skippedInBin += group.entries.length;
      return;
    }
    const here = [...path, group.name ?? ''];
    const account = accountFromGroupPath(here.join('/'));
    for (const entry of group.entries) {
      const title = text(entry.fields.get('Title')).trim();
      const base = newRecord();
      base[COLUMN.group] = account;
      base[COLUMN.title] = title;
      base[COLUMN.username] = text(entry.fields.get('UserName'));
      base[COLUMN.url] = text(entry.fields.get('URL'));
      base[COLUMN.notes] = text(entry.fields.get('Notes'));
      base[COLUMN.expires] =
        entry.times.expires && entry.times.expiryTime ? entry.times.expiryTime.toISOString() : '';
      base[COLUMN.type] = 'entry';
      const secrets: [string, string][] = [];
      for (const [key, value] of entry.fields) {
        if (STANDARD_FIELDS.has(key)) continue;
        if (value instanceof kdbxweb.ProtectedValue) secrets.push([key, value.getText()]);
        else base[key] = value;
      }
      const password = text(entry.fields.get('Password'));
      if (password !== '' || secrets.length === 0)
        records.push({ ...base, [COLUMN.secretName]: 'Password', [COLUMN.secret]: password });
      for (const [key, value] of secrets) {
        records.push({
          ...base,
          [COLUMN.title]: title ? `${title} (${key})` : key,
          [COLUMN.secretName]: key,
          [COLUMN.secret]: value,
        });
      }
      if (records.length > IMPORT_LIMITS.maxRows)
        throw new VaultError(
          'INVALID_INPUT',
          `The database holds more than ${IMPORT_LIMITS.maxRows} secrets.`,
        );
    }
    for (const child of group.groups) walk(child, here, depth + 1);
  };
  for (const root of db.groups) walk(root, [], 0);
  const notes =
    skippedInBin > 0
      ? [`${skippedInBin} entr${skippedInBin === 1 ? 'y' : 'ies'} in the recycle bin left out.`]
      : [];
  return { records, notes };
}

/** A kdbxweb failure as one sentence; anything else is passed on. */
export function keepassError(error: unknown, what: string): never {
  if (error instanceof VaultError) throw error;
  if (error instanceof kdbxweb.KdbxError) {
    if (error.code === kdbxweb.Consts.ErrorCodes.InvalidKey)
      throw new VaultError('WRONG_PASSWORD', `Wrong password or key file for ${what}.`);
    if (error.code === kdbxweb.Consts.ErrorCodes.BadSignature)
      throw new VaultError('INVALID_INPUT', `${what} is not a KeePass database.`);
    if (
      error.code === kdbxweb.Consts.ErrorCodes.InvalidVersion ||
      error.code === kdbxweb.Consts.ErrorCodes.Unsupported
    )
      throw new VaultError(
        'INVALID_INPUT',
        `${what} uses a KeePass format version or cipher this app cannot read.`,
      );
  }
  throw new VaultError('INVALID_INPUT', `${what} is damaged or incomplete and cannot be read.`);
}

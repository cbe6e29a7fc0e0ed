import * as kdbxweb from 'kdbxweb';
import { VaultError } from '../../../shared/errors';
import { addExtraColumn } from './extra-column';
import { COLUMN, newRecord, type SourceRecord } from './import-source';
import { SourceRows } from './source-rows';
import type { KeepassDocument, KeepassGroup } from './keepass-xml-document';

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

/**
 * Every entry of a KeePass document (from a .kdbx or a KeePass 2 XML export) as candidate tokens: the password is
 * one; each protected custom attribute is another, named "TITLE (ATTRIBUTE)"; plain custom attributes become
 * columns of the entry's rows (e.g. a "key id" attribute can be mapped to the key id). The recycle bin is skipped.
 */
export function keepassRecords(document: KeepassDocument): { records: SourceRecord[]; notes: string[] } {
  const rows = new SourceRows('The database');
  let skippedInBin = 0;
  const walk = (group: KeepassGroup, path: string[]): void => {
    if (document.recycleBinUuid && group.uuid === document.recycleBinUuid) {
      skippedInBin += group.entries.length;
      return;
    }
    const here = [...path, group.name];
    const account = accountFromGroupPath(here.join('/'));
    for (const entry of group.entries) {
      const field = (key: string) => entry.fields.get(key)?.value ?? '';
      const title = field('Title').trim();
      const base = newRecord();
      base[COLUMN.group] = account;
      base[COLUMN.title] = title;
      base[COLUMN.username] = field('UserName');
      base[COLUMN.url] = field('URL');
      base[COLUMN.notes] = field('Notes');
      base[COLUMN.expires] = entry.expiresAt ?? '';
      base[COLUMN.type] = 'entry';
      const secrets: [string, string][] = [];
      for (const { key, value, secret } of entry.fields.values()) {
        if (STANDARD_FIELDS.has(key)) continue;
        if (secret) secrets.push([key, value]);
        else addExtraColumn(base, key, value, 'The database');
      }
      const password = field('Password');
      if (password !== '' || secrets.length === 0)
        rows.add(base, { [COLUMN.secretName]: 'Password', [COLUMN.secret]: password });
      for (const [key, value] of secrets) {
        rows.add(base, {
          [COLUMN.title]: title ? `${title} (${key})` : key,
          [COLUMN.secretName]: key,
          [COLUMN.secret]: value,
        });
      }
    }
    for (const child of group.groups) walk(child, here);
  };
  for (const root of document.groups) walk(root, []);
  const notes =
    skippedInBin > 0
      ? [`${skippedInBin} entr${skippedInBin === 1 ? 'y' : 'ies'} in the recycle bin left out.`]
      : [];
  return { records: rows.records, notes };
}

/** A kdbxweb failure as one sentence; anything else is passed on. */
export function keepassError(error: unknown, what: string): never {
  if (error instanceof VaultError) throw error;
  if (error instanceof kdbxweb.KdbxError) {
    if (error.code === kdbxweb.Consts.ErrorCodes.InvalidKey)
      // `what` starts a sentence elsewhere ("The KeePass database is ..."); here it follows "for".
      throw new VaultError(
        'WRONG_PASSWORD',
        `Wrong password or key file for ${what.charAt(0).toLowerCase()}${what.slice(1)}.`,
      );
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

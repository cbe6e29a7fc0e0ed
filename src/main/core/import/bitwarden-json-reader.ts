import { VaultError } from '../../../shared/errors';
import { addExtraColumn } from './extra-column';
import { isObject, parseBoundedJson, str } from './bounded-json';
import { IMPORT_LIMITS } from './import-limits';
import { COLUMN, newRecord, structuredSource, type ImportSource } from './import-source';
import { SourceRows } from './source-rows';

const WHAT = 'The Bitwarden JSON export';
/** Bitwarden's item types and custom field types (its published export format). */
const ITEM_LOGIN = 1;
const FIELD_HIDDEN = 1;

export const BITWARDEN_ENCRYPTED_SENTENCE =
  'This Bitwarden export is encrypted. Export again without a password: in Bitwarden, Tools > Export vault, file format ".json" (not ".json (Encrypted)"), then import that file and delete it.';

/**
 * A Bitwarden unencrypted JSON export: folders (personal) or collections (organisation) become accounts; a login's
 * password is one token, each hidden custom field another; text fields become columns; notes the description.
 */
export function readBitwardenJson(text: string): ImportSource {
  const doc = parseBoundedJson(text, WHAT);
  if (!isObject(doc)) throw new VaultError('INVALID_INPUT', `${WHAT} is not a Bitwarden export (no items).`);
  if (doc.encrypted === true) throw new VaultError('INVALID_INPUT', BITWARDEN_ENCRYPTED_SENTENCE);
  if (!Array.isArray(doc.items))
    throw new VaultError('INVALID_INPUT', `${WHAT} is not a Bitwarden export (no "items" list).`);
  if (doc.items.length > IMPORT_LIMITS.maxRows)
    throw new VaultError('INVALID_INPUT', `${WHAT} has more than ${IMPORT_LIMITS.maxRows} items.`);
  const names = new Map<string, string>();
  for (const list of [doc.folders, doc.collections]) {
    if (!Array.isArray(list)) continue;
    for (const entry of list) if (isObject(entry)) names.set(str(entry.id), str(entry.name));
  }
  const rows = new SourceRows(WHAT);
  let withoutSecret = 0;
  for (const item of doc.items) {
    if (!isObject(item)) continue;
    const login = isObject(item.login) ? item.login : {};
    const collectionIds = Array.isArray(item.collectionIds) ? item.collectionIds.map(str) : [];
    const group = names.get(str(item.folderId)) ?? names.get(collectionIds[0] ?? '') ?? '';
    const base = newRecord();
    base[COLUMN.group] = group;
    base[COLUMN.title] = str(item.name).trim();
    base[COLUMN.username] = str(login.username);
    const uris = Array.isArray(login.uris) ? login.uris : [];
    base[COLUMN.url] = isObject(uris[0]) ? str(uris[0].uri) : '';
    base[COLUMN.notes] = str(item.notes);
    base[COLUMN.expires] = '';
    base[COLUMN.type] = item.type === ITEM_LOGIN ? 'login' : `type ${str(item.type)}`;
    const secrets: [string, string][] = [];
    for (const field of Array.isArray(item.fields) ? item.fields : []) {
      if (!isObject(field)) continue;
      const name = str(field.name).trim() || 'field';
      if (field.type === FIELD_HIDDEN) secrets.push([name, str(field.value)]);
      else addExtraColumn(base, name, str(field.value), WHAT);
    }
    const password = str(login.password);
    if (password === '' && secrets.length === 0) {
      withoutSecret++;
      continue;
    }
    if (password !== '') rows.add(base, { [COLUMN.secretName]: 'password', [COLUMN.secret]: password });
    for (const [name, value] of secrets) {
      rows.add(base, {
        [COLUMN.title]: base[COLUMN.title] ? `${base[COLUMN.title]} (${name})` : name,
        [COLUMN.secretName]: name,
        [COLUMN.secret]: value,
      });
    }
  }
  const notes =
    withoutSecret > 0
      ? [
          `${withoutSecret} item${withoutSecret === 1 ? ' has' : 's have'} no password or hidden field and ${withoutSecret === 1 ? 'was' : 'were'} left out.`,
        ]
      : [];
  return structuredSource('bitwarden-json', rows.records, notes);
}

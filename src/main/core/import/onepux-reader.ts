import { decodeUtf8Strictly } from '../input/strict-utf8';
import { VaultError } from '../../../shared/errors';
import { addExtraColumn } from './extra-column';
import { isAllocationFailure, outOfMemoryError } from './allocation-failure';
import { isObject, parseBoundedJson, str } from './bounded-json';
import { readZipEntries } from './bounded-unzip';
import { IMPORT_LIMITS } from './import-limits';
import { COLUMN, newRecord, structuredSource, type ImportSource, type SourceRecord } from './import-source';
import { SourceRows } from './source-rows';

const WHAT = 'The 1Password export';

/** 1Password's category ids (1PUX format description): Login, Password, API Credential. */
const CATEGORY = { login: '001', password: '005', apiCredential: '112' } as const;
const CATEGORY_NAMES: Record<string, string> = { '001': 'Login', '005': 'Password', '112': 'API Credential' };

function dateText(seconds: unknown): string {
  return typeof seconds === 'number' && Number.isFinite(seconds) && seconds > 0
    ? new Date(seconds * 1000).toISOString()
    : '';
}

/** The text of a section field's value object: { string }, { concealed }, { date }, { menu }, { url }, ... */
function fieldValue(value: unknown): { text: string; concealed: boolean } {
  if (!isObject(value)) return { text: '', concealed: false };
  if ('concealed' in value) return { text: str(value.concealed), concealed: true };
  if ('date' in value) return { text: dateText(value.date), concealed: false };
  if ('monthYear' in value) return { text: str(value.monthYear), concealed: false };
  for (const key of ['string', 'menu', 'url', 'email', 'phone'])
    if (key in value) return { text: str(value[key]), concealed: false };
  return { text: '', concealed: false };
}

interface ItemSecrets {
  base: SourceRecord;
  secrets: [name: string, value: string][];
}

/** One item: an API Credential's credential (with username as key id, type, hostname, expiry), a login's or a
 *  password item's password, and every concealed field in its sections. */
function readItem(item: Record<string, unknown>, vaultName: string): ItemSecrets {
  const details = isObject(item.details) ? item.details : {};
  const overview = isObject(item.overview) ? item.overview : {};
  const category = str(item.categoryUuid);
  const base = newRecord();
  base[COLUMN.group] = vaultName;
  base[COLUMN.title] = str(overview.title).trim();
  base[COLUMN.username] = '';
  base[COLUMN.url] = str(overview.url);
  base[COLUMN.notes] = str(details.notesPlain);
  base[COLUMN.expires] = '';
  base[COLUMN.type] = CATEGORY_NAMES[category] ?? `category ${category}`;
  const secrets: [string, string][] = [];
  for (const field of Array.isArray(details.loginFields) ? details.loginFields : []) {
    if (!isObject(field)) continue;
    if (field.designation === 'username') base[COLUMN.username] = str(field.value);
    else if (field.designation === 'password' || field.fieldType === 'P')
      secrets.push([str(field.name) || 'password', str(field.value)]);
  }
  if (category === CATEGORY.password && str(details.password) !== '')
    secrets.push(['password', str(details.password)]);
  for (const section of Array.isArray(details.sections) ? details.sections : []) {
    if (!isObject(section)) continue;
    for (const field of Array.isArray(section.fields) ? section.fields : []) {
      if (!isObject(field)) continue;
      const id = str(field.id);
      const label = str(field.title).trim() || id || 'field';
      const { text, concealed } = fieldValue(field.value);
      if (category === CATEGORY.apiCredential && id === 'username') base[COLUMN.username] = text;
      else if (category === CATEGORY.apiCredential && id === 'expires') base[COLUMN.expires] = text;
      else if (category === CATEGORY.apiCredential && id === 'type') base['Credential type'] = text;
      else if (category === CATEGORY.apiCredential && id === 'hostname') base['Hostname'] = text;
      else if (category === CATEGORY.apiCredential && id === 'validFrom') base['Valid from'] = text;
      else if (category === CATEGORY.apiCredential && id === 'credential')
        secrets.unshift(['credential', text]);
      else if (concealed) secrets.push([label, text]);
      else if (text !== '') addExtraColumn(base, label, text, WHAT);
    }
  }
  return { base, secrets };
}

/**
 * A 1Password 1PUX export: a ZIP whose export.data (JSON) holds accounts, their vaults and the vaults' items. Vaults
 * become accounts. Items in the trash are left out; archived ones are read.
 */
export async function readOnePux(bytes: Uint8Array): Promise<ImportSource> {
  const entries = await readZipEntries(
    bytes,
    (name) => name === 'export.data',
    { maxEntries: IMPORT_LIMITS.maxZipEntries, maxInflatedBytes: IMPORT_LIMITS.maxZipInflatedBytes },
    WHAT,
  );
  const data = entries.get('export.data');
  if (!data) throw new VaultError('INVALID_INPUT', `${WHAT} has no export.data: it is not a .1pux file.`);
  let doc: unknown;
  try {
    doc = parseBoundedJson(decodeUtf8Strictly(data, `${WHAT}'s export.data`), `${WHAT}'s export.data`);
  } catch (error) {
    if (isAllocationFailure(error)) throw outOfMemoryError(WHAT, error);
    throw error;
  }
  if (!isObject(doc) || !Array.isArray(doc.accounts))
    throw new VaultError('INVALID_INPUT', `${WHAT}'s export.data has no accounts: it is not a .1pux file.`);
  const rows = new SourceRows(WHAT);
  let withoutSecret = 0;
  let trashed = 0;
  for (const account of doc.accounts) {
    if (!isObject(account)) continue;
    for (const vault of Array.isArray(account.vaults) ? account.vaults : []) {
      if (!isObject(vault)) continue;
      const vaultName = str(isObject(vault.attrs) ? vault.attrs.name : '').trim();
      for (const item of Array.isArray(vault.items) ? vault.items : []) {
        if (!isObject(item)) continue;
        if (item.state === 'deleted' || item.trashed === true) {
          trashed++;
          continue;
        }
        const { base, secrets } = readItem(item, vaultName);
        const filled = secrets.filter(([, value]) => value !== '');
        if (filled.length === 0) {
          withoutSecret++;
          continue;
        }
        filled.forEach(([name, value], index) => {
          const title = base[COLUMN.title]!;
          rows.add(base, {
            [COLUMN.title]: index === 0 ? title : title ? `${title} (${name})` : name,
            [COLUMN.secretName]: name,
            [COLUMN.secret]: value,
          });
        });
      }
    }
  }
  const notes: string[] = [];
  if (withoutSecret > 0)
    notes.push(`${withoutSecret} item(s) without a password, credential or concealed field were left out.`);
  if (trashed > 0) notes.push(`${trashed} item(s) in the trash were left out.`);
  return structuredSource('1pux', rows.records, notes);
}

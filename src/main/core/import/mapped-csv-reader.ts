import { readCsvTable } from './csv-table';
import type { FieldMapping, ImportSource } from './import-source';

/**
 * Header words that name a secret: such a column is guessed as the value and is secret wherever it is mapped, so
 * it is masked in the preview and can fill nothing but the value (src/main/core/import/import-mapping.ts).
 */
const SECRET_WORDS = ['value', 'token', 'secret', 'password', 'api key', 'apikey', 'key'];

function namesSecret(header: string): boolean {
  return SECRET_WORDS.includes(header.toLowerCase());
}

/** Header words that suggest a column's token field; the admin confirms or changes them in the mapping step. */
const GUESSES: [keyof FieldMapping, string[]][] = [
  ['account', ['account', 'group', 'folder', 'vault', 'platform']],
  ['name', ['name', 'title', 'label', 'token name']],
  ['value', SECRET_WORDS],
  ['kind', ['kind']],
  ['role', ['role']],
  ['description', ['description', 'notes', 'note', 'comment']],
  ['keyId', ['keyid', 'key id', 'key_id', 'client id', 'client_id', 'username']],
  ['assignedTo', ['assignedto', 'assigned to', 'assigned_to', 'user', 'owner']],
  ['application', ['application', 'app']],
  ['expiresAt', ['expiresat', 'expires at', 'expires', 'expiry', 'expiration']],
];

/** Any spreadsheet saved as CSV: columns are kept as they are and mapped by the admin (guesses from the header). */
export function readMappedCsv(text: string): ImportSource {
  const { header, records } = readCsvTable(text);
  const mapping: FieldMapping = {};
  const used = new Set<string>();
  for (const [field, words] of GUESSES) {
    const column = header.find((h) => !used.has(h) && words.includes(h.toLowerCase()));
    if (column) {
      mapping[field] = column;
      used.add(column);
    }
  }
  return {
    format: 'csv',
    columns: header,
    secretColumns: header.filter(namesSecret),
    records,
    defaultMapping: mapping,
    notes: [],
  };
}

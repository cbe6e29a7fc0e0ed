/**
 * What every reader of an outside format hands to the import flow: rows of named columns, the secret among them,
 * and the columns a token's fields are filled from unless the admin maps them otherwise. Values stay in main; the
 * preview (src/main/core/import/import-preview.ts) shows only masks and lengths.
 */
import type { FieldMapping, ImportFormat } from '../../../shared/import-views';

export {
  IMPORT_FORMATS,
  IMPORT_FORMAT_LABELS,
  TOKEN_FIELDS,
  type FieldMapping,
  type ImportFormat,
  type TokenField,
} from '../../../shared/import-views';

/** One candidate token: column name -> text. Secret columns are in `ImportSource.secretColumns`. */
export type SourceRecord = Record<string, string>;

export interface ImportSource {
  format: ImportFormat;
  /** Every column, in the order the source shows them. */
  columns: string[];
  /** Columns holding secrets: they may only become a token's value, never a shown field. */
  secretColumns: string[];
  records: SourceRecord[];
  /** How columns fill token fields when the admin does not map them. */
  defaultMapping: FieldMapping;
  /** Things the reader left out, in plain sentences (e.g. "3 secure notes have no secret and were left out."). */
  notes: string[];
  /**
   * Rows the reader itself refuses, by index in `records`, each with its sentence (e.g. a .env variable set twice):
   * they are shown in the preview as refused rows, never written, instead of being dropped or repaired silently.
   */
  rowProblems?: ReadonlyMap<number, string>;
}

/** Columns of the structured formats, so the mapping reads the same whatever the source. */
export const COLUMN = {
  group: 'Group',
  title: 'Title',
  secret: 'Secret',
  secretName: 'Secret field',
  username: 'Username',
  url: 'URL',
  notes: 'Notes',
  expires: 'Expires',
  type: 'Type',
} as const;

/** The default mapping of every structured format (groups, folders, vaults become accounts). */
export const STRUCTURED_MAPPING: FieldMapping = {
  account: COLUMN.group,
  name: COLUMN.title,
  value: COLUMN.secret,
  keyId: COLUMN.username,
  description: COLUMN.notes,
  expiresAt: COLUMN.expires,
};

/** Builds an ImportSource from structured rows: the fixed columns first, then any extra (custom) ones seen. */
export function structuredSource(
  format: ImportFormat,
  records: SourceRecord[],
  notes: string[] = [],
  extraSecretColumns: string[] = [],
): ImportSource {
  const fixed: string[] = [
    COLUMN.group,
    COLUMN.title,
    COLUMN.secretName,
    COLUMN.secret,
    COLUMN.username,
    COLUMN.url,
    COLUMN.notes,
    COLUMN.expires,
    COLUMN.type,
  ];
  const seen = new Set(fixed);
  const extra: string[] = [];
  for (const record of records) {
    for (const key of Object.keys(record)) {
      if (!seen.has(key)) {
        seen.add(key);
        extra.push(key);
      }
    }
  }
  return {
    format,
    columns: [...fixed, ...extra],
    secretColumns: [COLUMN.secret, ...extraSecretColumns],
    records,
    defaultMapping: STRUCTURED_MAPPING,
    notes,
  };
}

/** A record with prototype-free keys, so a hostile column named "__proto__" is just a column. */
export function newRecord(): SourceRecord {
  return Object.create(null) as SourceRecord;
}

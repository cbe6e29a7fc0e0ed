import { VaultError } from '../../../shared/errors';
import { IMPORT_LIMITS } from './import-limits';
import { newRecord, type SourceRecord } from './import-source';

/**
 * The candidate rows a reader emits, with IMPORT_LIMITS.maxRows checked before each row is added: one source item
 * can yield many rows (a Bitwarden item's hidden fields, a 1Password item's concealed fields, a KeePass entry's
 * protected attributes), so counting items alone does not bound the rows. An item with more than
 * IMPORT_LIMITS.maxColumns columns is refused too, before it is copied once per secret.
 */
export class SourceRows {
  readonly records: SourceRecord[] = [];

  /** `what` names the source in the refusal, e.g. "The Bitwarden JSON export". */
  constructor(private readonly what: string) {}

  /** Adds the row `base` with `own` laid over it (the secret's name, value, title). */
  add(base: SourceRecord, own: SourceRecord = {}): void {
    if (this.records.length >= IMPORT_LIMITS.maxRows)
      throw new VaultError(
        'INVALID_INPUT',
        `${this.what} holds more than ${IMPORT_LIMITS.maxRows.toLocaleString('en-US')} secrets (rows to import), more than one import accepts.`,
      );
    if (Object.keys(base).length > IMPORT_LIMITS.maxColumns)
      throw new VaultError(
        'INVALID_INPUT',
        `${this.what} has an item with more than ${IMPORT_LIMITS.maxColumns} fields, more than one import accepts.`,
      );
    // Prototype-free like newRecord: a column named "__proto__" or "toString" is only ever a column.
    this.records.push(Object.assign(newRecord(), base, own));
  }
}

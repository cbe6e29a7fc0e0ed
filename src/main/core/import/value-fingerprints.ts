import { createHmac, randomBytes } from 'node:crypto';
import type { SqliteDatabase } from '../db/open-database';

export interface StoredValueOwner {
  id: number;
  name: string;
  account: string;
}

/**
 * Duplicate detection without revealing values: each value (stored or imported) is reduced to an HMAC under a key
 * drawn for this one comparison and dropped with it, so no fingerprint outlives the preview or can be matched later.
 */
export class ValueFingerprints {
  private readonly key = randomBytes(32);
  private readonly stored = new Map<string, StoredValueOwner>();

  constructor(db: SqliteDatabase) {
    const rows = db
      .prepare<[], StoredValueOwner & { value: string }>(
        'SELECT t.id, t.name, a.name AS account, t.value FROM tokens t JOIN accounts a ON a.id = t.account_id ORDER BY t.id',
      )
      .iterate();
    for (const row of rows) {
      const print = this.of(row.value);
      if (!this.stored.has(print))
        this.stored.set(print, { id: row.id, name: row.name, account: row.account });
    }
  }

  of(value: string): string {
    return createHmac('sha256', this.key).update(value, 'utf8').digest('base64');
  }

  /** The token already holding this value, if any. */
  storedOwner(print: string): StoredValueOwner | undefined {
    return this.stored.get(print);
  }

  dispose(): void {
    this.key.fill(0);
    this.stored.clear();
  }
}

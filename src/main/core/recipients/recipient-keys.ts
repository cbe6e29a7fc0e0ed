import type { AgeKeyView } from '../../../shared/age-views';
import { VaultError } from '../../../shared/errors';
import { ageFingerprint, parseAgeRecipient } from '../age/age-keys';
import type { SqliteDatabase } from '../db/open-database';
import type { EventLog } from '../events/event-log';
import type { RecipientStore } from './recipient-store';

/** What `set` did, so adapters can say "added" or "replaced" without asking again. */
export interface RecipientKeyChange {
  recipient: string;
  key: AgeKeyView;
  replaced: AgeKeyView | null;
}

interface KeyRow {
  id: number;
  recipient_id: number;
  public_key: string;
  fingerprint: string;
  added_at: string;
  retired_at: string | null;
  retired_how: 'replaced' | 'removed' | null;
}

/**
 * The age public keys of recipients. A recipient holds at most one current key; replacing or removing it keeps the
 * old row (retired), and every change is a history event written in the same transaction.
 */
export class RecipientKeys {
  constructor(
    private readonly db: SqliteDatabase,
    private readonly events: EventLog,
    private readonly recipients: RecipientStore,
  ) {}

  /** The recipient's current key, or null. */
  current(recipient: string | number): AgeKeyView | null {
    const { id } = this.recipients.resolve(recipient);
    const row = this.db
      .prepare<[number], KeyRow>(
        'SELECT * FROM recipient_age_keys WHERE recipient_id = ? AND retired_at IS NULL',
      )
      .get(id);
    return row ? toKey(row) : null;
  }

  /** Every key the recipient has given, newest first. */
  history(recipient: string | number): AgeKeyView[] {
    const { id } = this.recipients.resolve(recipient);
    return this.db
      .prepare<[number], KeyRow>('SELECT * FROM recipient_age_keys WHERE recipient_id = ? ORDER BY id DESC')
      .all(id)
      .map(toKey);
  }

  /** The current key of every recipient that has one, by recipient id (one query for a list screen). */
  currentByRecipient(): Map<number, AgeKeyView> {
    const rows = this.db
      .prepare<[], KeyRow>('SELECT * FROM recipient_age_keys WHERE retired_at IS NULL')
      .all();
    return new Map(rows.map((row) => [row.recipient_id, toKey(row)]));
  }

  /** Add a key, or replace the current one (which is kept, retired). The same key again changes nothing. */
  set(recipientRef: string | number, publicKeyInput: string): RecipientKeyChange {
    const publicKey = parseAgeRecipient(publicKeyInput);
    const recipient = this.recipients.resolve(recipientRef);
    if (recipient.archived)
      throw new VaultError(
        'POLICY',
        `${recipient.name} is archived; restore the recipient before changing its key.`,
      );
    const fingerprint = ageFingerprint(publicKey);
    return this.db.transaction((): RecipientKeyChange => {
      const before = this.current(recipient.id);
      if (before?.publicKey === publicKey) return { recipient: recipient.name, key: before, replaced: null };
      const now = new Date().toISOString();
      if (before)
        this.db
          .prepare(`UPDATE recipient_age_keys SET retired_at = ?, retired_how = 'replaced' WHERE id = ?`)
          .run(now, before.id);
      const id = Number(
        this.db
          .prepare(
            'INSERT INTO recipient_age_keys (recipient_id, public_key, fingerprint, added_at) VALUES (?, ?, ?, ?)',
          )
          .run(recipient.id, publicKey, fingerprint, now).lastInsertRowid,
      );
      this.events.append({
        kind: before ? 'RecipientKeyReplaced' : 'RecipientKeyAdded',
        details: {
          recipient: recipient.name,
          recipientId: recipient.id,
          fingerprint,
          ...(before ? { previousFingerprint: before.fingerprint } : {}),
        },
        at: now,
      });
      const key = this.byId(id);
      return { recipient: recipient.name, key, replaced: before ? this.byId(before.id) : null };
    })();
  }

  /** Retire the current key (kept on record); the recipient then gets password ZIPs again. */
  remove(recipientRef: string | number): AgeKeyView {
    const recipient = this.recipients.resolve(recipientRef);
    return this.db.transaction(() => {
      const before = this.current(recipient.id);
      if (!before) throw new VaultError('NOT_FOUND', `${recipient.name} has no age key to remove.`);
      const now = new Date().toISOString();
      this.db
        .prepare(`UPDATE recipient_age_keys SET retired_at = ?, retired_how = 'removed' WHERE id = ?`)
        .run(now, before.id);
      this.events.append({
        kind: 'RecipientKeyRemoved',
        details: { recipient: recipient.name, recipientId: recipient.id, fingerprint: before.fingerprint },
        at: now,
      });
      return this.byId(before.id);
    })();
  }

  private byId(id: number): AgeKeyView {
    return toKey(this.db.prepare<[number], KeyRow>('SELECT * FROM recipient_age_keys WHERE id = ?').get(id)!);
  }
}

function toKey(row: KeyRow): AgeKeyView {
  return {
    id: row.id,
    recipientId: row.recipient_id,
    publicKey: row.public_key,
    fingerprint: row.fingerprint,
    addedAt: row.added_at,
    retiredAt: row.retired_at,
    retiredHow: row.retired_how,
  };
}

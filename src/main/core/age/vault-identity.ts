import type { VaultIdentityView } from '../../../shared/age-views';
import { VaultError } from '../../../shared/errors';
import type { SqliteDatabase } from '../db/open-database';
import type { EventLog } from '../events/event-log';
import { ageFingerprint } from './age-keys';
import { ageLibrary } from './age-library';

interface IdentityRow {
  secret_key: string;
  public_key: string;
  created_at: string;
}

/**
 * This vault's own age identity, for receiving bundles (the agency side). The secret key is stored in vault.db like
 * a token value, encrypted with the rest of the database, and leaves this class only to decrypt a bundle.
 */
export class VaultIdentity {
  constructor(
    private readonly db: SqliteDatabase,
    private readonly events: EventLog,
  ) {}

  private row(): IdentityRow | undefined {
    return this.db.prepare<[], IdentityRow>('SELECT * FROM vault_age_identity WHERE id = 1').get();
  }

  /** The public side, or null before `create`. */
  show(): VaultIdentityView | null {
    const row = this.row();
    return row
      ? { publicKey: row.public_key, fingerprint: ageFingerprint(row.public_key), createdAt: row.created_at }
      : null;
  }

  /** Make the identity once; a vault keeps one, since bundles already sent to its key must stay readable. */
  async create(): Promise<VaultIdentityView> {
    if (this.row())
      throw new VaultError(
        'ALREADY_EXISTS',
        'This vault already has an age key for receiving; it is kept, so bundles sent to it stay readable.',
      );
    // Generated before the transaction: better-sqlite3 transactions cannot await.
    const { generateX25519Identity, identityToRecipient } = await ageLibrary();
    const secretKey = await generateX25519Identity();
    const publicKey = await identityToRecipient(secretKey);
    const createdAt = new Date().toISOString();
    this.db.transaction(() => {
      if (this.row())
        throw new VaultError('ALREADY_EXISTS', 'This vault already has an age key for receiving.');
      this.db
        .prepare(
          'INSERT INTO vault_age_identity (id, secret_key, public_key, created_at) VALUES (1, ?, ?, ?)',
        )
        .run(secretKey, publicKey, createdAt);
      this.events.append({
        kind: 'AgeIdentityCreated',
        details: { publicKey, fingerprint: ageFingerprint(publicKey) },
        at: createdAt,
      });
    })();
    return this.show()!;
  }

  /** The secret key, for the bundle reader only. */
  secretKeyForDecryption(): string {
    const row = this.row();
    if (!row)
      throw new VaultError(
        'NOT_FOUND',
        'This vault has no age key for receiving yet; create one (Receive tokens, or tokenvault identity create).',
      );
    return row.secret_key;
  }
}

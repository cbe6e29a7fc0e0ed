import type { Migration } from '../migration';

/**
 * age public keys, for handoffs without a password:
 * - `recipient_age_keys`: the keys a recipient gave, each with its fingerprint. At most one is current
 *   (`retired_at` NULL); replacing or removing a key retires it and keeps the row, so a past handoff's fingerprint
 *   still names a key on record.
 * - `vault_age_identity`: this vault's own age identity, for receiving bundles; at most one. The secret key is a
 *   column like every token value, so it is encrypted with the rest of vault.db by SQLCipher.
 * - `handoffs` says how each bundle was protected: `format` (`aes-zip`, `age`, `age-armor`), the fingerprint of the
 *   key an age bundle was encrypted to, and the channel `none` (an age bundle has no password to send). SQLite
 *   cannot change a CHECK constraint in place, so `handoffs` and `handoff_tokens` are rebuilt as in
 *   0004-handoff-records.ts, children copied and dropped first, ids kept. Runs inside the migration's transaction.
 */
export const migration0005AgeKeys: Migration = {
  version: 5,
  name: 'age-keys',
  up(db) {
    db.exec(`
      CREATE TABLE recipient_age_keys (
        id INTEGER PRIMARY KEY,
        recipient_id INTEGER NOT NULL REFERENCES recipients(id) ON DELETE CASCADE,
        public_key TEXT NOT NULL,
        fingerprint TEXT NOT NULL,
        added_at TEXT NOT NULL,
        retired_at TEXT,
        retired_how TEXT CHECK (retired_how IN ('replaced', 'removed')),
        CHECK ((retired_at IS NULL) = (retired_how IS NULL))
      ) STRICT;
      CREATE UNIQUE INDEX recipient_age_keys_current ON recipient_age_keys(recipient_id) WHERE retired_at IS NULL;

      CREATE TABLE vault_age_identity (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        secret_key TEXT NOT NULL,
        public_key TEXT NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE handoffs_next (
        id INTEGER PRIMARY KEY,
        recipient_id INTEGER NOT NULL REFERENCES recipients(id) ON DELETE RESTRICT,
        created_at TEXT NOT NULL,
        file_name TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        password_channel TEXT NOT NULL
          CHECK (password_channel IN ('sms', 'whatsapp', 'phone', 'other', 'unknown', 'none')),
        fields TEXT NOT NULL,
        token_count INTEGER NOT NULL,
        format TEXT NOT NULL DEFAULT 'aes-zip' CHECK (format IN ('aes-zip', 'age', 'age-armor')),
        key_fingerprint TEXT,
        CHECK ((format = 'aes-zip') = (key_fingerprint IS NULL)),
        CHECK ((format = 'aes-zip') = (password_channel <> 'none'))
      ) STRICT;
      INSERT INTO handoffs_next (id, recipient_id, created_at, file_name, sha256, password_channel, fields, token_count)
        SELECT id, recipient_id, created_at, file_name, sha256, password_channel, fields, token_count FROM handoffs;

      CREATE TABLE handoff_tokens_next (
        handoff_id INTEGER NOT NULL REFERENCES handoffs_next(id) ON DELETE CASCADE,
        token_id INTEGER NOT NULL,
        token_name TEXT NOT NULL,
        PRIMARY KEY (handoff_id, token_id)
      ) STRICT;
      INSERT INTO handoff_tokens_next (handoff_id, token_id, token_name)
        SELECT handoff_id, token_id, token_name FROM handoff_tokens;

      DROP TABLE handoff_tokens;
      DROP TABLE handoffs;
      ALTER TABLE handoffs_next RENAME TO handoffs;
      ALTER TABLE handoff_tokens_next RENAME TO handoff_tokens;
      CREATE INDEX handoffs_by_recipient ON handoffs(recipient_id);
      CREATE INDEX handoff_tokens_by_token ON handoff_tokens(token_id);
    `);
  },
};

import type { Migration } from '../migration';

/** Agencies and developers who receive tokens, and what was handed to whom (never the bundle password). */
export const migration0002RecipientsHandoffs: Migration = {
  version: 2,
  name: 'recipients-handoffs',
  up(db) {
    db.exec(`
      CREATE TABLE recipients (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL COLLATE NOCASE UNIQUE,
        organisation TEXT NOT NULL DEFAULT '',
        email TEXT NOT NULL DEFAULT '',
        phone TEXT NOT NULL DEFAULT '',
        notes TEXT NOT NULL DEFAULT '',
        archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE handoffs (
        id INTEGER PRIMARY KEY,
        recipient_id INTEGER NOT NULL REFERENCES recipients(id) ON DELETE RESTRICT,
        created_at TEXT NOT NULL,
        file_name TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        password_channel TEXT NOT NULL CHECK (password_channel IN ('sms', 'whatsapp', 'phone', 'other')),
        fields TEXT NOT NULL,
        token_count INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX handoffs_by_recipient ON handoffs(recipient_id);

      -- No foreign key to tokens: who received a token stays on record after the token is deleted.
      CREATE TABLE handoff_tokens (
        handoff_id INTEGER NOT NULL REFERENCES handoffs(id) ON DELETE CASCADE,
        token_id INTEGER NOT NULL,
        token_name TEXT NOT NULL,
        PRIMARY KEY (handoff_id, token_id)
      ) STRICT;
      CREATE INDEX handoff_tokens_by_token ON handoff_tokens(token_id);
    `);
  },
};

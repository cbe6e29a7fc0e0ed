import type { Migration } from '../migration';

/**
 * Handoff records, second shape:
 * - a handoff may say the password's channel is `unknown` (the CLI records that when `--channel` is not given,
 *   rather than claiming SMS);
 * - a recipient can be deleted once archived: `deleted_at` marks a row whose contact details were erased but whose
 *   handoffs stay on record, so "who holds what" keeps its subject.
 *
 * SQLite cannot change a CHECK constraint in place, so `handoffs` is rebuilt, and `handoff_tokens` with it (its
 * foreign key must point at the new table). Children are copied and dropped before parents: with foreign keys on,
 * dropping `handoffs` first would cascade into `handoff_tokens`. Ids are kept, so the HandedOff events' handoff ids
 * still match. Runs inside the migration's transaction: all of it or none.
 */
export const migration0004HandoffRecords: Migration = {
  version: 4,
  name: 'handoff-records',
  up(db) {
    db.exec(`
      ALTER TABLE recipients ADD COLUMN deleted_at TEXT;

      CREATE TABLE handoffs_next (
        id INTEGER PRIMARY KEY,
        recipient_id INTEGER NOT NULL REFERENCES recipients(id) ON DELETE RESTRICT,
        created_at TEXT NOT NULL,
        file_name TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        password_channel TEXT NOT NULL
          CHECK (password_channel IN ('sms', 'whatsapp', 'phone', 'other', 'unknown')),
        fields TEXT NOT NULL,
        token_count INTEGER NOT NULL
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
      -- RENAME also rewrites handoff_tokens_next's REFERENCES handoffs_next into REFERENCES handoffs.
      ALTER TABLE handoffs_next RENAME TO handoffs;
      ALTER TABLE handoff_tokens_next RENAME TO handoff_tokens;
      CREATE INDEX handoffs_by_recipient ON handoffs(recipient_id);
      CREATE INDEX handoff_tokens_by_token ON handoff_tokens(token_id);
    `);
  },
};

import type { Migration } from '../migration';

export const migration0001Initial: Migration = {
  version: 1,
  name: 'initial',
  up(db) {
    db.exec(`
      CREATE TABLE meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;

      CREATE TABLE accounts (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL COLLATE NOCASE UNIQUE,
        profile TEXT NOT NULL,
        notes TEXT NOT NULL DEFAULT '',
        allow_delete INTEGER NOT NULL DEFAULT 0 CHECK (allow_delete IN (0, 1)),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE tokens (
        id INTEGER PRIMARY KEY,
        account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE RESTRICT,
        name TEXT NOT NULL,
        kind TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('primary', 'secondary', 'standalone')),
        description TEXT NOT NULL DEFAULT '',
        key_id TEXT,
        value TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'inactive')),
        enabled INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
        assigned_to TEXT,
        application TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        generated_at TEXT,
        last_activity_at TEXT,
        expires_at TEXT
      ) STRICT;
      CREATE INDEX tokens_by_account ON tokens(account_id);

      CREATE TABLE token_previous_values (
        id INTEGER PRIMARY KEY,
        token_id INTEGER NOT NULL REFERENCES tokens(id) ON DELETE CASCADE,
        value TEXT NOT NULL,
        replaced_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX token_previous_values_by_token ON token_previous_values(token_id);

      -- Append-only: no foreign keys, so history outlives the tokens and accounts it speaks of.
      CREATE TABLE events (
        seq INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        kind TEXT NOT NULL,
        account_id INTEGER,
        token_id INTEGER,
        details TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
      ) STRICT;
      CREATE INDEX events_by_token ON events(token_id);

      CREATE TRIGGER events_no_update BEFORE UPDATE ON events
      BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
      CREATE TRIGGER events_no_delete BEFORE DELETE ON events
      BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
    `);
  },
};

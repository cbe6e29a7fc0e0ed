import type { Migration } from '../migration';

/**
 * Endpoint profile: secondary -> primary mappings with their own enabled flag, an account's endpoints, and which
 * token serves which HTTP method there. Plus the inactivity clock's reset time (ON24: re-enabling resets the count).
 */
export const migration0003EndpointsLinks: Migration = {
  version: 3,
  name: 'endpoints-links',
  up(db) {
    db.exec(`
      CREATE TABLE token_links (
        secondary_id INTEGER NOT NULL REFERENCES tokens(id) ON DELETE CASCADE,
        primary_id INTEGER NOT NULL REFERENCES tokens(id) ON DELETE CASCADE,
        enabled INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
        created_at TEXT NOT NULL,
        PRIMARY KEY (secondary_id, primary_id),
        CHECK (secondary_id <> primary_id)
      ) STRICT;
      CREATE INDEX token_links_by_primary ON token_links(primary_id);

      CREATE TABLE endpoints (
        id INTEGER PRIMARY KEY,
        account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        name TEXT NOT NULL COLLATE NOCASE,
        created_at TEXT NOT NULL,
        UNIQUE (account_id, name)
      ) STRICT;

      CREATE TABLE token_endpoints (
        endpoint_id INTEGER NOT NULL REFERENCES endpoints(id) ON DELETE CASCADE,
        method TEXT NOT NULL CHECK (method IN ('POST', 'GET', 'DELETE')),
        token_id INTEGER NOT NULL REFERENCES tokens(id) ON DELETE CASCADE,
        created_at TEXT NOT NULL,
        PRIMARY KEY (endpoint_id, method, token_id)
      ) STRICT;
      CREATE INDEX token_endpoints_by_token ON token_endpoints(token_id);

      -- When a re-enable last restarted the inactivity count; NULL means it runs from creation or last activity.
      ALTER TABLE tokens ADD COLUMN inactivity_reset_at TEXT;
    `);
  },
};

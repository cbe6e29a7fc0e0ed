import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../src/main/core/db/migrations';
import { migration0003EndpointsLinks } from '../../../src/main/core/db/migrations/0003-endpoints-links';
import { listBackups } from '../../../src/main/core/db/backups';
import { Vault } from '../../../src/main/core/vault/vault';
import {
  createVaultAtVersion,
  describeSchema,
  migrateTo,
  openScratchDatabase,
  userVersion,
  type ScratchDatabase,
} from '../../helpers/migration-harness';
import { TEST_PASSWORD } from '../../helpers/vault-fixture';

let scratch: ScratchDatabase | undefined;
afterEach(() => scratch?.close());

describe('migration 0003-endpoints-links', () => {
  it('is the third migration', () => {
    expect(MIGRATIONS[2]).toBe(migration0003EndpointsLinks);
    expect(migration0003EndpointsLinks.version).toBe(3);
  });

  it('adds token_links, endpoints, token_endpoints (strict, cascading) and tokens.inactivity_reset_at', () => {
    scratch = openScratchDatabase();
    migrateTo(scratch.db, 2);
    expect(migrateTo(scratch.db, 3)).toEqual({ from: 2, to: 3 });
    expect(userVersion(scratch.db)).toBe(3);
    const schema = describeSchema(scratch.db);
    for (const table of ['token_links', 'endpoints', 'token_endpoints'])
      expect(schema.tables[table]?.strict).toBe(true);
    expect(schema.tables.token_links!.columns.map((c) => c.name)).toEqual([
      'secondary_id',
      'primary_id',
      'enabled',
      'created_at',
    ]);
    expect(schema.tables.token_links!.foreignKeys.sort()).toEqual([
      'primary_id -> tokens(id) ON DELETE CASCADE',
      'secondary_id -> tokens(id) ON DELETE CASCADE',
    ]);
    expect(schema.tables.endpoints!.columns.map((c) => c.name)).toEqual([
      'id',
      'account_id',
      'name',
      'created_at',
    ]);
    expect(schema.tables.token_endpoints!.columns.map((c) => c.name)).toEqual([
      'endpoint_id',
      'method',
      'token_id',
      'created_at',
    ]);
    expect(schema.tables.tokens!.columns.at(-1)).toMatchObject({
      name: 'inactivity_reset_at',
      type: 'TEXT',
      notNull: false,
    });
    expect(schema.indexes.token_links_by_primary).toMatchObject({
      table: 'token_links',
      columns: ['primary_id'],
    });
    expect(schema.indexes.token_endpoints_by_token).toMatchObject({
      table: 'token_endpoints',
      columns: ['token_id'],
    });

    const db = scratch.db;
    db.prepare(
      `INSERT INTO accounts (name, profile, created_at, updated_at) VALUES ('Hub', 'endpoint', 'x', 'x')`,
    ).run();
    const insertToken = db.prepare(
      `INSERT INTO tokens (account_id, name, kind, role, value, created_at, updated_at) VALUES (1, ?, 'endpoint-token', ?, 'v', 'x', 'x')`,
    );
    insertToken.run('POST', 'primary');
    insertToken.run('App', 'secondary');
    db.prepare(`INSERT INTO token_links (secondary_id, primary_id, created_at) VALUES (2, 1, 'x')`).run();
    expect(() =>
      db.prepare(`INSERT INTO token_links (secondary_id, primary_id, created_at) VALUES (2, 2, 'x')`).run(),
    ).toThrow();
    db.prepare(`INSERT INTO endpoints (account_id, name, created_at) VALUES (1, '/contacts', 'x')`).run();
    expect(() =>
      db.prepare(`INSERT INTO endpoints (account_id, name, created_at) VALUES (1, '/CONTACTS', 'x')`).run(),
    ).toThrow();
    db.prepare(
      `INSERT INTO token_endpoints (endpoint_id, method, token_id, created_at) VALUES (1, 'POST', 1, 'x')`,
    ).run();
    expect(() =>
      db
        .prepare(
          `INSERT INTO token_endpoints (endpoint_id, method, token_id, created_at) VALUES (1, 'PATCH', 2, 'x')`,
        )
        .run(),
    ).toThrow();
    db.prepare('DELETE FROM tokens WHERE id = 1').run();
    const count = (table: string) =>
      (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    expect([count('token_links'), count('token_endpoints')]).toEqual([0, 0]);
  });

  it('upgrades a version 2 vault with its tokens, after an encrypted backup', async () => {
    const { dir } = await createVaultAtVersion(2, (db) => {
      db.prepare(
        `INSERT INTO accounts (name, profile, created_at, updated_at) VALUES ('Old', 'generic', 'now', 'now')`,
      ).run();
      db.prepare(
        `INSERT INTO tokens (account_id, name, kind, role, value, created_at, updated_at) VALUES (1, 'Kept', 'api-token', 'standalone', 'v1', '2025-01-01T00:00:00.000Z', 'x')`,
      ).run();
    });
    const vault = await Vault.open(dir, { password: TEST_PASSWORD });
    try {
      expect(vault.info().schemaVersion).toBeGreaterThanOrEqual(3);
      expect(vault.tokens.list().map((t) => t.name)).toEqual(['Kept']);
      expect(vault.lifecycle.usage(1).inUse).toBe(false);
      expect(listBackups(dir).map((b) => b.file)).toEqual([
        expect.stringMatching(/before-migration-from-v2\.db$/),
      ]);
    } finally {
      vault.lock();
    }
  });
});

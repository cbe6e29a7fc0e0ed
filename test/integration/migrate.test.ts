import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { backupDatabase, listBackups } from '../../src/main/core/db/backups';
import { migrateDatabase } from '../../src/main/core/db/migrate';
import type { Migration } from '../../src/main/core/db/migration';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../src/main/core/db/migrations';
import { openEncryptedDatabase } from '../../src/main/core/db/open-database';
import { Vault } from '../../src/main/core/vault/vault';
import {
  createVaultAtVersion,
  describeSchema,
  openVaultDatabase,
  snapshotFolder,
  unwrapWithPassword,
  userVersion,
} from '../helpers/migration-harness';
import { findPlaintext } from '../helpers/plaintext-scan';
import { createTestVault, TEST_PASSWORD } from '../helpers/vault-fixture';

const NEXT = LATEST_SCHEMA_VERSION + 1;

/** A stand-in for the next real migration, to exercise the machinery without waiting for one. */
const addColourColumn: Migration = {
  version: NEXT,
  name: 'test-add-colour',
  up(db) {
    db.exec(`ALTER TABLE accounts ADD COLUMN colour TEXT NOT NULL DEFAULT 'blue'`);
    db.exec('CREATE TABLE test_labels (id INTEGER PRIMARY KEY, label TEXT NOT NULL) STRICT');
  },
};

/** What Vault.open passes to migrateDatabase. */
function backupBeforeMigration(vault: Vault) {
  return (from: number) => {
    backupDatabase(vault.db, vault.dir, `before-migration-from-v${from}`);
  };
}

async function vaultWithAToken() {
  const fixture = await createTestVault();
  const account = fixture.vault.accounts.create({ name: 'Main', profile: 'generic' });
  const value = `migration-secret-${Date.now()}-${Math.random().toString(36).slice(2)}`;
  const token = fixture.vault.tokens.create({ accountId: account.id, name: 'CRM sync', value });
  return { ...fixture, token, value };
}

describe('migrations', () => {
  it('are numbered 1, 2, 3, ... without a gap, each with a name', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    for (const migration of MIGRATIONS) expect(migration.name).toMatch(/^[a-z0-9-]+$/);
    expect(LATEST_SCHEMA_VERSION).toBe(MIGRATIONS.length);
  });

  it('a new vault is at the latest version, and creating it makes no backup', async () => {
    const { dir, vault } = await createTestVault();
    expect(userVersion(vault.db)).toBe(LATEST_SCHEMA_VERSION);
    expect(vault.info().schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    // backups/ holds the copy of keyslots.json from the start, but no copy of vault.db.
    expect(listBackups(dir)).toEqual([]);
    vault.lock();
  });

  it('refuses a vault from a newer schema with VAULT_TOO_NEW and leaves every file byte for byte', async () => {
    const { dir, vault } = await vaultWithAToken();
    vault.lock();
    const db = await openVaultDatabase(dir);
    db.pragma(`user_version = ${NEXT + 5}`);
    db.close();
    const before = snapshotFolder(dir);
    expect(Object.keys(before).sort()).toEqual([
      'backups/keyslots.json',
      'keyslots.json',
      'vault.db',
      'writer.lock',
    ]);

    await expect(Vault.open(dir, { password: TEST_PASSWORD })).rejects.toMatchObject({
      code: 'VAULT_TOO_NEW',
      message: expect.stringMatching(
        new RegExp(`schema version ${NEXT + 5}.*\\(${LATEST_SCHEMA_VERSION}\\).*update`),
      ),
    });
    expect(snapshotFolder(dir)).toEqual(before);
    // Still refused (not half-migrated) the second time.
    await expect(Vault.open(dir, { password: TEST_PASSWORD })).rejects.toMatchObject({
      code: 'VAULT_TOO_NEW',
    });
    expect(snapshotFolder(dir)).toEqual(before);
  });

  it('backs an existing vault up, encrypted, before migrating it (simulated v1 -> v2)', async () => {
    const { dir, vault, value } = await vaultWithAToken();
    const result = migrateDatabase(vault.db, {
      migrations: [...MIGRATIONS, addColourColumn],
      backupBeforeMigration: backupBeforeMigration(vault),
    });
    expect(result).toEqual({ from: LATEST_SCHEMA_VERSION, to: NEXT });
    expect(userVersion(vault.db)).toBe(NEXT);
    expect(describeSchema(vault.db).tables.test_labels).toBeDefined();
    expect(vault.accounts.list()[0]).toBeDefined();

    const backups = listBackups(dir);
    expect(backups).toHaveLength(1);
    expect(backups[0]!.file).toMatch(
      new RegExp(
        `^vault-\\d{4}-\\d{2}-\\d{2}T\\d{2}-\\d{2}-\\d{2}-\\d{3}Z-before-migration-from-v${LATEST_SCHEMA_VERSION}\\.db$`,
      ),
    );
    const backupBytes = readFileSync(backups[0]!.path);
    expect(backupBytes.subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\0');
    expect(findPlaintext(join(dir, 'backups'), [value, 'CRM sync'])).toEqual([]);
    // Without the key it is not a database at all.
    const unkeyed = new Database(backups[0]!.path, { readonly: true });
    expect(() => unkeyed.prepare('SELECT count(*) FROM sqlite_master').get()).toThrow(/not a database/);
    unkeyed.close();

    // With the vault's data key it is the database as it was before the migration.
    const copy = openEncryptedDatabase(backups[0]!.path, await unwrapWithPassword(dir), { readonly: true });
    expect(userVersion(copy)).toBe(LATEST_SCHEMA_VERSION);
    expect(describeSchema(copy).tables.test_labels).toBeUndefined();
    expect(describeSchema(copy).tables.accounts!.columns.map((c) => c.name)).not.toContain('colour');
    expect(copy.prepare(`SELECT value FROM tokens WHERE name = 'CRM sync'`).get()).toEqual({ value });
    copy.close();
    vault.lock();
  });

  it('does not back up a fresh database (nothing to lose) and runs nothing when up to date', async () => {
    const { dir, vault } = await createTestVault();
    let backups = 0;
    expect(migrateDatabase(vault.db, { backupBeforeMigration: () => backups++ })).toEqual({
      from: LATEST_SCHEMA_VERSION,
      to: LATEST_SCHEMA_VERSION,
    });
    expect(backups).toBe(0);
    // backups/ holds the copy of keyslots.json from the start, but no copy of vault.db.
    expect(listBackups(dir)).toEqual([]);
    vault.lock();
  });

  it('a failing migration rolls back to the old version, after the backup, and the vault still opens', async () => {
    const { dir, vault, token, value } = await vaultWithAToken();
    const failing: Migration = {
      version: NEXT,
      name: 'test-fails-half-way',
      up(db) {
        db.exec(`ALTER TABLE accounts ADD COLUMN colour TEXT`);
        throw new Error('disk on fire');
      },
    };
    expect(() =>
      migrateDatabase(vault.db, {
        migrations: [...MIGRATIONS, failing],
        backupBeforeMigration: backupBeforeMigration(vault),
      }),
    ).toThrow('disk on fire');
    expect(userVersion(vault.db)).toBe(LATEST_SCHEMA_VERSION);
    expect(describeSchema(vault.db).tables.accounts!.columns.map((c) => c.name)).not.toContain('colour');
    expect(listBackups(dir)).toHaveLength(1);
    vault.lock();
    const reopened = await Vault.open(dir, { password: TEST_PASSWORD });
    expect(reopened.tokens.reveal(token.id)).toBe(value);
    expect(reopened.verify().ok).toBe(true);
    reopened.lock();
  });

  it('runs several pending migrations in order, each in its own transaction, with one backup', async () => {
    const { dir, vault } = await vaultWithAToken();
    const order: number[] = [];
    const second: Migration = {
      version: NEXT + 1,
      name: 'test-second',
      up(db) {
        order.push(NEXT + 1);
        db.exec(`INSERT INTO test_labels (label) VALUES ('from the second migration')`);
      },
    };
    const first: Migration = { ...addColourColumn, up: (db) => (order.push(NEXT), addColourColumn.up(db)) };
    expect(
      migrateDatabase(vault.db, {
        migrations: [...MIGRATIONS, first, second],
        backupBeforeMigration: backupBeforeMigration(vault),
      }),
    ).toEqual({ from: LATEST_SCHEMA_VERSION, to: NEXT + 1 });
    expect(order).toEqual([NEXT, NEXT + 1]);
    expect(userVersion(vault.db)).toBe(NEXT + 1);
    expect(listBackups(dir)).toHaveLength(1);

    // A later failure keeps the earlier, completed steps: the next open resumes from there.
    const third: Migration = {
      version: NEXT + 2,
      name: 'test-third',
      up: () => {
        throw new Error('no');
      },
    };
    expect(() => migrateDatabase(vault.db, { migrations: [...MIGRATIONS, first, second, third] })).toThrow(
      'no',
    );
    expect(userVersion(vault.db)).toBe(NEXT + 1);
    vault.lock();
  });

  it('the harness builds a vault at an older version that Vault.open migrates, backing it up if it must', async () => {
    const { dir } = await createVaultAtVersion(1, (db) => {
      db.prepare(
        `INSERT INTO accounts (name, profile, created_at, updated_at) VALUES ('Seeded', 'generic', '2026-01-01', '2026-01-01')`,
      ).run();
    });
    const vault = await Vault.open(dir, { password: TEST_PASSWORD });
    expect(vault.info().schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    expect(vault.accounts.list().map((a) => a.name)).toEqual(['Seeded']);
    const backups = listBackups(dir).map((b) => b.file);
    if (LATEST_SCHEMA_VERSION > 1)
      expect(backups).toEqual([expect.stringMatching(/before-migration-from-v1\.db$/)]);
    else expect(backups).toEqual([]);
    vault.lock();
  });

  it('refuses a vault.db that belongs to another vault', async () => {
    const { dir } = await createVaultAtVersion(1, (db) => {
      db.prepare(
        `UPDATE meta SET value = '00000000-0000-4000-8000-000000000000' WHERE key = 'vault_id'`,
      ).run();
    });
    await expect(Vault.open(dir, { password: TEST_PASSWORD })).rejects.toMatchObject({
      code: 'VAULT_CORRUPT',
      message: expect.stringMatching(/different vault/),
    });
  });
});

/**
 * Helpers for migration tests: a real SQLCipher database on disk at any schema version, and a real vault folder
 * whose database is at an older version, so `Vault.open` runs the pending migrations (and the backup) itself.
 *
 * A test for migration NNNN typically:
 *   const h = openScratchDatabase();            // empty encrypted vault.db in a temp folder
 *   migrateTo(h.db, N - 1); seed rows with h.db.prepare(...)
 *   migrateTo(h.db, N);     expect(describeSchema(h.db).tables.x.columns).toEqual([...]); expect(userVersion(h.db)).toBe(N)
 * and, end to end: const v = await createVaultAtVersion(N - 1, seed); then Vault.open(v.dir, { password }) and
 * check backups/ holds a `before-migration-from-v<N-1>` copy.
 */
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { argon2idRaw } from '../../src/main/core/crypto/argon2id';
import { migrateDatabase } from '../../src/main/core/db/migrate';
import type { Migration } from '../../src/main/core/db/migration';
import { MIGRATIONS } from '../../src/main/core/db/migrations';
import { openEncryptedDatabase, type SqliteDatabase } from '../../src/main/core/db/open-database';
import { normalisePassword } from '../../src/main/core/password-policy';
import { readKeySlots, unwrapDataKey } from '../../src/main/core/vault/keyslots';
import { Vault } from '../../src/main/core/vault/vault';
import { filesUnder } from './plaintext-scan';
import { makeTempDir } from './temp-dir';
import { TEST_PASSWORD } from './vault-fixture';

export interface ScratchDatabase {
  db: SqliteDatabase;
  path: string;
  dataKey: Buffer;
  close(): void;
}

/** An empty encrypted database (user_version 0) opened exactly as the app opens vault.db. */
export function openScratchDatabase(): ScratchDatabase {
  const path = join(makeTempDir('tokenvault-migration-'), 'vault.db');
  const dataKey = randomBytes(32);
  const db = openEncryptedDatabase(path, dataKey);
  return {
    db,
    path,
    dataKey,
    close: () => {
      if (db.open) db.close();
    },
  };
}

/** Run the app's migrations up to and including `version` (never past it). */
export function migrateTo(
  db: SqliteDatabase,
  version: number,
  migrations: readonly Migration[] = MIGRATIONS,
): { from: number; to: number } {
  const upTo = migrations.filter((migration) => migration.version <= version);
  if (upTo[upTo.length - 1]?.version !== version) throw new Error(`there is no migration ${version}`);
  return migrateDatabase(db, { migrations: upTo });
}

export function userVersion(db: SqliteDatabase): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export interface ColumnShape {
  name: string;
  type: string;
  notNull: boolean;
  defaultValue: string | null;
  primaryKey: boolean;
}

export interface SchemaShape {
  tables: Record<string, { strict: boolean; columns: ColumnShape[]; foreignKeys: string[] }>;
  indexes: Record<string, { table: string; columns: string[]; unique: boolean }>;
  triggers: Record<string, { table: string }>;
}

/** The schema as data (tables, columns, foreign keys, indexes, triggers), for exact comparisons in tests. */
export function describeSchema(db: SqliteDatabase): SchemaShape {
  const shape: SchemaShape = { tables: {}, indexes: {}, triggers: {} };
  const objects = db
    .prepare(`SELECT type, name, tbl_name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name`)
    .all() as { type: string; name: string; tbl_name: string }[];
  const strictness = new Map(
    (db.pragma('table_list') as { name: string; strict: number }[]).map((t) => [t.name, t.strict === 1]),
  );
  for (const object of objects) {
    if (object.type === 'table') {
      const columns = (
        db.pragma(`table_info(${JSON.stringify(object.name)})`) as {
          name: string;
          type: string;
          notnull: number;
          dflt_value: string | null;
          pk: number;
        }[]
      ).map((c) => ({
        name: c.name,
        type: c.type,
        notNull: c.notnull === 1,
        defaultValue: c.dflt_value,
        primaryKey: c.pk > 0,
      }));
      const foreignKeys = (
        db.pragma(`foreign_key_list(${JSON.stringify(object.name)})`) as {
          from: string;
          table: string;
          to: string;
          on_delete: string;
        }[]
      ).map((fk) => `${fk.from} -> ${fk.table}(${fk.to}) ON DELETE ${fk.on_delete}`);
      shape.tables[object.name] = { strict: strictness.get(object.name) ?? false, columns, foreignKeys };
    } else if (object.type === 'index') {
      const columns = (db.pragma(`index_info(${JSON.stringify(object.name)})`) as { name: string }[]).map(
        (c) => c.name,
      );
      const unique =
        (
          db.pragma(`index_list(${JSON.stringify(object.tbl_name)})`) as { name: string; unique: number }[]
        ).find((i) => i.name === object.name)?.unique === 1;
      shape.indexes[object.name] = { table: object.tbl_name, columns, unique };
    } else if (object.type === 'trigger') {
      shape.triggers[object.name] = { table: object.tbl_name };
    }
  }
  return shape;
}

/** The vault's data key, through the core's own password slot code (tests that must not trust it use independent-reader). */
export async function unwrapWithPassword(vaultDir: string, password = TEST_PASSWORD): Promise<Buffer> {
  const slots = readKeySlots(vaultDir);
  for (const slot of slots.slots) {
    if (slot.type !== 'password') continue;
    const kek = await argon2idRaw({
      password: Buffer.from(normalisePassword(password), 'utf8'),
      salt: Buffer.from(slot.kdf.salt, 'base64'),
      params: slot.kdf,
    });
    const key = unwrapDataKey(slot.wrap, kek, slots.vaultId, slot.id);
    if (key) return key;
  }
  throw new Error('the password opens no slot');
}

/** Open a locked vault's database directly, without the Vault class (no lock file, no migration). */
export async function openVaultDatabase(vaultDir: string, password = TEST_PASSWORD): Promise<SqliteDatabase> {
  return openEncryptedDatabase(join(vaultDir, 'vault.db'), await unwrapWithPassword(vaultDir, password));
}

/**
 * A real, locked vault folder (keyslots.json, password TEST_PASSWORD) whose vault.db is at schema `version`,
 * with the same meta rows Vault.create writes. `seed` runs on the database at that version, before it is closed.
 * Opening it with Vault.open then migrates it to the latest version, backing it up first.
 */
export async function createVaultAtVersion(
  version: number,
  seed?: (db: SqliteDatabase) => void,
): Promise<{ dir: string; vaultId: string }> {
  const dir = join(makeTempDir(), 'older.tokenvault');
  const { vault } = await Vault.create(dir, { password: TEST_PASSWORD, operator: 'tester' });
  const vaultId = vault.id;
  const createdAt = vault.info().createdAt;
  vault.lock();
  const dataKey = await unwrapWithPassword(dir);
  for (const file of ['vault.db', 'vault.db-wal', 'vault.db-shm']) rmSync(join(dir, file), { force: true });
  const db = openEncryptedDatabase(join(dir, 'vault.db'), dataKey);
  try {
    migrateTo(db, version);
    const meta = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)');
    db.transaction(() => {
      meta.run('vault_id', vaultId);
      meta.run('created_at', createdAt);
      meta.run('operator', 'tester');
      meta.run('demo', '0');
    })();
    seed?.(db);
  } finally {
    db.close();
    dataKey.fill(0);
  }
  return { dir, vaultId };
}

/** SHA-256 of every file under a folder (relative path -> hex), to prove an operation left it byte for byte as it was. */
export function snapshotFolder(dir: string): Record<string, string> {
  return Object.fromEntries(
    filesUnder(dir).map((file) => [
      relative(dir, file),
      createHash('sha256').update(readFileSync(file)).digest('hex'),
    ]),
  );
}

import { VaultError } from '../../../shared/errors';
import type { Migration } from './migration';
import { MIGRATIONS } from './migrations';
import type { SqliteDatabase } from './open-database';

export function schemaVersion(db: SqliteDatabase): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Bring the schema to the latest version. A vault from a newer app is refused untouched; before any migration of
 * an existing vault, `backupBeforeMigration` makes an encrypted copy, so a failed upgrade can be rolled back.
 */
export function migrateDatabase(
  db: SqliteDatabase,
  options: { backupBeforeMigration?: (fromVersion: number) => void; migrations?: readonly Migration[] } = {},
): { from: number; to: number } {
  const migrations = options.migrations ?? MIGRATIONS;
  const latest = migrations[migrations.length - 1]?.version ?? 0;
  const from = schemaVersion(db);
  if (from > latest) {
    throw new VaultError(
      'VAULT_TOO_NEW',
      `This vault uses schema version ${from}, newer than this app understands (${latest}); update Token Vault to open it.`,
    );
  }
  const pending = migrations.filter((migration) => migration.version > from);
  if (pending.length === 0) return { from, to: from };
  if (from > 0) options.backupBeforeMigration?.(from);
  for (const migration of pending) {
    db.transaction(() => {
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
  return { from, to: latest };
}

import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../src/main/core/db/migrations';
import { migration0005AgeKeys } from '../../../src/main/core/db/migrations/0005-age-keys';
import { listBackups } from '../../../src/main/core/db/backups';
import type { SqliteDatabase } from '../../../src/main/core/db/open-database';
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

/** Two recipients, two password handoffs (three token rows), one with the `unknown` channel: a version 4 vault. */
function seedVersion4(db: SqliteDatabase): void {
  db.exec(`
    INSERT INTO recipients (id, name, organisation, email, phone, notes, archived, created_at, updated_at)
      VALUES (1, 'Acme Agency', 'Acme', 'a@acme.test', '+44 1', 'n', 0, 't0', 't0'),
             (2, 'Solo Dev', '', '', '', '', 1, 't0', 't0');
    INSERT INTO handoffs (id, recipient_id, created_at, file_name, sha256, password_channel, fields, token_count)
      VALUES (7, 1, 't1', 'a.zip', '${'a'.repeat(64)}', 'sms', '["value"]', 2),
             (9, 2, 't2', 'b.zip', '${'b'.repeat(64)}', 'unknown', '["key-id"]', 1);
    INSERT INTO handoff_tokens (handoff_id, token_id, token_name)
      VALUES (7, 11, 'Sync'), (7, 12, 'Widgets'), (9, 11, 'Sync');
  `);
}

const handoffRows = (db: SqliteDatabase) =>
  db
    .prepare(
      'SELECT id, recipient_id, created_at, file_name, sha256, password_channel, fields, token_count FROM handoffs ORDER BY id',
    )
    .all();
const tokenRows = (db: SqliteDatabase) =>
  db.prepare('SELECT * FROM handoff_tokens ORDER BY handoff_id, token_id').all();
const KEY = 'age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p';

describe('migration 0005-age-keys', () => {
  it('is the fifth migration', () => {
    expect(MIGRATIONS[4]).toBe(migration0005AgeKeys);
    expect(migration0005AgeKeys.version).toBe(5);
  });

  it('keeps every handoff (as aes-zip), adds key and identity tables with their constraints', () => {
    scratch = openScratchDatabase();
    const { db } = scratch;
    migrateTo(db, 4);
    seedVersion4(db);
    const handoffsBefore = handoffRows(db);
    const tokensBefore = tokenRows(db);

    expect(migrateTo(db, 5)).toEqual({ from: 4, to: 5 });
    expect(userVersion(db)).toBe(5);
    expect(handoffRows(db)).toEqual(handoffsBefore);
    expect(tokenRows(db)).toEqual(tokensBefore);
    expect(db.prepare('SELECT DISTINCT format, key_fingerprint FROM handoffs').all()).toEqual([
      { format: 'aes-zip', key_fingerprint: null },
    ]);

    const schema = describeSchema(db);
    expect(Object.keys(schema.tables).filter((name) => name.endsWith('_next'))).toEqual([]);
    for (const table of ['recipient_age_keys', 'vault_age_identity', 'handoffs', 'handoff_tokens'])
      expect(schema.tables[table]?.strict).toBe(true);
    expect(schema.tables.handoffs!.columns.map((c) => c.name).slice(-2)).toEqual([
      'format',
      'key_fingerprint',
    ]);
    expect(schema.tables.handoff_tokens!.foreignKeys).toEqual([
      'handoff_id -> handoffs(id) ON DELETE CASCADE',
    ]);
    expect(schema.tables.recipient_age_keys!.foreignKeys).toEqual([
      'recipient_id -> recipients(id) ON DELETE CASCADE',
    ]);
    expect(schema.indexes.handoffs_by_recipient).toMatchObject({
      table: 'handoffs',
      columns: ['recipient_id'],
    });
    expect(schema.indexes.recipient_age_keys_current).toMatchObject({
      table: 'recipient_age_keys',
      columns: ['recipient_id'],
    });
    expect(db.pragma('foreign_key_check')).toEqual([]);

    // One current key per recipient; a retired one needs its how.
    const addKey = db.prepare(
      `INSERT INTO recipient_age_keys (recipient_id, public_key, fingerprint, added_at, retired_at, retired_how) VALUES (1, ?, 'F', 't', ?, ?)`,
    );
    addKey.run(KEY, null, null);
    expect(() => addKey.run(KEY, null, null)).toThrow(/UNIQUE/);
    expect(() => addKey.run(KEY, 't2', null)).toThrow(/CHECK/);
    expect(() => addKey.run(KEY, 't2', 'replaced')).not.toThrow();
    // One identity per vault.
    const addIdentity = db.prepare(
      `INSERT INTO vault_age_identity (id, secret_key, public_key, created_at) VALUES (?, 's', ?, 't')`,
    );
    addIdentity.run(1, KEY);
    expect(() => addIdentity.run(2, KEY)).toThrow(/CHECK/);
    // An age handoff has a fingerprint and no password channel; a ZIP has a channel and no fingerprint.
    const addHandoff = db.prepare(
      `INSERT INTO handoffs (recipient_id, created_at, file_name, sha256, password_channel, fields, token_count, format, key_fingerprint) VALUES (1, 'x', 'f', 's', ?, '[]', 0, ?, ?)`,
    );
    expect(() => addHandoff.run('none', 'age', 'F')).not.toThrow();
    expect(() => addHandoff.run('sms', 'aes-zip', null)).not.toThrow();
    expect(() => addHandoff.run('sms', 'age', 'F')).toThrow(/CHECK/);
    expect(() => addHandoff.run('none', 'aes-zip', null)).toThrow(/CHECK/);
    expect(() => addHandoff.run('none', 'age', null)).toThrow(/CHECK/);
    expect(() => addHandoff.run('none', 'gpg', 'F')).toThrow(/CHECK/);
    // A removed recipient takes its keys; a handoff takes its token rows.
    db.prepare('DELETE FROM handoffs WHERE id = 7').run();
    expect(tokenRows(db)).toEqual([{ handoff_id: 9, token_id: 11, token_name: 'Sync' }]);
  });

  it('upgrades a version 4 vault with its handoffs, after an encrypted backup', async () => {
    const { dir } = await createVaultAtVersion(4, seedVersion4);
    const vault = await Vault.open(dir, { password: TEST_PASSWORD });
    try {
      expect(vault.info().schemaVersion).toBeGreaterThanOrEqual(5);
      expect(vault.handoffs.list().map((h) => [h.id, h.passwordChannel, h.format, h.keyFingerprint])).toEqual(
        [
          [9, 'unknown', 'aes-zip', null],
          [7, 'sms', 'aes-zip', null],
        ],
      );
      expect(vault.recipientKeys.current('Acme Agency')).toBeNull();
      expect(vault.identity.show()).toBeNull();
      expect(listBackups(dir).map((b) => b.file)).toEqual([
        expect.stringMatching(/before-migration-from-v4\.db$/),
      ]);
    } finally {
      vault.lock();
    }
  });
});

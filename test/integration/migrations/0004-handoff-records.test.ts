import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../src/main/core/db/migrations';
import { migration0004HandoffRecords } from '../../../src/main/core/db/migrations/0004-handoff-records';
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

/** Two recipients, two handoffs (three token rows) as a version 3 vault holds them. */
function seedVersion3(db: SqliteDatabase): void {
  db.exec(`
    INSERT INTO recipients (id, name, organisation, email, phone, notes, archived, created_at, updated_at)
      VALUES (1, 'Acme Agency', 'Acme', 'a@acme.test', '+44 1', 'n', 0, 't0', 't0'),
             (2, 'Solo Dev', '', '', '', '', 1, 't0', 't0');
    INSERT INTO handoffs (id, recipient_id, created_at, file_name, sha256, password_channel, fields, token_count)
      VALUES (7, 1, 't1', 'a.zip', '${'a'.repeat(64)}', 'sms', '["value"]', 2),
             (9, 2, 't2', 'b.zip', '${'b'.repeat(64)}', 'other', '["key-id"]', 1);
    INSERT INTO handoff_tokens (handoff_id, token_id, token_name)
      VALUES (7, 11, 'Sync'), (7, 12, 'Widgets'), (9, 11, 'Sync');
  `);
}

const handoffRows = (db: SqliteDatabase) => db.prepare('SELECT * FROM handoffs ORDER BY id').all();
const tokenRows = (db: SqliteDatabase) =>
  db.prepare('SELECT * FROM handoff_tokens ORDER BY handoff_id, token_id').all();

describe('migration 0004-handoff-records', () => {
  it('is the fourth migration', () => {
    expect(MIGRATIONS[3]).toBe(migration0004HandoffRecords);
    expect(migration0004HandoffRecords.version).toBe(4);
  });

  it('keeps every handoff row and id, accepts the unknown channel, adds recipients.deleted_at', () => {
    scratch = openScratchDatabase();
    const { db } = scratch;
    migrateTo(db, 3);
    seedVersion3(db);
    const handoffsBefore = handoffRows(db);
    const tokensBefore = tokenRows(db);
    expect(() =>
      db
        .prepare(
          `INSERT INTO handoffs (recipient_id, created_at, file_name, sha256, password_channel, fields, token_count) VALUES (1, 'x', 'f', 's', 'unknown', '[]', 0)`,
        )
        .run(),
    ).toThrow(/CHECK/);

    expect(migrateTo(db, 4)).toEqual({ from: 3, to: 4 });
    expect(userVersion(db)).toBe(4);
    expect(handoffRows(db)).toEqual(handoffsBefore);
    expect(tokenRows(db)).toEqual(tokensBefore);

    const schema = describeSchema(db);
    expect(Object.keys(schema.tables).filter((name) => name.endsWith('_next'))).toEqual([]);
    for (const table of ['recipients', 'handoffs', 'handoff_tokens'])
      expect(schema.tables[table]?.strict).toBe(true);
    expect(schema.tables.recipients!.columns.at(-1)).toMatchObject({
      name: 'deleted_at',
      type: 'TEXT',
      notNull: false,
    });
    expect(schema.tables.handoffs!.columns.map((c) => c.name)).toEqual([
      'id',
      'recipient_id',
      'created_at',
      'file_name',
      'sha256',
      'password_channel',
      'fields',
      'token_count',
    ]);
    expect(schema.tables.handoffs!.foreignKeys).toEqual([
      'recipient_id -> recipients(id) ON DELETE RESTRICT',
    ]);
    // The rename rewrote the child's reference: it points at the new handoffs, not at a dropped table.
    expect(schema.tables.handoff_tokens!.foreignKeys).toEqual([
      'handoff_id -> handoffs(id) ON DELETE CASCADE',
    ]);
    expect(schema.tables.handoff_tokens!.columns.map((c) => c.name)).toEqual([
      'handoff_id',
      'token_id',
      'token_name',
    ]);
    expect(schema.indexes.handoffs_by_recipient).toMatchObject({
      table: 'handoffs',
      columns: ['recipient_id'],
    });
    expect(schema.indexes.handoff_tokens_by_token).toMatchObject({
      table: 'handoff_tokens',
      columns: ['token_id'],
    });
    expect(db.pragma('foreign_key_check')).toEqual([]);

    const insert = db.prepare(
      `INSERT INTO handoffs (recipient_id, created_at, file_name, sha256, password_channel, fields, token_count) VALUES (1, 'x', 'f', 's', ?, '[]', 0)`,
    );
    expect(() => insert.run('unknown')).not.toThrow();
    expect(() => insert.run('email')).toThrow(/CHECK/);
    // The foreign keys still act: a referenced recipient cannot go, a handoff takes its token rows with it.
    expect(() => db.prepare('DELETE FROM recipients WHERE id = 1').run()).toThrow(/FOREIGN KEY/);
    expect(() => db.prepare('INSERT INTO handoff_tokens VALUES (999, 1, ?)').run('x')).toThrow(/FOREIGN KEY/);
    db.prepare('DELETE FROM handoffs WHERE id = 7').run();
    expect(tokenRows(db)).toEqual([{ handoff_id: 9, token_id: 11, token_name: 'Sync' }]);
  });

  it('upgrades a version 3 vault with its handoffs, after an encrypted backup', async () => {
    const { dir } = await createVaultAtVersion(3, seedVersion3);
    const vault = await Vault.open(dir, { password: TEST_PASSWORD });
    try {
      expect(vault.info().schemaVersion).toBeGreaterThanOrEqual(4);
      expect(vault.recipients.list().map((r) => [r.name, r.handoffCount])).toEqual([
        ['Acme Agency', 1],
        ['Solo Dev', 1],
      ]);
      expect(vault.handoffs.list().map((h) => [h.id, h.recipient, h.passwordChannel])).toEqual([
        [9, 'Solo Dev', 'other'],
        [7, 'Acme Agency', 'sms'],
      ]);
      expect(listBackups(dir).map((b) => b.file)).toEqual([
        expect.stringMatching(/before-migration-from-v3\.db$/),
      ]);
    } finally {
      vault.lock();
    }
  });
});

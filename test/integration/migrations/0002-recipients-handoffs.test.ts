import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../src/main/core/db/migrations';
import { migration0002RecipientsHandoffs } from '../../../src/main/core/db/migrations/0002-recipients-handoffs';
import { Vault } from '../../../src/main/core/vault/vault';
import { listBackups } from '../../../src/main/core/db/backups';
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

describe('migration 0002-recipients-handoffs', () => {
  it('is the second migration', () => {
    expect(MIGRATIONS[1]).toBe(migration0002RecipientsHandoffs);
    expect(migration0002RecipientsHandoffs.version).toBe(2);
  });

  it('adds recipients, handoffs and handoff_tokens, strict, and sets user_version to 2', () => {
    scratch = openScratchDatabase();
    migrateTo(scratch.db, 1);
    expect(migrateTo(scratch.db, 2)).toEqual({ from: 1, to: 2 });
    expect(userVersion(scratch.db)).toBe(2);
    const schema = describeSchema(scratch.db);
    for (const table of ['recipients', 'handoffs', 'handoff_tokens'])
      expect(schema.tables[table]?.strict).toBe(true);
    expect(schema.tables.handoff_tokens!.columns.map((c) => c.name)).toEqual([
      'handoff_id',
      'token_id',
      'token_name',
    ]);
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
    expect(() =>
      scratch!.db
        .prepare(
          `INSERT INTO handoffs (recipient_id, created_at, file_name, sha256, password_channel, fields, token_count) VALUES (1, 'x', 'f', 's', 'email', '[]', 0)`,
        )
        .run(),
    ).toThrow();
  });

  it('upgrades a version 1 vault with its data, after an encrypted backup', async () => {
    const { dir } = await createVaultAtVersion(1, (db) => {
      db.prepare(
        `INSERT INTO accounts (name, profile, created_at, updated_at) VALUES ('Old', 'generic', 'now', 'now')`,
      ).run();
    });
    const vault = await Vault.open(dir, { password: TEST_PASSWORD });
    try {
      expect(vault.info().schemaVersion).toBeGreaterThanOrEqual(2);
      expect(vault.accounts.list().map((a) => a.name)).toEqual(['Old']);
      expect(listBackups(dir).map((b) => b.file)).toEqual([
        expect.stringMatching(/before-migration-from-v1\.db$/),
      ]);
    } finally {
      vault.lock();
    }
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../src/main/core/db/migrations';
import { migration0006RotationPlans } from '../../../src/main/core/db/migrations/0006-rotation-plans';
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

const previousVersion = () => MIGRATIONS[MIGRATIONS.indexOf(migration0006RotationPlans) - 1]!.version;

describe('migration 0006-rotation-plans', () => {
  it('is numbered 6 and follows the earlier migrations', () => {
    expect(migration0006RotationPlans.version).toBe(6);
    expect(MIGRATIONS).toContain(migration0006RotationPlans);
    expect(previousVersion()).toBeLessThan(6);
  });

  it('adds the plan and step tables, strict, with their checks and keys; earlier rows stay', () => {
    scratch = openScratchDatabase();
    const { db } = scratch;
    migrateTo(db, previousVersion());
    db.prepare(
      `INSERT INTO recipients (id, name, organisation, email, phone, notes, archived, created_at, updated_at) VALUES (1, 'Acme Agency', '', '', '', '', 0, 't0', 't0')`,
    ).run();
    expect(migrateTo(db, 6)).toEqual({ from: previousVersion(), to: 6 });
    expect(userVersion(db)).toBe(6);
    expect(db.prepare('SELECT name FROM recipients').all()).toEqual([{ name: 'Acme Agency' }]);

    const schema = describeSchema(db);
    expect(schema.tables.rotation_plans!.strict).toBe(true);
    expect(schema.tables.rotation_steps!.strict).toBe(true);
    expect(schema.tables.rotation_plans!.columns.map((c) => c.name)).toEqual([
      'id',
      'title',
      'reason',
      'recipient_id',
      'recipient_name',
      'created_at',
      'completed_at',
    ]);
    expect(schema.tables.rotation_steps!.columns.map((c) => [c.name, c.notNull])).toEqual([
      ['plan_id', true],
      ['position', true],
      ['token_id', true],
      ['token_name', true],
      ['account_name', true],
      ['profile', true],
      ['kind', true],
      ['role', true],
      ['outcome', false],
      ['done_at', false],
    ]);
    expect(schema.tables.rotation_steps!.foreignKeys).toEqual([
      'plan_id -> rotation_plans(id) ON DELETE CASCADE',
    ]);
    expect(schema.indexes.rotation_plans_unfinished).toMatchObject({
      table: 'rotation_plans',
      columns: ['completed_at'],
    });

    db.prepare(
      `INSERT INTO rotation_plans (id, title, reason, created_at) VALUES (1, 'Acme Agency', 'engagement-ended', 't')`,
    ).run();
    const step = db.prepare(
      `INSERT INTO rotation_steps (plan_id, position, token_id, token_name, account_name, profile, kind, role, outcome) VALUES (?, ?, ?, 'n', 'a', 'generic', 'api-token', 'standalone', ?)`,
    );
    step.run(1, 1, 11, null);
    expect(() => step.run(1, 2, 12, 'forgotten')).toThrow(/CHECK/);
    expect(() => step.run(1, 3, 11, null)).toThrow(/UNIQUE/);
    expect(() => step.run(9, 1, 11, null)).toThrow(/FOREIGN KEY/);
    expect(() =>
      db.prepare(`INSERT INTO rotation_plans (title, reason, created_at) VALUES ('x', 'whim', 't')`).run(),
    ).toThrow(/CHECK/);
    db.prepare('DELETE FROM rotation_plans WHERE id = 1').run();
    expect(db.prepare('SELECT count(*) AS n FROM rotation_steps').get()).toEqual({ n: 0 });
  });

  it('upgrades an older vault after an encrypted backup; the vault then starts plans', async () => {
    const { dir } = await createVaultAtVersion(previousVersion(), () => undefined);
    const vault = await Vault.open(dir, { password: TEST_PASSWORD });
    try {
      expect(vault.info().schemaVersion).toBeGreaterThanOrEqual(6);
      expect(vault.rotations.list()).toEqual([]);
      expect(listBackups(dir).map((b) => b.file)).toEqual([
        expect.stringMatching(new RegExp(`before-migration-from-v${previousVersion()}\\.db$`)),
      ]);
    } finally {
      vault.lock();
    }
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { migration0001Initial } from '../../../src/main/core/db/migrations/0001-initial';
import { MIGRATIONS } from '../../../src/main/core/db/migrations';
import {
  describeSchema,
  migrateTo,
  openScratchDatabase,
  userVersion,
  type ScratchDatabase,
} from '../../helpers/migration-harness';

const col = (
  name: string,
  type: string,
  notNull = false,
  defaultValue: string | null = null,
  primaryKey = false,
) => ({
  name,
  type,
  notNull,
  defaultValue,
  primaryKey,
});

let scratch: ScratchDatabase | undefined;
afterEach(() => scratch?.close());

describe('migration 0001-initial', () => {
  it('is the first migration, numbered 1', () => {
    expect(MIGRATIONS[0]).toBe(migration0001Initial);
    expect(migration0001Initial.version).toBe(1);
  });

  it('creates the version 1 schema exactly and sets user_version to 1', () => {
    scratch = openScratchDatabase();
    const { db } = scratch;
    expect(userVersion(db)).toBe(0);
    expect(migrateTo(db, 1)).toEqual({ from: 0, to: 1 });
    expect(userVersion(db)).toBe(1);

    const schema = describeSchema(db);
    expect(Object.keys(schema.tables).sort()).toEqual([
      'accounts',
      'events',
      'meta',
      'token_previous_values',
      'tokens',
    ]);
    for (const table of Object.values(schema.tables)) expect(table.strict).toBe(true);
    // A TEXT primary key in a STRICT table is NOT NULL; an INTEGER one is the rowid.
    expect(schema.tables.meta!.columns).toEqual([
      col('key', 'TEXT', true, null, true),
      col('value', 'TEXT', true),
    ]);
    expect(schema.tables.accounts!.columns).toEqual([
      col('id', 'INTEGER', false, null, true),
      col('name', 'TEXT', true),
      col('profile', 'TEXT', true),
      col('notes', 'TEXT', true, "''"),
      col('allow_delete', 'INTEGER', true, '0'),
      col('created_at', 'TEXT', true),
      col('updated_at', 'TEXT', true),
    ]);
    expect(schema.tables.tokens!.columns).toEqual([
      col('id', 'INTEGER', false, null, true),
      col('account_id', 'INTEGER', true),
      col('name', 'TEXT', true),
      col('kind', 'TEXT', true),
      col('role', 'TEXT', true),
      col('description', 'TEXT', true, "''"),
      col('key_id', 'TEXT'),
      col('value', 'TEXT', true),
      col('status', 'TEXT', true, "'active'"),
      col('enabled', 'INTEGER', true, '1'),
      col('assigned_to', 'TEXT'),
      col('application', 'TEXT'),
      col('created_at', 'TEXT', true),
      col('updated_at', 'TEXT', true),
      col('generated_at', 'TEXT'),
      col('last_activity_at', 'TEXT'),
      col('expires_at', 'TEXT'),
    ]);
    expect(schema.tables.tokens!.foreignKeys).toEqual(['account_id -> accounts(id) ON DELETE RESTRICT']);
    expect(schema.tables.token_previous_values!.columns).toEqual([
      col('id', 'INTEGER', false, null, true),
      col('token_id', 'INTEGER', true),
      col('value', 'TEXT', true),
      col('replaced_at', 'TEXT', true),
    ]);
    expect(schema.tables.token_previous_values!.foreignKeys).toEqual([
      'token_id -> tokens(id) ON DELETE CASCADE',
    ]);
    expect(schema.tables.events!.columns).toEqual([
      col('seq', 'INTEGER', false, null, true),
      col('at', 'TEXT', true),
      col('actor', 'TEXT', true),
      col('kind', 'TEXT', true),
      col('account_id', 'INTEGER'),
      col('token_id', 'INTEGER'),
      col('details', 'TEXT', true),
      col('prev_hash', 'TEXT', true),
      col('hash', 'TEXT', true),
    ]);
    expect(schema.tables.events!.foreignKeys).toEqual([]);
    expect(schema.indexes).toEqual({
      tokens_by_account: { table: 'tokens', columns: ['account_id'], unique: false },
      token_previous_values_by_token: {
        table: 'token_previous_values',
        columns: ['token_id'],
        unique: false,
      },
      events_by_token: { table: 'events', columns: ['token_id'], unique: false },
    });
    expect(schema.triggers).toEqual({
      events_no_update: { table: 'events' },
      events_no_delete: { table: 'events' },
    });
  });

  it('enforces its constraints: roles, statuses, flags, account names, foreign keys, append-only events', () => {
    scratch = openScratchDatabase();
    const { db } = scratch;
    migrateTo(db, 1);
    const now = '2026-01-01T00:00:00.000Z';
    db.prepare(
      `INSERT INTO accounts (name, profile, created_at, updated_at) VALUES ('Main', 'generic', ?, ?)`,
    ).run(now, now);
    expect(() =>
      db
        .prepare(
          `INSERT INTO accounts (name, profile, created_at, updated_at) VALUES ('MAIN', 'generic', ?, ?)`,
        )
        .run(now, now),
    ).toThrow(/UNIQUE/);
    const insertToken = db.prepare(
      `INSERT INTO tokens (account_id, name, kind, role, value, status, enabled, created_at, updated_at)
       VALUES (?, 'T', 'api-token', ?, 'v', ?, ?, ?, ?)`,
    );
    insertToken.run(1, 'primary', 'active', 1, now, now);
    expect(() => insertToken.run(1, 'boss', 'active', 1, now, now)).toThrow(/CHECK/);
    expect(() => insertToken.run(1, 'primary', 'paused', 1, now, now)).toThrow(/CHECK/);
    expect(() => insertToken.run(1, 'primary', 'active', 2, now, now)).toThrow(/CHECK/);
    expect(() => insertToken.run(42, 'primary', 'active', 1, now, now)).toThrow(/FOREIGN KEY/);
    expect(() => insertToken.run(1, 'primary', 'active', 'yes', now, now)).toThrow(
      /cannot store TEXT value in INTEGER/,
    );
    expect(() => db.prepare('DELETE FROM accounts WHERE id = 1').run()).toThrow(/FOREIGN KEY/);

    db.prepare(`INSERT INTO token_previous_values (token_id, value, replaced_at) VALUES (1, 'old', ?)`).run(
      now,
    );
    db.prepare('DELETE FROM tokens WHERE id = 1').run();
    expect(db.prepare('SELECT count(*) AS n FROM token_previous_values').get()).toEqual({ n: 0 });

    db.prepare(
      `INSERT INTO events (seq, at, actor, kind, details, prev_hash, hash) VALUES (1, ?, 'a', 'Created', '{}', 'p', 'h')`,
    ).run(now);
    expect(() => db.prepare(`UPDATE events SET actor = 'b'`).run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM events').run()).toThrow(/append-only/);
  });

  it('is all or nothing: a failure inside it leaves user_version at 0 and no table behind', () => {
    scratch = openScratchDatabase();
    const { db } = scratch;
    db.exec('CREATE TABLE accounts (x)'); // makes 0001's CREATE TABLE accounts fail half-way
    expect(() => migrateTo(db, 1)).toThrow(/already exists/);
    expect(userVersion(db)).toBe(0);
    expect(Object.keys(describeSchema(db).tables)).toEqual(['accounts']);
  });
});

import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Vault } from '../../src/main/core/vault/vault';
import { createTestVault, TEST_PASSWORD } from '../helpers/vault-fixture';

/** A vault with some history: an account, three tokens, an edit, a reveal and a delete (9 events). */
async function vaultWithHistory() {
  const fixture = await createTestVault();
  const { vault } = fixture;
  const account = vault.accounts.create({ name: 'Main', profile: 'generic' });
  const tokens = ['CRM sync', 'Newsletter', 'Webhook'].map((name) =>
    vault.tokens.create({ accountId: account.id, name, generate: {} }),
  );
  vault.tokens.update({ id: tokens[0]!.id, description: 'Nightly sync' });
  vault.tokens.reveal(tokens[1]!.id);
  vault.lifecycle.delete(tokens[2]!.id);
  vault.tokens.create({ accountId: account.id, name: 'Reporting', generate: {} });
  vault.tokens.update({ id: tokens[1]!.id, name: 'Newsletter (prod)' });
  expect(vault.events.count()).toBe(9);
  return fixture;
}

/** An attacker who holds the key and edits the database directly: the append-only triggers go first. */
function dropAppendOnlyTriggers(vault: Vault): void {
  vault.db.exec('DROP TRIGGER events_no_update; DROP TRIGGER events_no_delete;');
}

describe('event chain', () => {
  it('verifies an untouched history, before and after reopening the vault', async () => {
    const { dir, vault } = await vaultWithHistory();
    expect(vault.verify()).toEqual({ ok: true, eventCount: 9, integrity: 'ok', problems: [] });
    vault.lock();
    const reopened = await Vault.open(dir, { password: TEST_PASSWORD });
    expect(reopened.verify().ok).toBe(true);
    reopened.tokens.reveal(reopened.tokens.list()[0]!.id);
    expect(reopened.verify()).toMatchObject({ ok: true, eventCount: 10 });
    reopened.lock();
  });

  it('refuses UPDATE and DELETE on events through its triggers', async () => {
    const { vault } = await vaultWithHistory();
    expect(() => vault.db.prepare(`UPDATE events SET actor = 'mallory' WHERE seq = 2`).run()).toThrow(
      /append-only/,
    );
    expect(() => vault.db.prepare('DELETE FROM events WHERE seq = 2').run()).toThrow(/append-only/);
    expect(vault.verify().ok).toBe(true);
    vault.lock();
  });

  it.each([
    ['details', `UPDATE events SET details = '{"name":"Something else"}' WHERE seq = 4`],
    ['actor', `UPDATE events SET actor = 'mallory' WHERE seq = 4`],
    ['time', `UPDATE events SET at = '2020-01-01T00:00:00.000Z' WHERE seq = 4`],
    ['kind', `UPDATE events SET kind = 'Validated' WHERE seq = 4`],
    ['token id', `UPDATE events SET token_id = 99 WHERE seq = 4`],
  ])('detects an edited row (%s)', async (_field, sql) => {
    const { vault } = await vaultWithHistory();
    dropAppendOnlyTriggers(vault);
    vault.db.prepare(sql).run();
    const report = vault.verify();
    expect(report.ok).toBe(false);
    expect(report.problems).toContain('event 4 was altered');
    vault.lock();
  });

  it('detects an edited row even when the forger recomputes its hash without the chain key', async () => {
    const { vault } = await vaultWithHistory();
    dropAppendOnlyTriggers(vault);
    // A plain SHA-256 in place of the keyed HMAC: what someone without the data key could compute.
    const row = vault.db.prepare('SELECT * FROM events WHERE seq = 4').get() as Record<string, unknown>;
    const forgedDetails = '{"name":"Forged"}';
    const forgedHash = createHash('sha256')
      .update(
        JSON.stringify([
          row.seq,
          row.at,
          row.actor,
          row.kind,
          row.account_id,
          row.token_id,
          forgedDetails,
          row.prev_hash,
        ]),
      )
      .digest('hex');
    vault.db.prepare('UPDATE events SET details = ?, hash = ? WHERE seq = 4').run(forgedDetails, forgedHash);
    const report = vault.verify();
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual(
      expect.arrayContaining(['event 4 was altered', 'event 5 does not follow the event before it']),
    );
    vault.lock();
  });

  it('detects a deleted middle row', async () => {
    const { vault } = await vaultWithHistory();
    dropAppendOnlyTriggers(vault);
    vault.db.prepare('DELETE FROM events WHERE seq = 5').run();
    const report = vault.verify();
    expect(report.ok).toBe(false);
    expect(report.eventCount).toBe(8);
    expect(report.problems).toEqual(
      expect.arrayContaining([
        'event 5 is missing (next is 6)',
        'event 6 does not follow the event before it',
      ]),
    );
    vault.lock();
  });

  it('detects a deleted first row', async () => {
    const { vault } = await vaultWithHistory();
    dropAppendOnlyTriggers(vault);
    vault.db.prepare('DELETE FROM events WHERE seq = 1').run();
    const report = vault.verify();
    expect(report.ok).toBe(false);
    expect(report.problems).toContain('event 1 is missing (next is 2)');
    vault.lock();
  });

  it('detects a deleted last row, and survives a reopen', async () => {
    const { dir, vault } = await vaultWithHistory();
    dropAppendOnlyTriggers(vault);
    vault.db.prepare('DELETE FROM events WHERE seq = 9').run();
    const report = vault.verify();
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual(['the newest events are missing (history should end at event 9)']);
    vault.lock();
    const reopened = await Vault.open(dir, { password: TEST_PASSWORD });
    expect(reopened.verify().ok).toBe(false);
    reopened.lock();
  });

  it('detects a row inserted at the end without the chain key', async () => {
    const { vault } = await vaultWithHistory();
    const last = vault.db.prepare('SELECT hash FROM events WHERE seq = 9').get() as { hash: string };
    vault.db
      .prepare(
        `INSERT INTO events (seq, at, actor, kind, account_id, token_id, details, prev_hash, hash)
         VALUES (10, '2026-01-01T00:00:00.000Z', 'mallory', 'Validated', 1, 1, '{}', ?, ?)`,
      )
      .run(last.hash, 'f'.repeat(64));
    const report = vault.verify();
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual(
      expect.arrayContaining([
        'event 10 was altered',
        'the newest events are missing (history should end at event 9)',
      ]),
    );
    vault.lock();
  });

  it('detects swapped rows', async () => {
    const { vault } = await vaultWithHistory();
    dropAppendOnlyTriggers(vault);
    vault.db.exec(`
      UPDATE events SET seq = 100 WHERE seq = 3;
      UPDATE events SET seq = 3 WHERE seq = 4;
      UPDATE events SET seq = 4 WHERE seq = 100;`);
    expect(vault.verify().ok).toBe(false);
    vault.lock();
  });
});

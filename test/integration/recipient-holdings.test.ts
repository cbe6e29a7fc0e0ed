import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { HandoffField } from '../../src/shared/handoff-format';
import { generateBundlePassword } from '../../src/main/core/handoff/bundle-password';
import type { Vault } from '../../src/main/core/vault/vault';
import { makeTempDir } from '../helpers/temp-dir';
import { createTestVault } from '../helpers/vault-fixture';

let open: Vault | undefined;
afterEach(() => open?.lock());

async function setup() {
  const { vault } = await createTestVault();
  open = vault;
  const account = vault.accounts.create({ name: 'CRM', profile: 'generic' });
  const token = (name: string) =>
    vault.tokens.create({ accountId: account.id, name, generate: { length: 40 } });
  const folder = makeTempDir();
  let n = 0;
  const handOver = (recipient: string, ids: number[], fields: HandoffField[] = ['value']) =>
    vault.handoffs.export({
      recipient,
      tokenIds: ids,
      fields,
      outPath: join(folder, `bundle-${++n}.zip`),
      password: generateBundlePassword().password,
      channel: 'phone',
    });
  return { vault, account, token, handOver };
}

describe('recipients', () => {
  it('create, edit, list (archived last), unique names, checked details', async () => {
    const { vault } = await setup();
    const zed = vault.recipients.create({ name: 'Zed Studio' });
    vault.recipients.create({ name: 'acme agency', email: 'ops@acme.test', phone: '+44 (0)20 7946-0000' });
    expect(() => vault.recipients.create({ name: 'ACME Agency' })).toThrow(/already exists/);
    expect(() => vault.recipients.create({ name: 'Bad', email: 'not-an-email' })).toThrow(/email address/);
    expect(() => vault.recipients.create({ name: 'Bad', phone: 'call me' })).toThrow(/phone number/);
    expect(() => vault.recipients.create({ name: '  ' })).toThrow();
    const edited = vault.recipients.update(zed.id, { organisation: 'Zed Ltd', notes: 'line 1\nline 2' });
    expect(edited).toMatchObject({ name: 'Zed Studio', organisation: 'Zed Ltd', notes: 'line 1\nline 2' });
    expect(() => vault.recipients.update(zed.id, { name: 'Acme agency' })).toThrow(/already exists/);
    vault.useCases.editRecipient(vault.recipients.resolve('ACME AGENCY').id, {}, true);
    expect(vault.recipients.list().map((r) => [r.name, r.archived])).toEqual([
      ['Zed Studio', false],
      ['acme agency', true],
    ]);
    expect(() => vault.recipients.resolve('Nobody')).toThrow(/no recipient named "Nobody"/);
  });

  it('delete: removed when it never received a handoff; refused while handoffs reference it unless archived', async () => {
    const { vault, token, handOver } = await setup();
    const lone = vault.recipients.create({ name: 'Lone Dev' });
    expect(vault.recipients.delete(lone.id)).toEqual({ name: 'Lone Dev', keptAs: null, handoffCount: 0 });
    expect(() => vault.recipients.resolve('Lone Dev')).toThrow(/no recipient/);

    const acme = vault.recipients.create({
      name: 'Acme',
      email: 'ops@acme.test',
      phone: '+44 1234',
      notes: 'Jo',
    });
    const t = token('Sync');
    const record = await handOver('Acme', [t.id]);
    expect(() => vault.recipients.delete(acme.id)).toThrow(/received 1 handoff; archive the recipient first/);
    vault.useCases.editRecipient(acme.id, {}, true);
    expect(vault.recipients.delete(acme.id)).toEqual({
      name: 'Acme',
      keptAs: 'Acme (deleted)',
      handoffCount: 1,
    });
    // Gone from every command, its details erased; its handoff and who-holds-what stay, under the kept name.
    expect(vault.recipients.list()).toEqual([]);
    expect(() => vault.recipients.resolve(acme.id)).toThrow(/no recipient/);
    const row = vault.db
      .prepare('SELECT name, email, phone, notes, deleted_at FROM recipients WHERE id = ?')
      .get(acme.id);
    expect(row).toMatchObject({
      name: 'Acme (deleted)',
      email: '',
      phone: '',
      notes: '',
      deleted_at: expect.any(String),
    });
    expect(vault.handoffs.list()).toEqual([{ ...record, recipient: 'Acme (deleted)' }]);
    expect(vault.recipients.holdersOf(t.id)).toMatchObject([
      { recipientId: acme.id, recipient: 'Acme (deleted)', deleted: true, holdsCurrentValue: true },
    ]);
    expect(vault.lifecycle.usage(t.id).handedTo.map((h) => h.recipient)).toEqual(['Acme (deleted)']);
    // The name is free again; a second deleted "Acme" gets a distinct kept name.
    const again = vault.recipients.create({ name: 'Acme' });
    await handOver('Acme', [t.id]);
    vault.useCases.editRecipient(again.id, {}, true);
    expect(vault.recipients.delete(again.id).keptAs).toBe(`Acme (deleted #${again.id})`);
    expect(() => vault.recipients.create({ name: 'Acme (deleted)' })).toThrow(/names a deleted recipient/);
    expect(vault.verify().ok).toBe(true);
  });
});

describe('who holds what', () => {
  it('per recipient and per token: when, how often, and whether the current value is held', async () => {
    const { vault, token, handOver } = await setup();
    vault.recipients.create({ name: 'Acme' });
    vault.recipients.create({ name: 'Beta Devs' });
    const [a, b, c] = [token('Alpha'), token('Bravo'), token('Charlie')];
    const first = await handOver('Acme', [a.id, b.id]);
    await handOver('Acme', [a.id]);
    await handOver('Acme', [c.id], ['key-id', 'description']);
    await handOver('Beta Devs', [a.id]);
    const acme = vault.recipients.resolve('Acme');
    expect(acme.handoffCount).toBe(3);
    const holdings = vault.recipients.holdings(acme.id);
    expect(
      holdings.map((h) => [h.name, h.handoffCount, h.valueGiven, h.holdsCurrentValue, h.account]),
    ).toEqual([
      ['Alpha', 2, true, true, 'CRM'],
      ['Bravo', 1, true, true, 'CRM'],
      ['Charlie', 1, false, false, 'CRM'],
    ]);
    expect(holdings[0]!.firstHandedAt).toBe(first.createdAt);
    expect(holdings[0]!.lastHandedAt >= holdings[0]!.firstHandedAt).toBe(true);
    expect(vault.recipients.holdersOf(a.id).map((h) => [h.recipient, h.handoffCount])).toEqual([
      ['Acme', 2],
      ['Beta Devs', 1],
    ]);
    expect(vault.recipients.holdersOf(c.id).map((h) => [h.recipient, h.valueGiven])).toEqual([
      ['Acme', false],
    ]);

    // A regenerate (lifecycle) or a new value typed in (edit) means the copy held is no longer the current one.
    vault.lifecycle.regenerate(a.id, { force: true });
    vault.tokens.update({ id: b.id, value: 'a-value-typed-in-later-1234567890' });
    vault.tokens.update({ id: c.id, description: 'metadata edits do not matter' });
    expect(vault.recipients.holdings(acme.id).map((h) => [h.name, h.holdsCurrentValue])).toEqual([
      ['Alpha', false],
      ['Bravo', false],
      ['Charlie', false],
    ]);
    // Handing the new value over again makes it current again.
    await handOver('Acme', [a.id]);
    expect(vault.recipients.holdings(acme.id)[0]).toMatchObject({
      name: 'Alpha',
      handoffCount: 3,
      holdsCurrentValue: true,
    });
  });

  it('a deleted token stays on record, and a new token that reuses its id is not taken for it', async () => {
    const { vault, token, handOver } = await setup();
    vault.recipients.create({ name: 'Acme' });
    token('Keeper');
    const gone = token('Short-lived');
    await handOver('Acme', [gone.id]);
    vault.lifecycle.delete(gone.id, { force: true });
    const reused = token('Newcomer');
    // SQLite hands the freed highest rowid out again: the scenario this guards against is real.
    expect(reused.id).toBe(gone.id);
    const [held] = vault.recipients.holdings(vault.recipients.resolve('Acme').id);
    expect(held).toMatchObject({
      tokenId: gone.id,
      name: 'Short-lived',
      stillInVault: false,
      holdsCurrentValue: false,
      account: null,
    });
    expect(vault.recipients.holdersOf(reused.id)).toEqual([]);
    expect(vault.handoffs.engagementPlan('Acme').toRotate).toEqual([]);
  });
});

describe('engagement ended', () => {
  it('lists the tokens whose current value the recipient holds, then regenerates them all in one pass', async () => {
    const { vault, token, handOver } = await setup();
    vault.recipients.create({ name: 'Acme' });
    const [a, b, c, d] = [token('Alpha'), token('Bravo'), token('Charlie'), token('Delta')];
    await handOver('Acme', [a.id, b.id]);
    await handOver('Acme', [c.id], ['key-id']);
    await handOver('Acme', [d.id]);
    vault.lifecycle.regenerate(d.id, { force: true });
    const plan = vault.handoffs.engagementPlan('Acme');
    expect(plan.toRotate.map((t) => t.name)).toEqual(['Alpha', 'Bravo']);
    expect(plan.others.map((t) => [t.name, t.need])).toEqual([
      ['Charlie', 'value-never-given'],
      ['Delta', 'changed-since'],
    ]);
    const before = [a, b, c, d].map((t) => vault.tokens.reveal(t.id, 'export'));
    const result = vault.handoffs.endEngagement('Acme', 'regenerate');
    expect(result).toEqual({
      recipient: 'Acme',
      action: 'regenerate',
      tokens: [
        { id: a.id, name: 'Alpha' },
        { id: b.id, name: 'Bravo' },
      ],
      skipped: [],
    });
    const after = [a, b, c, d].map((t) => vault.tokens.reveal(t.id, 'export'));
    expect([
      after[0] !== before[0],
      after[1] !== before[1],
      after[2] === before[2],
      after[3] === before[3],
    ]).toEqual([true, true, true, true]);
    expect(vault.tokens.history(a.id).at(-1)).toMatchObject({
      kind: 'Regenerated',
      details: { forced: true },
    });
    expect(vault.tokens.get(a.id).previousValueCount).toBe(1);
    expect(vault.handoffs.engagementPlan('Acme').toRotate).toEqual([]);
  });

  it('invalidates in one transaction: one failure leaves every token as it was; profile rules are reported', async () => {
    const { vault, token, handOver } = await setup();
    vault.recipients.create({ name: 'Acme' });
    const [a, b] = [token('Alpha'), token('Bravo')];
    const emplifi = vault.accounts.create({ name: 'Reviews', profile: 'emplifi' });
    const locked = vault.tokens.create({
      accountId: emplifi.id,
      name: 'Primary',
      role: 'primary',
      value: 'primary-value-1',
    });
    await handOver('Acme', [a.id, b.id, locked.id]);
    const plan = vault.handoffs.engagementPlan('Acme');
    expect(plan.toRotate.find((t) => t.tokenId === locked.id)!.blocked.invalidate).toMatch(/./);

    vault.db.exec(`CREATE TEMP TRIGGER refuse_bravo BEFORE UPDATE OF status ON tokens WHEN NEW.id = ${b.id}
                   BEGIN SELECT RAISE(ABORT, 'refused by the test'); END`);
    const eventsBefore = vault.events.recent(1)[0]!.seq;
    expect(() => vault.handoffs.endEngagement('Acme', 'invalidate')).toThrow(/refused by the test/);
    expect([a, b].map((t) => vault.tokens.get(t.id).status)).toEqual(['active', 'active']);
    expect(vault.events.recent(1)[0]!.seq).toBe(eventsBefore);
    vault.db.exec('DROP TRIGGER temp.refuse_bravo');

    const result = vault.handoffs.endEngagement('Acme', 'invalidate');
    expect(result.tokens.map((t) => t.name)).toEqual(['Alpha', 'Bravo']);
    expect(result.skipped).toEqual([
      {
        id: locked.id,
        name: 'Primary',
        reason: plan.toRotate.find((t) => t.tokenId === locked.id)!.blocked.invalidate,
      },
    ]);
    expect([a, b, locked].map((t) => vault.tokens.get(t.id).status)).toEqual([
      'inactive',
      'inactive',
      'active',
    ]);
    // Run again: nothing left to do, and nothing is recorded twice. The two now switched off are left out by the
    // rotation plan's own rule, in the CLI's plan as in the app's.
    expect(vault.handoffs.engagementPlan('Acme').alreadyOff.map(({ name, state }) => [name, state])).toEqual([
      ['Alpha', 'invalidated'],
      ['Bravo', 'invalidated'],
    ]);
    const again = vault.handoffs.endEngagement('Acme', 'invalidate');
    expect(again.tokens).toEqual([]);
    expect(again.skipped.map((s) => s.name)).toEqual(['Primary']);
    expect(vault.verify().ok).toBe(true);
  });
});

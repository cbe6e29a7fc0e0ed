import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { generateTokenValue } from '../../src/main/core/crypto/token-generator';
import { generateBundlePassword } from '../../src/main/core/handoff/bundle-password';
import { HEALTH_KINDS, type HealthReport } from '../../src/main/core/health/health-report';
import { DAY_MS } from '../../src/main/core/profiles/token-clocks';
import type { Vault } from '../../src/main/core/vault/vault';
import { makeTempDir } from '../helpers/temp-dir';
import { createTestVault } from '../helpers/vault-fixture';

let open: Vault | undefined;
afterEach(() => open?.lock());

const byKind = (report: HealthReport, kind: string) =>
  report.items.filter((item) => item.kind === kind).map((item) => item.tokens.map((t) => t.name).join(' + '));

describe('health: what needs my attention', () => {
  it('reports each kind at a given moment, read only, most urgent first, never a value', async () => {
    const { vault } = await createTestVault();
    open = vault;
    const now = new Date();
    const daysAgo = (n: number) => new Date(now.getTime() - n * DAY_MS);
    const on24 = vault.accounts.create({ name: 'ON24', profile: 'on24' });
    const generic = vault.accounts.create({ name: 'Other', profile: 'generic' });
    const on24Token = (name: string, login: string, idleDays: number) => {
      const token = vault.tokens.create({
        accountId: on24.id,
        name,
        keyId: `K-${name}`,
        assignedTo: login,
        value: generateTokenValue(),
      });
      vault.lifecycle.recordActivity(token.id, { at: daysAgo(idleDays), now });
      return token;
    };
    on24Token('Soon', 'p1', 55);
    on24Token('Gone', 'p2', 61);
    on24Token('Fine', 'p3', 10);
    const used = (name: string, extra: Record<string, unknown> = {}) => {
      const token = vault.tokens.create({
        accountId: generic.id,
        name,
        value: generateTokenValue(),
        ...extra,
      });
      vault.lifecycle.recordActivity(token.id, { at: daysAgo(1), now });
      return token;
    };
    vault.lifecycle.setExpiry(used('Expired').id, daysAgo(2));
    vault.lifecycle.setExpiry(used('Expiring').id, new Date(now.getTime() + 12 * DAY_MS));
    vault.lifecycle.setExpiry(used('Far away').id, new Date(now.getTime() + 200 * DAY_MS));
    vault.tokens.create({ accountId: generic.id, name: 'Never used', value: generateTokenValue() });
    const dead = vault.tokens.create({
      accountId: generic.id,
      name: 'Invalidated',
      value: generateTokenValue(),
    });
    vault.lifecycle.invalidate(dead.id);
    const shared = generateTokenValue();
    used('Copy A', { value: shared });
    used('Copy B', { value: shared });
    const handed = used('Given away');
    vault.recipients.create({ name: 'Acme Digital' });
    await vault.handoffs.export({
      recipient: 'Acme Digital',
      tokenIds: [handed.id],
      fields: ['value'],
      outPath: join(makeTempDir(), 'b.zip'),
      password: generateBundlePassword().password,
      channel: 'whatsapp',
    });

    const events = vault.events.count();
    const report = vault.health.report({ now });
    expect(vault.events.count()).toBe(events);
    expect(byKind(report, 'inactivity-disabled')).toEqual(['Gone']);
    expect(byKind(report, 'inactivity-soon')).toEqual(['Soon']);
    expect(report.items.find((i) => i.kind === 'inactivity-soon')).toMatchObject({
      daysLeft: 5,
      severity: 'warning',
    });
    expect(byKind(report, 'expired')).toEqual(['Expired']);
    expect(byKind(report, 'expiring')).toEqual(['Expiring']);
    expect(byKind(report, 'never-used')).toEqual(['Never used']);
    expect(byKind(report, 'duplicate-value')).toEqual(['Copy A + Copy B']);
    expect(byKind(report, 'handed-to-agency')).toEqual(['Given away']);
    expect(report.items.find((i) => i.kind === 'handed-to-agency')?.recipients).toEqual(['Acme Digital']);
    expect(byKind(report, 'not-rotated')).toEqual([]);
    expect(report.items.map((i) => i.severity)).toEqual(
      [...report.items.map((i) => i.severity)].sort(
        (a, b) => ['critical', 'warning', 'info'].indexOf(a) - ['critical', 'warning', 'info'].indexOf(b),
      ),
    );
    expect(Object.keys(report.counts)).toEqual([...HEALTH_KINDS]);
    const text = JSON.stringify(report);
    expect(text.includes(shared)).toBe(false);

    // 190 days on: everything live is unrotated, the ON24 tokens are past their limit.
    const later = vault.health.report({ now: new Date(now.getTime() + 190 * DAY_MS) });
    expect(byKind(later, 'not-rotated').sort()).toEqual(
      ['Copy A', 'Copy B', 'Expired', 'Expiring', 'Far away', 'Given away', 'Never used'].sort(),
    );
    expect(byKind(later, 'inactivity-disabled').sort()).toEqual(['Fine', 'Gone', 'Soon']);
    expect(byKind(later, 'expired').sort()).toEqual(['Expired', 'Expiring']);
    // A custom rotation period is honoured; a regenerate restarts the rotation clock.
    expect(
      byKind(
        vault.health.report({ now: new Date(now.getTime() + 40 * DAY_MS), rotationDays: 30 }),
        'not-rotated',
      ),
    ).toContain('Far away');
    vault.lifecycle.regenerate(vault.tokens.list({ search: 'Far away' })[0]!.id, {
      now: new Date(now.getTime() + 150 * DAY_MS),
    });
    expect(
      byKind(vault.health.report({ now: new Date(now.getTime() + 190 * DAY_MS) }), 'not-rotated'),
    ).not.toContain('Far away');
  });

  it('an empty vault has nothing to report', async () => {
    const { vault } = await createTestVault();
    open = vault;
    expect(vault.health.report()).toMatchObject({ tokenCount: 0, items: [] });
  });
});

import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PROFILE_IDS } from '../../src/shared/profiles';
import { createDemoVault } from '../../src/main/core/demo/create-demo-vault';
import { assessPassword } from '../../src/shared/password-strength';
import { Vault } from '../../src/main/core/vault/vault';
import { makeTempDir } from '../helpers/temp-dir';

describe('demo vault', () => {
  it('is marked DEMO, opens with the generated password, has one account per profile and every state', async () => {
    const dir = join(makeTempDir(), 'demo.tokenvault');
    const now = new Date();
    const demo = await createDemoVault(dir, { now });
    expect(assessPassword(demo.password).score).toBeGreaterThanOrEqual(3);
    demo.vault.lock();
    const vault = await Vault.open(dir, { password: demo.password });
    try {
      expect(vault.info().demo).toBe(true);
      expect(
        vault.accounts
          .list()
          .map((a) => a.profile)
          .sort(),
      ).toEqual([...PROFILE_IDS].sort());
      const tokens = vault.tokens.list();
      const named = (account: string, name: string) =>
        tokens.find((t) => t.accountName.startsWith(account) && t.name === name)!;
      const states = vault.lifecycle.statesAt(tokens, now);

      // ON24: one 5 days from its inactivity limit, one past it.
      expect(states.get(named('ON24', 'Salesforce').id)!.inactivity).toMatchObject({
        daysLeft: 5,
        warning: 7,
      });
      expect(states.get(named('ON24', 'Marketo').id)!.disabledForInactivity).toBe(true);
      // Expired and expiring.
      expect(states.get(named('Other', 'Stripe restricted key').id)!.expiry?.expired).toBe(true);
      expect(states.get(named('Engaging', 'Data warehouse export').id)!.expiry).toMatchObject({
        expired: false,
        daysLeft: 10,
      });
      // Emplifi: an inactive (invalidated) token, a primary with the platform's description, a regenerated one.
      expect(named('Emplifi', 'Old BI connector').status).toBe('inactive');
      expect(named('Emplifi', 'Primary API token')).toMatchObject({
        role: 'primary',
        description: 'Emplifi Ratings & Reviews (demo) Primary Token',
      });
      expect(named('Emplifi', 'Search partner').previousValueCount).toBe(1);
      // Endpoint: mapped secondaries, one mapping cut, a disabled secondary, DELETE served (the account allows it).
      const salesforce = vault.lifecycle.usage(named('Integration', 'Salesforce').id);
      expect(salesforce.mappedTo.map((m) => m.primaryName).sort()).toEqual(['Contacts GET', 'Contacts POST']);
      expect(vault.lifecycle.usage(named('Integration', 'Mailchimp').id).mappedTo).toEqual([
        expect.objectContaining({ primaryName: 'Contacts POST', enabled: false }),
      ]);
      expect(named('Integration', 'Legacy importer').enabled).toBe(false);
      expect(
        vault.endpoints
          .list()
          .flatMap((e) => e.assignments.map((a) => `${e.name} ${a.method} ${a.tokenName}`)),
      ).toContain('/contacts DELETE Contacts DELETE');
      for (const token of tokens.filter(
        (t) => t.role === 'secondary' && t.accountName.startsWith('Integration'),
      ))
        expect(vault.tokens.reveal(token.id)).toMatch(/^[A-Za-z0-9]{64}$/);

      const report = vault.health.report({ now });
      for (const kind of [
        'inactivity-disabled',
        'inactivity-soon',
        'expired',
        'expiring',
        'duplicate-value',
        'never-used',
      ])
        expect(report.counts[kind as keyof typeof report.counts], kind).toBeGreaterThan(0);
      expect(vault.verify().ok).toBe(true);
      // Every token has its Created event and every account its AccountCreated: the history is complete.
      for (const token of tokens) expect(vault.tokens.history(token.id)[0]!.kind).toBe('Created');
    } finally {
      vault.lock();
    }
  });

  it('refuses an existing folder and leaves it alone', async () => {
    const dir = makeTempDir();
    await expect(createDemoVault(dir)).rejects.toMatchObject({ code: 'ALREADY_EXISTS' });
    expect(existsSync(dir)).toBe(true);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { VaultError } from '../../src/shared/errors';
import type { EventKind } from '../../src/shared/model';
import { generateTokenValue } from '../../src/main/core/crypto/token-generator';
import { generateBundlePassword } from '../../src/main/core/handoff/bundle-password';
import { DAY_MS } from '../../src/main/core/profiles/token-clocks';
import { MAX_PREVIOUS_VALUES } from '../../src/main/core/tokens/token-store';
import type { Vault } from '../../src/main/core/vault/vault';
import { makeTempDir } from '../helpers/temp-dir';
import { createTestVault } from '../helpers/vault-fixture';

let open: Vault | undefined;
afterEach(() => open?.lock());

async function vaultWith(profile = 'generic', options: { allowDelete?: boolean } = {}) {
  const { vault } = await createTestVault();
  open = vault;
  const account = vault.accounts.create({
    name: `${profile} account`,
    profile,
    allowDelete: options.allowDelete,
  });
  return { vault, account };
}

const kinds = (vault: Vault, tokenId: number): EventKind[] =>
  vault.tokens.history(tokenId).map((e) => e.kind);

function refusal(call: () => unknown): VaultError {
  try {
    call();
  } catch (error) {
    if (error instanceof VaultError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('regenerate and previous values', () => {
  it('keeps the previous values, at most five, each regenerate an event; purge forgets them', async () => {
    const { vault, account } = await vaultWith();
    const first = generateTokenValue({ length: 40 });
    const token = vault.tokens.create({ accountId: account.id, name: 'CRM', value: first });
    const seen = [first];
    for (let i = 0; i < 7; i++) {
      const after = vault.lifecycle.regenerate(token.id);
      const current = vault.tokens.reveal(token.id);
      expect(seen).not.toContain(current);
      expect(current).toMatch(/^[A-Za-z0-9]{40}$/);
      seen.push(current);
      expect(after.previousValueCount).toBe(Math.min(i + 1, MAX_PREVIOUS_VALUES));
    }
    const kept = (
      vault.db
        .prepare('SELECT value FROM token_previous_values WHERE token_id = ? ORDER BY id')
        .all(token.id) as {
        value: string;
      }[]
    ).map((row) => row.value);
    expect(kept).toEqual(seen.slice(-6, -1));
    expect(kinds(vault, token.id).filter((k) => k === 'Regenerated')).toHaveLength(7);
    expect(vault.tokens.get(token.id).generatedAt).not.toBeNull();

    const purged = vault.lifecycle.purgePreviousValues(token.id);
    expect(purged.previousValueCount).toBe(0);
    expect(vault.tokens.history(token.id).at(-1)).toMatchObject({
      kind: 'ValuesPurged',
      details: { count: 5 },
    });
    const events = vault.events.count();
    vault.lifecycle.purgePreviousValues(token.id);
    expect(vault.events.count()).toBe(events);
    expect(vault.verify().ok).toBe(true);
  });

  it('takes the value the platform issued, or generates one in the profile shape', async () => {
    const { vault, account } = await vaultWith('endpoint');
    const secondary = vault.tokens.create({ accountId: account.id, name: 'App', generate: { length: 64 } });
    vault.lifecycle.regenerate(secondary.id);
    expect(vault.tokens.reveal(secondary.id)).toMatch(/^[A-Za-z0-9]{64}$/);
    const issued = generateTokenValue({ length: 64 });
    vault.lifecycle.regenerate(secondary.id, { value: issued });
    expect(vault.tokens.reveal(secondary.id)).toBe(issued);
    expect(vault.tokens.history(secondary.id).at(-2)).toMatchObject({
      kind: 'Regenerated',
      details: { generated: false },
    });
    expect(refusal(() => vault.lifecycle.regenerate(secondary.id, { value: 'too-short' })).code).toBe(
      'POLICY',
    );
    expect(vault.tokens.reveal(secondary.id)).toBe(issued);
  });

  it('a failure half-way leaves value, previous values and history as they were (one transaction)', async () => {
    const { vault, account } = await vaultWith();
    const token = vault.tokens.create({ accountId: account.id, name: 'CRM', generate: { length: 32 } });
    const value = vault.tokens.reveal(token.id);
    const events = vault.events.count();
    vault.db
      .exec(`CREATE TEMP TRIGGER fail_regenerated BEFORE INSERT ON main.events WHEN NEW.kind = 'Regenerated'
                   BEGIN SELECT RAISE(ABORT, 'simulated failure'); END;`);
    expect(() => vault.lifecycle.regenerate(token.id)).toThrow(/simulated failure/);
    vault.db.exec('DROP TRIGGER temp.fail_regenerated');
    expect(vault.events.count()).toBe(events);
    expect(vault.tokens.get(token.id).previousValueCount).toBe(0);
    expect(vault.tokens.reveal(token.id)).toBe(value);
    expect(vault.verify().ok).toBe(true);
  });
});

describe('status, enabled flag, activity and expiry', () => {
  it('validate/invalidate and enable/disable each record one event; repeating records nothing', async () => {
    const { vault, account } = await vaultWith();
    const token = vault.tokens.create({ accountId: account.id, name: 'CRM', value: 'value-1234' });
    expect(vault.lifecycle.invalidate(token.id).status).toBe('inactive');
    expect(vault.lifecycle.invalidate(token.id).status).toBe('inactive');
    expect(vault.lifecycle.validate(token.id).status).toBe('active');
    expect(vault.lifecycle.disable(token.id).enabled).toBe(false);
    expect(vault.lifecycle.disable(token.id).enabled).toBe(false);
    expect(vault.lifecycle.enable(token.id).enabled).toBe(true);
    expect(vault.lifecycle.enable(token.id).enabled).toBe(true);
    expect(kinds(vault, token.id)).toEqual(['Created', 'Invalidated', 'Validated', 'Disabled', 'Enabled']);
    const history = vault.tokens.history(token.id);
    for (const event of history) expect(event.actor).toBe('tester');
  });

  it('records activity (default now, or a past date); last activity never moves back; the future is refused', async () => {
    const { vault, account } = await vaultWith();
    const token = vault.tokens.create({ accountId: account.id, name: 'CRM', value: 'value-1234' });
    const before = Date.now();
    const now = vault.lifecycle.recordActivity(token.id);
    expect(Date.parse(now.lastActivityAt!)).toBeGreaterThanOrEqual(before);
    const older = vault.lifecycle.recordActivity(token.id, { at: '2025-01-01' });
    expect(older.lastActivityAt).toBe(now.lastActivityAt);
    expect(vault.tokens.history(token.id).at(-1)).toMatchObject({
      kind: 'ActivityRecorded',
      details: { activityAt: '2025-01-01T00:00:00.000Z' },
    });
    expect(
      refusal(() => vault.lifecycle.recordActivity(token.id, { at: new Date(Date.now() + DAY_MS) })).code,
    ).toBe('INVALID_INPUT');
    expect(refusal(() => vault.lifecycle.recordActivity(token.id, { at: 'yesterday' })).code).toBe(
      'INVALID_INPUT',
    );
    expect(kinds(vault, token.id)).toEqual(['Created', 'ActivityRecorded', 'ActivityRecorded']);
  });

  it('sets and clears the expiry date (an Edited event naming the field); state says expiring, then expired', async () => {
    const { vault, account } = await vaultWith();
    const token = vault.tokens.create({ accountId: account.id, name: 'CRM', value: 'value-1234' });
    expect(vault.lifecycle.setExpiry(token.id, '2027-03-01').expiresAt).toBe('2027-03-01T00:00:00.000Z');
    vault.lifecycle.setExpiry(token.id, '2027-03-01T00:00:00Z');
    expect(vault.lifecycle.stateAt(token.id, new Date('2027-02-20'))).toMatchObject({
      expiry: { expired: false, daysLeft: 9, warning: 14 },
      attention: ['expires in 9 days'],
    });
    expect(vault.lifecycle.stateAt(token.id, new Date('2027-03-02')).attention).toEqual(['expired']);
    expect(vault.lifecycle.setExpiry(token.id, null).expiresAt).toBeNull();
    const edits = vault.tokens.history(token.id).filter((e) => e.kind === 'Edited');
    expect(edits.map((e) => e.details)).toEqual([
      {
        fields: ['expiresAt'],
        expiresAt: '2027-03-01T00:00:00.000Z',
        changes: { expiresAt: { from: null, to: '2027-03-01T00:00:00.000Z' } },
      },
      {
        fields: ['expiresAt'],
        expiresAt: null,
        changes: { expiresAt: { from: '2027-03-01T00:00:00.000Z', to: null } },
      },
    ]);
  });
});

describe('a new value comes from where the platform says', () => {
  it('regenerate without a value is refused where the platform issues values; pasting what it issued works', async () => {
    const { vault, account } = await vaultWith('engaging-networks');
    const token = vault.tokens.create({
      accountId: account.id,
      name: 'Donations sync',
      kind: 'private',
      assignedTo: 'api-user',
      value: generateTokenValue(),
    });
    const before = vault.tokens.reveal(token.id);
    const error = refusal(() => vault.useCases.regenerate(token.id));
    expect(error.code).toBe('POLICY');
    expect(error.message).toMatch(
      /^Engaging Networks issues the values of its .+ itself: paste the value it issued/,
    );
    expect(vault.tokens.reveal(token.id)).toBe(before);
    expect(kinds(vault, token.id)).not.toContain('Regenerated');
    const issued = generateTokenValue();
    vault.useCases.regenerate(token.id, { value: issued });
    expect(vault.tokens.reveal(token.id)).toBe(issued);
  });

  it('a generic token and an endpoint secondary still get a value generated here', async () => {
    const { vault, account } = await vaultWith('generic');
    const token = vault.tokens.create({
      accountId: account.id,
      name: 'Webhook',
      value: generateTokenValue(),
    });
    const before = vault.tokens.reveal(token.id);
    vault.useCases.regenerate(token.id);
    expect(vault.tokens.reveal(token.id)).not.toBe(before);
    const endpoint = vault.accounts.create({ name: 'Endpoint platform', profile: 'endpoint' });
    const secondary = vault.tokens.create({ accountId: endpoint.id, name: 'App', generate: { length: 64 } });
    vault.useCases.regenerate(secondary.id);
    expect(vault.tokens.reveal(secondary.id)).toMatch(/^[A-Za-z0-9]{64}$/);
  });
});

describe('tokens in use: regenerate and delete need confirmation', () => {
  it('mapped or serving an endpoint: refused without force, with a sentence naming where it is used', async () => {
    const { vault, account } = await vaultWith('endpoint', { allowDelete: true });
    const primary = vault.tokens.create({
      accountId: account.id,
      name: 'Orders POST',
      role: 'primary',
      value: 'p-value-1',
    });
    const app = vault.tokens.create({ accountId: account.id, name: 'Salesforce', generate: { length: 64 } });
    const free = vault.tokens.create({ accountId: account.id, name: 'Unused', generate: { length: 64 } });
    vault.lifecycle.map(app.id, primary.id);
    const orders = vault.endpoints.add(account.id, '/orders');
    vault.endpoints.assign(orders.id, 'POST', primary.id);

    const appValue = vault.tokens.reveal(app.id);
    const error = refusal(() => vault.lifecycle.regenerate(app.id));
    expect(error.code).toBe('POLICY');
    expect(error.message).toBe(
      '"Salesforce" is in use (mapped to primary "Orders POST"); regenerating it will break those integrations. Confirm to go ahead (--force in the CLI).',
    );
    expect(vault.tokens.reveal(app.id)).toBe(appValue);
    expect(refusal(() => vault.lifecycle.delete(primary.id)).message).toMatch(
      /^"Orders POST" is in use \(a secondary is mapped to it \("Salesforce"\); serves POST on "\/orders"\); deleting it/,
    );
    expect(vault.lifecycle.usage(free.id).inUse).toBe(false);
    vault.lifecycle.regenerate(free.id);
    vault.lifecycle.delete(free.id);

    vault.lifecycle.regenerate(app.id, { force: true });
    expect(vault.tokens.history(app.id).at(-1)).toMatchObject({
      kind: 'Regenerated',
      details: { forced: true, inUse: 'mapped to primary "Orders POST"' },
    });

    vault.lifecycle.delete(primary.id, { force: true });
    expect(() => vault.tokens.get(primary.id)).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
    expect(vault.tokens.history(primary.id).at(-1)).toMatchObject({
      kind: 'Deleted',
      details: { forced: true },
    });
    expect(vault.tokens.history(app.id).at(-1)).toMatchObject({
      kind: 'Unmapped',
      details: { primaryId: primary.id, reason: 'primary deleted' },
    });
    expect(vault.lifecycle.usage(app.id).inUse).toBe(false);
    expect(vault.endpoints.get(orders.id).assignments).toEqual([]);
    const rows = (table: string) =>
      (vault.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    expect([rows('token_links'), rows('token_endpoints')]).toEqual([0, 0]);
    expect(vault.verify().ok).toBe(true);
  });

  /** "Export API", its value handed to Acme Digital in a real bundle. */
  async function tokenHandedToAcme() {
    const { vault, account } = await vaultWith();
    const token = vault.tokens.create({
      accountId: account.id,
      name: 'Export API',
      value: generateTokenValue(),
    });
    vault.recipients.create({ name: 'Acme Digital' });
    await vault.handoffs.export({
      recipient: 'Acme Digital',
      tokenIds: [token.id],
      fields: ['value'],
      outPath: join(makeTempDir(), 'bundle.zip'),
      password: generateBundlePassword().password,
      channel: 'sms',
    });
    return { vault, token, recipients: vault.recipients };
  }

  it('handed off to an agency: refused without force, the agency named', async () => {
    const { vault, token } = await tokenHandedToAcme();
    expect(vault.lifecycle.usage(token.id).handedTo.map((h) => h.recipient)).toEqual(['Acme Digital']);
    expect(refusal(() => vault.lifecycle.regenerate(token.id)).message).toMatch(
      /^"Export API" is in use \(handed to Acme Digital\)/,
    );
    expect(refusal(() => vault.lifecycle.delete(token.id)).code).toBe('POLICY');
    vault.lifecycle.delete(token.id, { force: true });
    expect(kinds(vault, token.id)).toEqual(['Created', 'HandedOff', 'Deleted']);
  });

  it('regenerate refuses an empty value or one with a line break, changing nothing', async () => {
    const { vault, account } = await vaultWith();
    const token = vault.tokens.create({ accountId: account.id, name: 'Export API', value: 'issued-1' });
    for (const bad of ['', 'two\nlines', 'nul\u0000byte']) {
      expect(refusal(() => vault.lifecycle.regenerate(token.id, { value: bad })).code).toBe('INVALID_INPUT');
    }
    expect(vault.tokens.reveal(token.id, 'export')).toBe('issued-1');
    expect(kinds(vault, token.id)).toEqual(['Created']);
  });

  it('a rotated token is no longer in use by the agency that holds only its old value', async () => {
    const { vault, token, recipients } = await tokenHandedToAcme();
    vault.lifecycle.regenerate(token.id, { force: true });
    expect(vault.lifecycle.usage(token.id)).toMatchObject({ handedTo: [], inUse: false });
    // Still on record: the agency was given the token, only not its current value.
    expect(recipients.holdersOf(token.id)).toMatchObject([
      { recipient: 'Acme Digital', holdsCurrentValue: false },
    ]);
    vault.lifecycle.regenerate(token.id);
    vault.lifecycle.delete(token.id);
    expect(kinds(vault, token.id)).toEqual(['Created', 'HandedOff', 'Regenerated', 'Regenerated', 'Deleted']);
  });
});

describe('Emplifi primary: replaced, never validated or invalidated from the manager', () => {
  it('refuses validate and invalidate, accepts regenerate; a secondary can do all three', async () => {
    const { vault, account } = await vaultWith('emplifi');
    const primary = vault.tokens.create({
      accountId: account.id,
      name: 'Primary',
      role: 'primary',
      value: 'primary-1',
    });
    const other = vault.tokens.create({
      accountId: account.id,
      name: 'Agency',
      description: 'Agency',
      value: 'agency-1',
    });
    for (const call of [
      () => vault.lifecycle.invalidate(primary.id),
      () => vault.lifecycle.validate(primary.id),
    ]) {
      const error = refusal(call);
      expect(error.code).toBe('POLICY');
      expect(error.message).toMatch(
        /^The primary bearer token of Emplifi Ratings & Reviews cannot be validated or invalidated from the manager, only replaced/,
      );
    }
    vault.lifecycle.regenerate(primary.id, { value: 'new-primary-value' });
    expect(vault.tokens.reveal(primary.id)).toBe('new-primary-value');
    vault.lifecycle.invalidate(other.id);
    vault.lifecycle.regenerate(other.id, { value: 'new-other-value' });
    vault.lifecycle.validate(other.id);
    expect(kinds(vault, primary.id)).toEqual(['Created', 'Regenerated', 'Revealed']);
    expect(kinds(vault, other.id)).toEqual(['Created', 'Invalidated', 'Regenerated', 'Validated']);
  });
});

describe('Engaging Networks: an invalidated token works again only with a new value', () => {
  it('refuses validate once invalidated; the value it issued instead (regenerate) makes it valid again, in one event', async () => {
    const { vault, account } = await vaultWith('engaging-networks');
    const token = vault.tokens.create({
      accountId: account.id,
      name: 'Supporter export',
      kind: 'private',
      assignedTo: 'ana@example.org',
      value: 'en-first-value',
    });
    // Valid already: validating changes nothing and is not refused.
    expect(vault.lifecycle.validate(token.id).status).toBe('active');
    vault.lifecycle.invalidate(token.id);
    const error = refusal(() => vault.lifecycle.validate(token.id));
    expect(error.code).toBe('POLICY');
    expect(error.message).toMatch(
      /^Engaging Networks cannot turn an invalidated token back on; it issues a new one\. Record the new value it issued for "Supporter export" by regenerating it/,
    );
    expect(vault.tokens.get(token.id).status).toBe('inactive');
    const after = vault.lifecycle.regenerate(token.id, { value: 'en-reset-value' });
    expect(after.status).toBe('active');
    expect(vault.tokens.reveal(token.id)).toBe('en-reset-value');
    const regenerated = vault.tokens.history(token.id).find((e) => e.kind === 'Regenerated');
    expect(regenerated?.details).toMatchObject({ generated: false, validAgain: true });
    expect(kinds(vault, token.id)).toEqual(['Created', 'Invalidated', 'Regenerated', 'Revealed']);
    // A valid token's regenerate records no "valid again".
    vault.lifecycle.regenerate(token.id, { value: 'en-second-reset' });
    const last = vault.tokens
      .history(token.id)
      .filter((e) => e.kind === 'Regenerated')
      .at(-1);
    expect(last?.details.validAgain).toBeUndefined();
    expect(vault.verify().ok).toBe(true);
  });

  it('Engaging Networks and Emplifi record no "disabled": they have no switch apart from validity', async () => {
    for (const [profile, extra] of [
      ['engaging-networks', { kind: 'public' }],
      ['emplifi', { description: 'Reviews widget' }],
    ] as const) {
      const { vault, account } = await vaultWith(profile);
      const token = vault.tokens.create({ accountId: account.id, name: 'Widget', value: 'w-1', ...extra });
      const error = refusal(() => vault.lifecycle.disable(token.id));
      expect(error.code).toBe('POLICY');
      expect(error.message).toMatch(
        /has no switch that turns a token off and on again; to stop "Widget" working, invalidate it there/,
      );
      expect(vault.tokens.get(token.id).enabled).toBe(true);
      expect(kinds(vault, token.id)).toEqual(['Created']);
      vault.lock();
    }
  });

  it('a "new" value that is the current one is refused everywhere; on Engaging Networks an earlier one too, and no restore', async () => {
    const { vault, account } = await vaultWith('engaging-networks');
    const token = vault.tokens.create({
      accountId: account.id,
      name: 'Export',
      kind: 'private',
      assignedTo: 'ana@example.org',
      value: 'en-value-one',
    });
    vault.lifecycle.invalidate(token.id);
    const same = refusal(() => vault.lifecycle.regenerate(token.id, { value: 'en-value-one' }));
    expect([same.code, same.field]).toEqual(['INVALID_INPUT', 'value']);
    expect(same.message).toMatch(
      /^That is the value "Export" already has; paste the new value Engaging Networks issued\./,
    );
    vault.lifecycle.regenerate(token.id, { value: 'en-value-two' });
    const earlier = refusal(() => vault.lifecycle.regenerate(token.id, { value: 'en-value-one' }));
    expect([earlier.code, earlier.field]).toEqual(['POLICY', 'value']);
    expect(earlier.message).toMatch(/Engaging Networks does not take back a value it reset/);
    const earlierId = (
      vault.db.prepare('SELECT id FROM token_previous_values WHERE token_id = ?').get(token.id) as {
        id: number;
      }
    ).id;
    const restore = refusal(() => vault.useCases.restoreEarlierValue(token.id, earlierId));
    expect(restore.code).toBe('POLICY');
    expect(restore.message).toMatch(/^Engaging Networks cannot bring back a value it reset/);
    expect(kinds(vault, token.id)).toEqual(['Created', 'Invalidated', 'Regenerated']);
    // Elsewhere an earlier value may come back (the platform takes it again), but the current one is still no change.
    const generic = await vaultWith('generic');
    const other = generic.vault.tokens.create({
      accountId: generic.account.id,
      name: 'CRM',
      value: 'crm-one-value',
    });
    expect(refusal(() => generic.vault.lifecycle.regenerate(other.id, { value: 'crm-one-value' })).code).toBe(
      'INVALID_INPUT',
    );
    generic.vault.lifecycle.regenerate(other.id, { value: 'crm-two-value' });
    expect(generic.vault.lifecycle.regenerate(other.id, { value: 'crm-one-value' }).previousValueCount).toBe(
      2,
    );
  });

  it('Emplifi keeps validate after regenerate: a regenerated inactive token there stays invalid until validated', async () => {
    const { vault, account } = await vaultWith('emplifi');
    const other = vault.tokens.create({
      accountId: account.id,
      name: 'Agency',
      description: 'Agency',
      value: 'a-1',
    });
    vault.lifecycle.invalidate(other.id);
    expect(vault.lifecycle.regenerate(other.id, { value: 'a-2' }).status).toBe('inactive');
  });
});

describe('ON24 inactivity: 60 days, warnings at 14, 7 and 1 days, re-enable resets', () => {
  const day = (n: number) => new Date(Date.parse('2026-01-01T00:00:00Z') + n * DAY_MS);

  async function on24Token() {
    const { vault, account } = await vaultWith('on24');
    const token = vault.tokens.create({
      accountId: account.id,
      name: 'Salesforce',
      keyId: 'K',
      assignedTo: 'producer',
      value: 'secret-1',
    });
    vault.lifecycle.recordActivity(token.id, { at: day(0), now: day(0) });
    return { vault, token };
  }

  it('effective state at a date: warnings, then disabled; reading writes nothing', async () => {
    const { vault, token } = await on24Token();
    const events = vault.events.count();
    expect(vault.lifecycle.stateAt(token.id, day(45))).toMatchObject({
      enabled: true,
      inactivity: { warning: null },
    });
    expect(vault.lifecycle.stateAt(token.id, day(46)).inactivity).toMatchObject({
      daysLeft: 14,
      warning: 14,
    });
    expect(vault.lifecycle.stateAt(token.id, day(55))).toMatchObject({
      inactivity: { daysLeft: 5, warning: 7 },
      attention: ['5 days to the inactivity limit'],
    });
    expect(vault.lifecycle.stateAt(token.id, day(59.5)).inactivity).toMatchObject({
      daysLeft: 1,
      warning: 1,
    });
    expect(vault.lifecycle.stateAt(token.id, day(60))).toMatchObject({
      enabled: false,
      disabledForInactivity: true,
      attention: ['disabled after 60 days without activity'],
    });
    expect(vault.tokens.get(token.id).enabled).toBe(true);
    expect(vault.events.count()).toBe(events);
  });

  it('activity before the limit moves the count; activity after it is refused until re-enabled', async () => {
    const { vault, token } = await on24Token();
    vault.lifecycle.recordActivity(token.id, { at: day(50), now: day(50) });
    expect(vault.lifecycle.stateAt(token.id, day(100)).inactivity).toMatchObject({ daysLeft: 10 });
    const refused = refusal(() => vault.lifecycle.recordActivity(token.id, { at: day(115), now: day(115) }));
    expect(refused.code).toBe('POLICY');
    expect(refused.message).toBe(
      'ON24 disabled "Salesforce" on 2026-04-21 after 60 days without activity; enable it again before recording newer activity.',
    );
    // Activity that happened before the limit is still accepted late.
    vault.lifecycle.recordActivity(token.id, { at: day(105), now: day(115) });
    expect(vault.lifecycle.stateAt(token.id, day(115)).enabled).toBe(true);
  });

  it('re-enabling resets the counter, with an Enabled event; a disabled token records no activity', async () => {
    const { vault, token } = await on24Token();
    const enabled = vault.lifecycle.enable(token.id, { now: day(70) });
    expect(enabled.enabled).toBe(true);
    expect(vault.tokens.history(token.id).at(-1)).toMatchObject({
      kind: 'Enabled',
      details: { after: 'inactivity', inactivityCountReset: true },
    });
    expect(vault.lifecycle.stateAt(token.id, day(129)).inactivity).toMatchObject({
      daysLeft: 1,
      disabled: false,
    });
    expect(vault.lifecycle.stateAt(token.id, day(130)).disabledForInactivity).toBe(true);
    // Enabling an enabled token within its limit changes nothing.
    const events = vault.events.count();
    vault.lifecycle.enable(token.id, { now: day(80) });
    expect(vault.events.count()).toBe(events);

    vault.lifecycle.disable(token.id, { now: day(81) });
    expect(
      refusal(() => vault.lifecycle.recordActivity(token.id, { at: day(82), now: day(82) })).message,
    ).toMatch(/is disabled, so it cannot have been used; enable it first/);
    vault.lifecycle.enable(token.id, { now: day(90) });
    expect(vault.lifecycle.stateAt(token.id, day(149)).inactivity).toMatchObject({
      countingFrom: day(90).toISOString(),
    });
    expect(vault.verify().ok).toBe(true);
  });
});

describe('mappings: secondary -> primary, each with its own enabled flag', () => {
  it('map, disable one mapping, unmap: each an event on the secondary; the rules of roles and accounts hold', async () => {
    const { vault, account } = await vaultWith('endpoint');
    const post = vault.tokens.create({
      accountId: account.id,
      name: 'POST',
      role: 'primary',
      value: 'post-value',
    });
    const get = vault.tokens.create({
      accountId: account.id,
      name: 'GET',
      role: 'primary',
      value: 'get-value',
    });
    const app = vault.tokens.create({ accountId: account.id, name: 'Salesforce', generate: { length: 64 } });
    vault.lifecycle.map(app.id, post.id);
    vault.lifecycle.map(app.id, get.id);
    expect(refusal(() => vault.lifecycle.map(app.id, get.id)).code).toBe('ALREADY_EXISTS');
    expect(refusal(() => vault.lifecycle.map(post.id, get.id)).message).toMatch(
      /"POST" \(the first token \(the one mapped\)\) is primary/,
    );
    expect(refusal(() => vault.lifecycle.map(app.id, app.id)).code).toBe('POLICY');
    const cut = vault.lifecycle.setMappingEnabled(app.id, post.id, false);
    expect(cut.enabled).toBe(false);
    expect(vault.lifecycle.usage(app.id).mappedTo).toEqual([
      { primaryId: get.id, primaryName: 'GET', enabled: true },
      { primaryId: post.id, primaryName: 'POST', enabled: false },
    ]);
    vault.lifecycle.setMappingEnabled(app.id, post.id, false);
    vault.lifecycle.unmap(app.id, post.id);
    expect(refusal(() => vault.lifecycle.unmap(app.id, post.id)).code).toBe('NOT_FOUND');
    expect(kinds(vault, app.id)).toEqual(['Created', 'Mapped', 'Mapped', 'Disabled', 'Unmapped']);
    expect(vault.tokens.history(app.id)[3]!.details).toEqual({
      mapping: true,
      primaryId: post.id,
      primaryName: 'POST',
    });
    // The token's own flag is untouched by a mapping's.
    expect(vault.tokens.get(app.id).enabled).toBe(true);

    const other = vault.accounts.create({ name: 'Other hub', profile: 'endpoint' });
    const foreign = vault.tokens.create({
      accountId: other.id,
      name: 'Foreign POST',
      role: 'primary',
      value: 'foreign',
    });
    expect(refusal(() => vault.lifecycle.map(app.id, foreign.id)).message).toMatch(
      /belong to different accounts/,
    );
  });

  it('profiles without mappings refuse them', async () => {
    const { vault, account } = await vaultWith('emplifi');
    const primary = vault.tokens.create({
      accountId: account.id,
      name: 'Primary',
      role: 'primary',
      value: 'primary-1',
    });
    const other = vault.tokens.create({
      accountId: account.id,
      name: 'Agency',
      description: 'Agency',
      value: 'agency-1',
    });
    expect(refusal(() => vault.lifecycle.map(other.id, primary.id)).message).toBe(
      'Emplifi Ratings & Reviews has no secondary-to-primary mappings; only endpoint and generic accounts do.',
    );
  });
});

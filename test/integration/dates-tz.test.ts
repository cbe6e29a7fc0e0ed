import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { isoDateSchema } from '../../src/shared/text-rules';
import { localDayOf, parseInstant, startOfLocalDay } from '../../src/shared/dates';
import { parseDateOption } from '../../src/cli/commands/lifecycle-state';
import { createDispatcher } from '../../src/main/ipc/dispatcher';
import { MemoryPlatform } from '../helpers/memory-platform';
import { SessionController } from '../../src/main/session/session-controller';
import { makeTempDir } from '../helpers/temp-dir';
import { TEST_PASSWORD } from '../helpers/vault-fixture';

/** East of UTC by 14 hours, west by 8 (9 in summer), east by 1 (2 in summer): the days differ from UTC's. */
const ZONES = ['Europe/Berlin', 'Pacific/Kiritimati', 'America/Los_Angeles'] as const;
const originalZone = process.env.TZ;
let session: SessionController | undefined;
afterEach(() => session?.lock());
// Node reads TZ again whenever it is assigned, so each test runs in its own zone.
afterAll(() => {
  if (originalZone === undefined) delete process.env.TZ;
  else process.env.TZ = originalZone;
});

async function vaultWithToken() {
  const dir = makeTempDir();
  session = new SessionController({ userDataDir: join(dir, 'u'), platform: new MemoryPlatform() });
  const dispatch = createDispatcher(session);
  await session.createVault({ path: join(dir, 'tz.tokenvault'), password: TEST_PASSWORD, operator: 'admin' });
  const account = session.requireVault().useCases.createAccount({ name: 'Main' }).result;
  const token = session
    .requireVault()
    .useCases.createToken({ accountId: account.id, name: 'CRM', value: 'v-1234567' }).result;
  return { dispatch, tokenId: token.id, vault: session.requireVault() };
}

describe.each(ZONES)('one date model under TZ=%s', (zone) => {
  it('an expiry picked as 31 Dec stays 31 Dec: set in the Expiry dialog, shown by the Edit form, saved unchanged', async () => {
    process.env.TZ = zone;
    const { dispatch, tokenId, vault } = await vaultWithToken();
    // The Expiry dialog: the user picks 31 Dec; the day is converted once, to the start of that day here.
    const picked = '2026-12-31';
    const set = await dispatch('setTokenExpiry', { id: tokenId, expiresAt: startOfLocalDay(picked) });
    expect(set.ok).toBe(true);
    const stored = vault.tokens.get(tokenId).expiresAt!;
    expect(stored).toBe(new Date(2026, 11, 31).toISOString());
    // What the Edit form used to show was the UTC day: east of UTC that is 30 Dec (the reported bug).
    const utcDay = stored.slice(0, 10);
    expect(utcDay === picked).toBe(zone === 'America/Los_Angeles');
    // The form now shows the user's day, and saving it unchanged changes nothing and records nothing.
    const shown = localDayOf(stored);
    expect(shown).toBe(picked);
    const eventsBefore = vault.events.count();
    const saved = await dispatch('updateToken', { id: tokenId, expiresAt: startOfLocalDay(shown) });
    expect(saved.ok && (saved.value as { expiresAt: string }).expiresAt).toBe(stored);
    expect(vault.events.count()).toBe(eventsBefore);
    // A day the user types in the CLI means the same start of day.
    expect(parseDateOption(picked, '--now').toISOString()).toBe(stored);
  });

  it('activity recorded "today" falls on today in the user\'s zone', async () => {
    process.env.TZ = zone;
    const { dispatch, tokenId, vault } = await vaultWithToken();
    const yesterday = localDayOf(new Date(Date.now() - 86_400_000));
    expect((await dispatch('recordTokenActivity', { id: tokenId, at: startOfLocalDay(yesterday) })).ok).toBe(
      true,
    );
    expect(localDayOf(vault.tokens.get(tokenId).lastActivityAt!)).toBe(yesterday);
  });

  it('one strict parser: days that do not exist, times out of range and texts without a zone are refused', () => {
    process.env.TZ = zone;
    for (const bad of [
      '2026-02-31',
      '2025-02-29',
      '2026-13-01',
      '2026-12-31T24:00:00Z',
      '2026-12-31T09:60Z',
      '2026-12-31T09:00:00',
      '31/12/2026',
      '2026-12-31 09:00',
      '',
      'never',
      `2026-12-31T09:00:00.${'0'.repeat(40)}Z`,
    ]) {
      expect({ bad, parsed: parseInstant(bad) }).toEqual({ bad, parsed: null });
      expect({ bad, ok: isoDateSchema.safeParse(bad).success }).toEqual({ bad, ok: false });
    }
    expect(parseInstant('2028-02-29')).toBe(new Date(2028, 1, 29).toISOString());
    expect(parseInstant('2026-12-31T09:30:00+02:00')).toBe('2026-12-31T07:30:00.000Z');
    expect(parseInstant('2026-12-31T09:30Z')).toBe('2026-12-31T09:30:00.000Z');
    expect(isoDateSchema.parse('2026-12-31T09:30:00.5Z')).toBe('2026-12-31T09:30:00.500Z');
  });

  it('the IPC contract refuses 2026-02-31 with the one sentence, and changes nothing', async () => {
    process.env.TZ = zone;
    const { dispatch, tokenId, vault } = await vaultWithToken();
    const before = vault.events.count();
    expect(await dispatch('setTokenExpiry', { id: tokenId, expiresAt: '2026-02-31' })).toEqual({
      ok: false,
      error: { code: 'INVALID_INPUT', message: expect.stringContaining('Use a date like 2026-12-31') },
    });
    expect(vault.tokens.get(tokenId).expiresAt).toBeNull();
    expect(vault.events.count()).toBe(before);
  });
});

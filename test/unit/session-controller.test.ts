import { afterEach, describe, expect, it, vi } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createDispatcher } from '../../src/main/ipc/dispatcher';
import { MemoryPlatform } from '../../src/main/session/memory-platform';
import { SessionController } from '../../src/main/session/session-controller';
import { backoffDelayMs } from '../../src/main/core/vault/unlock-backoff-delay';
import { generateTokenValue } from '../../src/main/core/crypto/token-generator';
import { makeTempDir } from '../helpers/temp-dir';
import { TEST_PASSWORD } from '../helpers/vault-fixture';

async function newSession(now?: () => number) {
  const dir = makeTempDir();
  const platform = new MemoryPlatform();
  const userDataDir = join(dir, 'user-data');
  const session = new SessionController({ userDataDir, platform, now });
  const path = join(dir, 'session.tokenvault');
  await session.createVault({ path, password: TEST_PASSWORD, operator: 'tester' });
  const account = session.requireVault().accounts.create({ name: 'Main' });
  const secret = generateTokenValue();
  const token = session.requireVault().tokens.create({ accountId: account.id, name: 'T', value: secret });
  return { session, platform, path, secret, tokenId: token.id, userDataDir };
}

afterEach(() => vi.useRealTimers());

describe('session safety', () => {
  it('backs off 1 s, 2 s, 4 s ... capped at 30 s', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 10].map(backoffDelayMs)).toEqual([
      1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000,
    ]);
  });

  it('refuses an unlock during the back-off wait, and accepts the right password after it', async () => {
    let clock = 1_000_000;
    const { session, path } = await newSession(() => clock);
    session.lock();
    await expect(session.unlockVault({ path, password: 'wrong password here' })).rejects.toMatchObject({
      code: 'WRONG_PASSWORD',
    });
    expect(session.getSession().retryAfterSeconds).toBe(1);
    await expect(session.unlockVault({ path, password: TEST_PASSWORD })).rejects.toThrow(/wait 1 s/);
    clock += 1000;
    await expect(session.unlockVault({ path, password: 'wrong password again' })).rejects.toThrow(
      /Try again in 2 s/,
    );
    clock += 2000;
    await session.unlockVault({ path, password: TEST_PASSWORD });
    expect(session.getSession().state).toBe('unlocked');
    expect(session.getSession().retryAfterSeconds).toBe(0);
  });

  it('the back-off outlives an app restart: a new session on the same vault still waits (counted in its folder)', async () => {
    const clock = 5_000_000;
    const { session, path, userDataDir, platform } = await newSession(() => clock);
    session.lock();
    await expect(session.unlockVault({ path, password: 'wrong password here' })).rejects.toThrow(
      /Try again in 1 s/,
    );
    const restarted = new SessionController({ userDataDir, platform, now: () => clock });
    expect(restarted.getSession().retryAfterSeconds).toBe(1);
    await expect(restarted.unlockVault({ path, password: TEST_PASSWORD })).rejects.toThrow(/wait 1 s/);
    const later = new SessionController({ userDataDir, platform, now: () => clock + 1000 });
    await later.unlockVault({ path, password: TEST_PASSWORD });
    expect(later.getSession().state).toBe('unlocked');
    later.lock();
  });

  it('locks after the idle minutes, and activity restarts the countdown', async () => {
    const { session } = await newSession();
    vi.useFakeTimers();
    session.updateSettings({ autoLockMinutes: 2 });
    vi.advanceTimersByTime(90_000);
    session.reportActivity();
    vi.advanceTimersByTime(90_000);
    expect(session.getSession().state).toBe('unlocked');
    vi.advanceTimersByTime(31_000);
    expect(session.getSession().state).toBe('locked');
    expect(() => session.requireVault()).toThrow(/locked/);
  });

  it('clears the clipboard after N seconds only if it still holds our value', async () => {
    const { session, platform, tokenId, secret } = await newSession();
    vi.useFakeTimers();
    session.updateSettings({ clipboardSeconds: 10 });
    expect(await session.copyToken(tokenId)).toEqual({ clearsAfterSeconds: 10 });
    expect(platform.clipboard === secret).toBe(true);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(platform.clipboard).toBe('');

    await session.copyToken(tokenId);
    platform.clipboard = 'something the user copied since';
    await vi.advanceTimersByTimeAsync(10_000);
    expect(platform.clipboard).toBe('something the user copied since');
  });

  it('locking zeroes the session: the vault closes, the clipboard value is dropped', async () => {
    const { session, platform, tokenId } = await newSession();
    await session.copyToken(tokenId);
    const locked = vi.fn();
    session.onLocked(locked);
    session.lock();
    await vi.waitFor(() => expect(platform.clipboard).toBe(''));
    expect(locked).toHaveBeenCalledOnce();
    expect(session.getSession()).toMatchObject({ state: 'locked', vault: null });
  });

  it('keeps only paths and numbers in the user-data folder', async () => {
    const { session, userDataDir, secret, path } = await newSession();
    session.updateSettings({ clipboardSeconds: 45 });
    const files = readdirSync(userDataDir);
    expect(files).toEqual(['token-vault-settings.json']);
    const text = readFileSync(join(userDataDir, files[0]!), 'utf8');
    expect(text.includes(secret)).toBe(false);
    expect(text.includes(TEST_PASSWORD)).toBe(false);
    expect(JSON.parse(text)).toEqual({
      settings: { clipboardSeconds: 45 },
      recentVaults: [path],
      demoVaults: [],
    });
  });
  it('through the controller, each wrong password doubles the wait up to 30 s; a refused attempt does not count', async () => {
    let clock = 5_000_000;
    const { session, path } = await newSession(() => clock);
    session.lock();
    const waits: number[] = [];
    for (let attempt = 0; attempt < 7; attempt++) {
      await expect(
        session.unlockVault({ path, password: `wrong password ${attempt}` }),
      ).rejects.toMatchObject({
        code: 'WRONG_PASSWORD',
      });
      const wait = session.getSession().retryAfterSeconds;
      waits.push(wait);
      if (attempt === 2) {
        // Half-way through the wait: refused before the password is even checked, and the wait is unchanged.
        clock += 2000;
        await expect(session.unlockVault({ path, password: TEST_PASSWORD })).rejects.toThrow(
          /Too many wrong attempts: wait 2 s/,
        );
        expect(session.getSession()).toMatchObject({ state: 'locked', retryAfterSeconds: 2 });
        clock += 2000;
        continue;
      }
      clock += wait * 1000;
    }
    expect(waits).toEqual([1, 2, 4, 8, 16, 30, 30]);
    await session.unlockVault({ path, password: TEST_PASSWORD });
    await expect(session.unlockVault({ path, password: 'wrong once more' })).rejects.toThrow(
      /Try again in 1 s/,
    );
  });

  it('the idle lock notifies listeners, and a settings change restarts the countdown with the new minutes', async () => {
    const { session } = await newSession();
    vi.useFakeTimers();
    const locked = vi.fn();
    session.onLocked(locked);
    session.updateSettings({ autoLockMinutes: 1 });
    vi.advanceTimersByTime(59_000);
    expect(locked).not.toHaveBeenCalled();
    session.updateSettings({ autoLockMinutes: 3 });
    vi.advanceTimersByTime(179_000);
    expect(session.getSession().state).toBe('unlocked');
    vi.advanceTimersByTime(1_000);
    expect(session.getSession().state).toBe('locked');
    expect(locked).toHaveBeenCalledOnce();
    expect(locked).toHaveBeenCalledWith('idle');
    // Locked: activity starts no timer and locking again notifies nobody.
    session.reportActivity();
    expect(vi.getTimerCount()).toBe(0);
    session.lock();
    expect(locked).toHaveBeenCalledOnce();
  });

  it('lock zeroes the data key and closes the database', async () => {
    const { session, tokenId } = await newSession();
    const vault = session.requireVault();
    const key = (vault as unknown as { dataKey: Buffer }).dataKey;
    expect(key.length).toBe(32);
    expect(key.some((byte) => byte !== 0)).toBe(true);
    session.lock();
    expect(key.every((byte) => byte === 0)).toBe(true);
    expect(vault.db.open).toBe(false);
    expect(() => vault.tokens.get(tokenId)).toThrow();
    await expect(session.copyToken(tokenId)).rejects.toMatchObject({ code: 'VAULT_LOCKED' });
  });

  it('lock leaves alone a clipboard the user has since changed', async () => {
    const { session, platform, tokenId } = await newSession();
    await session.copyToken(tokenId);
    platform.clipboard = 'the user copied this afterwards';
    session.lock();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(platform.clipboard).toBe('the user copied this afterwards');
  });

  it('tells listeners why: the page asked, a vault switch, or the menu', async () => {
    const { session, path } = await newSession();
    const reasons: string[] = [];
    session.onLocked((reason) => reasons.push(reason));
    const dispatch = createDispatcher(session);
    expect((await dispatch('lockVault', {})).ok).toBe(true);
    await session.unlockVault({ path, password: TEST_PASSWORD });
    // Creating another vault while this one is open locks this one first: the page is waiting for a recovery key.
    await session.createVault({ path: `${path}-other`, password: TEST_PASSWORD, operator: 'op' });
    session.lock('menu');
    expect(reasons).toEqual(['page', 'switch', 'menu']);
  });
});

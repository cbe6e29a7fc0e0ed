import { describe, expect, it } from 'vitest';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createDispatcher } from '../../src/main/ipc/dispatcher';
import { AppSettingsStore, DEFAULT_SETTINGS } from '../../src/main/session/app-settings-store';
import { MemoryPlatform } from '../helpers/memory-platform';
import { SessionController } from '../../src/main/session/session-controller';
import { makeTempDir } from '../helpers/temp-dir';
import { TEST_PASSWORD } from '../helpers/vault-fixture';

const SETTINGS_FILE = 'token-vault-settings.json';

describe('app settings and recent vaults', () => {
  it('defaults to 5 minutes auto-lock and 30 seconds clipboard', () => {
    const store = new AppSettingsStore(join(makeTempDir(), 'ud'));
    expect(store.settings()).toEqual({ autoLockMinutes: 5, clipboardSeconds: 30, rotationDays: 180 });
    expect(DEFAULT_SETTINGS).toEqual({ autoLockMinutes: 5, clipboardSeconds: 30, rotationDays: 180 });
  });

  it('refuses out-of-range settings through IPC and directly, and writes nothing', async () => {
    const userDataDir = join(makeTempDir(), 'ud');
    const session = new SessionController({ userDataDir, platform: new MemoryPlatform() });
    const dispatch = createDispatcher(session);
    for (const patch of [
      { autoLockMinutes: 0 },
      { autoLockMinutes: 241 },
      { autoLockMinutes: 1.5 },
      { clipboardSeconds: 4 },
      { clipboardSeconds: 601 },
      { clipboardSeconds: '30' },
      { autoLockMinutes: Number.NaN },
    ]) {
      expect(await dispatch('updateSettings', patch)).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT' },
      });
      expect(() => new AppSettingsStore(userDataDir).updateSettings(patch as never)).toThrow(
        /1 to 240 minutes/,
      );
    }
    expect(readdirSync(userDataDir)).toEqual([]);
    expect(await dispatch('updateSettings', { autoLockMinutes: 240, clipboardSeconds: 5 })).toMatchObject({
      ok: true,
      value: { settings: { autoLockMinutes: 240, clipboardSeconds: 5 } },
    });
    expect(new AppSettingsStore(userDataDir).settings()).toEqual({
      autoLockMinutes: 240,
      clipboardSeconds: 5,
      rotationDays: 180,
    });
  });

  it('the rotation reminder is a setting (7 to 3,650 days) that the health report follows', async () => {
    const userDataDir = join(makeTempDir(), 'ud');
    const session = new SessionController({ userDataDir, platform: new MemoryPlatform() });
    const dispatch = createDispatcher(session);
    expect((await dispatch('updateSettings', { rotationDays: 6 })).ok).toBe(false);
    expect((await dispatch('updateSettings', { rotationDays: 3651 })).ok).toBe(false);
    await session.createVault({
      path: join(makeTempDir(), 'r.tokenvault'),
      password: TEST_PASSWORD,
      operator: 'op',
    });
    expect((await dispatch('updateSettings', { rotationDays: 30 })).ok).toBe(true);
    const report = await dispatch('healthReport', {});
    expect(report).toMatchObject({ ok: true, value: { rotationDays: 30 } });
    expect(new AppSettingsStore(userDataDir).settings().rotationDays).toBe(30);
  });

  it('a damaged or tampered settings file falls back to defaults instead of blocking the app', () => {
    const userDataDir = join(makeTempDir(), 'ud');
    mkdirSync(userDataDir);
    const file = join(userDataDir, SETTINGS_FILE);
    for (const content of [
      '{ not json',
      JSON.stringify({ settings: { autoLockMinutes: 0 }, recentVaults: [] }),
      JSON.stringify({ settings: { clipboardSeconds: 1e9 }, recentVaults: [] }),
      JSON.stringify({ settings: {}, recentVaults: [42] }),
      JSON.stringify({ settings: {}, recentVaults: ['x'.repeat(5000)] }),
      JSON.stringify(null),
    ]) {
      writeFileSync(file, content);
      const store = new AppSettingsStore(userDataDir);
      expect(store.settings()).toEqual(DEFAULT_SETTINGS);
      expect(store.recentVaults()).toEqual([]);
    }
    // A setting from a later version is ignored; the rest of the file still counts.
    writeFileSync(
      file,
      JSON.stringify({
        settings: { clipboardSeconds: 45, futureSetting: true },
        recentVaults: ['/a/b.tokenvault'],
      }),
    );
    const store = new AppSettingsStore(userDataDir);
    expect(store.settings()).toEqual({ autoLockMinutes: 5, clipboardSeconds: 45, rotationDays: 180 });
    expect(store.recentVaults().map((v) => v.path)).toEqual(['/a/b.tokenvault']);
  });

  it('remembers recent vaults as paths only: newest first, no duplicates, at most 8, with whether each still exists', async () => {
    const dir = makeTempDir();
    const userDataDir = join(dir, 'ud');
    const session = new SessionController({ userDataDir, platform: new MemoryPlatform() });
    const first = join(dir, 'first.tokenvault');
    const second = join(dir, 'second.tokenvault');
    const created = await session.createVault({ path: first, password: TEST_PASSWORD, operator: 'op' });
    await session.createVault({ path: second, password: TEST_PASSWORD, operator: 'op' });
    session.lock();
    await session.unlockVault({ path: first, password: TEST_PASSWORD });
    session.lock();
    expect(session.recentVaults()).toEqual([
      { path: first, name: 'first', exists: true, demo: false },
      { path: second, name: 'second', exists: true, demo: false },
    ]);

    const store = new AppSettingsStore(userDataDir);
    for (let i = 0; i < 10; i++) store.rememberVault(join(dir, `other-${i}.tokenvault`));
    expect(store.recentVaults()).toHaveLength(8);
    expect(store.recentVaults()[0]).toEqual({
      path: join(dir, 'other-9.tokenvault'),
      name: 'other-9',
      exists: false,
      demo: false,
    });

    rmSync(first, { recursive: true });
    const fresh = new AppSettingsStore(join(dir, 'ud2'));
    fresh.rememberVault(first);
    expect(fresh.recentVaults()).toEqual([{ path: first, name: 'first', exists: false, demo: false }]);
    // A demo vault is remembered as one (the welcome and unlock screens say DEMO before the password).
    fresh.rememberVault(join(dir, 'tour.tokenvault'), true);
    expect(new AppSettingsStore(join(dir, 'ud2')).recentVaults()[0]).toMatchObject({
      name: 'tour',
      demo: true,
    });

    // Nothing secret in the app's folder: only the settings file, with paths and numbers, private to the user.
    const files = readdirSync(userDataDir);
    expect(files).toEqual([SETTINGS_FILE]);
    const text = readFileSync(join(userDataDir, SETTINGS_FILE), 'utf8');
    expect(text.includes(TEST_PASSWORD)).toBe(false);
    expect(text.includes(created.recoveryKey)).toBe(false);
    expect(text.includes(created.recoveryKey.replace(/-/g, ''))).toBe(false);
    expect(Object.keys(JSON.parse(text)).sort()).toEqual(['demoVaults', 'recentVaults', 'settings']);
    expect(statSync(join(userDataDir, SETTINGS_FILE)).mode & 0o077).toBe(0);
  });

  it('a restarted app starts locked on the most recent vault', async () => {
    const dir = makeTempDir();
    const userDataDir = join(dir, 'ud');
    const path = join(dir, 'again.tokenvault');
    const first = new SessionController({ userDataDir, platform: new MemoryPlatform() });
    expect(first.getSession()).toMatchObject({ state: 'no-vault', path: null, vault: null });
    await first.createVault({ path, password: TEST_PASSWORD, operator: 'op' });
    first.lock();
    const restarted = new SessionController({ userDataDir, platform: new MemoryPlatform() });
    expect(restarted.getSession()).toMatchObject({
      state: 'locked',
      path,
      vault: null,
      retryAfterSeconds: 0,
    });
  });
});

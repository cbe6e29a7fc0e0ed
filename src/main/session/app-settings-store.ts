import { existsSync, mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { z } from 'zod';
import type { AppSettings } from '../../shared/api';
import { VaultError } from '../../shared/errors';
import { writeFileAtomic } from '../core/fs/atomic-write';
import { readBoundedFile } from '../core/fs/read-bounded';

/** Settings and a list of recent vaults: a few KB; anything past this is not a file we wrote, and is ignored. */
const SETTINGS_FILE_MAX_BYTES = 1024 * 1024;

export const DEFAULT_SETTINGS: AppSettings = { autoLockMinutes: 5, clipboardSeconds: 30, rotationDays: 180 };
const RECENT_LIMIT = 8;

/** The same bounds as the IPC contract's updateSettings, applied again to the file and to direct callers. */
const settingsShape = {
  autoLockMinutes: z.number().int().min(1).max(240),
  clipboardSeconds: z.number().int().min(5).max(600),
  rotationDays: z.number().int().min(7).max(3650),
};
const settingsSchema = z.strictObject(settingsShape).partial();

const fileSchema = z.object({
  // A setting a later version added is ignored rather than making the whole file unreadable.
  settings: z.object(settingsShape).partial().default({}),
  recentVaults: z.array(z.string().min(1).max(4096)).max(50).default([]),
  /** Which recent vaults are DEMO vaults, so the welcome and unlock screens say so before the password. */
  demoVaults: z.array(z.string().min(1).max(4096)).max(50).default([]),
});

/**
 * App preferences and the recent-vault list, in the app's user-data folder. Paths and numbers only: nothing here
 * is secret, and a damaged file falls back to defaults rather than blocking the app.
 */
export class AppSettingsStore {
  private readonly path: string;
  private state: z.infer<typeof fileSchema>;

  constructor(userDataDir: string) {
    mkdirSync(userDataDir, { recursive: true, mode: 0o700 });
    this.path = join(userDataDir, 'token-vault-settings.json');
    this.state = this.load();
  }

  private load(): z.infer<typeof fileSchema> {
    if (!existsSync(this.path)) return { settings: {}, recentVaults: [], demoVaults: [] };
    try {
      return fileSchema.parse(
        JSON.parse(
          readBoundedFile(this.path, {
            maxBytes: SETTINGS_FILE_MAX_BYTES,
            what: 'The settings file',
          }).toString('utf8'),
        ),
      );
    } catch {
      return { settings: {}, recentVaults: [], demoVaults: [] };
    }
  }

  private save(): void {
    writeFileAtomic(this.path, `${JSON.stringify(this.state, null, 2)}\n`);
  }

  settings(): AppSettings {
    return { ...DEFAULT_SETTINGS, ...this.state.settings };
  }

  updateSettings(patch: Partial<AppSettings>): AppSettings {
    const parsed = settingsSchema.safeParse(patch);
    if (!parsed.success) {
      throw new VaultError(
        'INVALID_INPUT',
        'Auto-lock takes 1 to 240 minutes, clipboard clearing 5 to 600 seconds, the rotation reminder 7 to 3,650 days.',
      );
    }
    this.state.settings = { ...this.state.settings, ...parsed.data };
    this.save();
    return this.settings();
  }

  recentVaults(): { path: string; name: string; exists: boolean; demo: boolean }[] {
    return this.state.recentVaults.map((path) => ({
      path,
      name: basename(path).replace(/\.tokenvault$/, ''),
      exists: existsSync(join(path, 'keyslots.json')),
      demo: this.state.demoVaults.includes(path),
    }));
  }

  rememberVault(path: string, demo = false): void {
    const recent = [path, ...this.state.recentVaults.filter((p) => p !== path)].slice(0, RECENT_LIMIT);
    this.state.recentVaults = recent;
    this.state.demoVaults = [
      ...(demo ? [path] : []),
      ...this.state.demoVaults.filter((p) => p !== path && recent.includes(p)),
    ];
    this.save();
  }
}
